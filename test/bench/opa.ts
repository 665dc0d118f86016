/**
 * Our policy engine and OPA side by side: the same four rules (test/bench/rego/regency.rego is the
 * Rego twin of custodian-data-center, official-domain, backup-separation and ip-numbering) over
 * the same rendered resources. Both engines must report the same findings before their times
 * mean anything.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CheckContext, contextOf, ResourceView } from "../../policies/model";
import { backupSeparation } from "../../policies/rules/backup-separation";
import { custodianDataCenter } from "../../policies/rules/custodian-data-center";
import { ipNumbering } from "../../policies/rules/ip-numbering";
import { officialDomain } from "../../policies/rules/official-domain";
import { CACHE } from "../realworld/keycloak-server";
import type { AnyView } from "../support/views";

export const REGO = path.join(__dirname, "rego", "regency.rego");
export const COMPARED_RULES = [custodianDataCenter, officialDomain, backupSeparation, ipNumbering];
export const OPA = path.join(CACHE, "bin", "opa");

export interface Finding {
  rule: string;
  urn: string;
  message: string;
}

/** A comparable key: overlaps are keyed by their CIDR pair, since which side carries the finding is each engine's choice. */
export function findingKey(f: Finding): string {
  const overlap = /^(\S+) overlaps (\S+)$/.exec(f.message);
  if (f.rule === "ip-numbering" && overlap) return `${f.rule}\toverlap\t${[overlap[1], overlap[2]].sort().join(" ")}`;
  return `${f.rule}\t${f.urn}\t${f.message}`;
}

export function oursFindings(ctx: CheckContext): Finding[] {
  return COMPARED_RULES.flatMap((rule) =>
    rule.check(ctx).map((f) => ({ rule: rule.name, urn: f.urn, message: f.message })),
  );
}

export function writeInput(views: ResourceView[], file: string): void {
  fs.writeFileSync(file, JSON.stringify({ resources: views }));
}

export function opaFindings(inputFile: string): Finding[] {
  const out = execFileSync(OPA, ["eval", "--format", "json", "-d", REGO, "-i", inputFile, "data.regency.deny"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  return JSON.parse(out).result[0].expressions[0].value as Finding[];
}

/** Mean evaluation time in OPA, input and policy loaded and compiled (`opa bench`). */
export function opaMeanMs(inputFile: string): number {
  const out = execFileSync(
    OPA,
    ["bench", "--format", "json", "--count", "1", "-d", REGO, "-i", inputFile, "data.regency.deny"],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  return JSON.parse(out).Extra["histogram_timer_rego_query_eval_ns_mean"] / 1e6;
}

/** Mean evaluation time of ours, repeated for at least `minMs` as `opa bench` does. */
export function oursMeanMs(ctx: CheckContext, minMs = 1000): number {
  oursFindings(ctx); // warm up
  let n = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs || n < 5) {
    oursFindings(ctx);
    n++;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return elapsed / n;
}

/** Same findings, or a description of how they differ. */
export function sameFindings(ours: Finding[], opa: Finding[]): string | undefined {
  const a = new Set(ours.map(findingKey));
  const b = new Set(opa.map(findingKey));
  const onlyOurs = [...a].filter((k) => !b.has(k));
  const onlyOpa = [...b].filter((k) => !a.has(k));
  if (onlyOurs.length === 0 && onlyOpa.length === 0) return undefined;
  return [...onlyOurs.map((k) => `only ours: ${k}`), ...onlyOpa.map((k) => `only OPA:  ${k}`)].join("\n");
}

/** One resource of each kind the four rules look at, made to break them (views are copied). */
export function withViolations(input: ResourceView[]): ResourceView[] {
  const views: AnyView[] = structuredClone(input);
  const first = (pred: (r: AnyView) => boolean) => views.find(pred);
  const k8s = (k: string) => (r: AnyView) => r.type.startsWith("kubernetes:") && r.props.kind === k;
  const root = first((r) => r.type === "regency:regency:Regency")!;
  const main: string = root.props.mainSite;

  const dc = first((r) => r.type === "regency:datacenter:DataCenter");
  if (dc) dc.props.site = { ...dc.props.site, operator: "dinkes" };
  // Placed through a provider no custodian data center owns (an OPD's own cluster or server).
  const placed = first((r) => r.provider !== undefined && /^(kubernetes|docker):/.test(r.type));
  if (placed)
    placed.provider = {
      ...placed.provider!,
      urn: "urn:pulumi:bench::regency::pulumi:providers:kubernetes::opd-dinkes",
      name: "opd-dinkes",
    };

  const ingress = first(k8s("Ingress"));
  if (ingress) ingress.props.spec.rules[0].host = "layanan.example.com";
  const proxy = first((r) => r.type === "regency:docker:ReverseProxy");
  if (proxy) proxy.props.routes[0].hostname = "layanan.example.com";

  const backups = first((r) => r.type === "regency:backup:Backups" || r.type === "regency:docker:BackupRunner");
  if (backups) backups.props.jobs[0].targetSite = main;
  // A DR site's backup storage created through the primary's provider, and not retained on delete.
  const siteLabel = (r: AnyView) =>
    r.props.metadata?.labels?.["regency.go.id/backup-site"] ??
    (r.props.labels as { label: string; value: string }[] | undefined)?.find(
      (l) => l.label === "regency.go.id/backup-site",
    )?.value;
  const storage = first(
    (r) => (k8s("PersistentVolumeClaim")(r) || r.type === "docker:index/volume:Volume") && siteLabel(r) !== undefined,
  );
  const mainCenter = first(
    (r) => r.type === "regency:datacenter:DataCenter" && r.props.site?.id === main && r.props.provider,
  );
  if (storage) storage.retainOnDelete = false;
  if (storage && mainCenter && storage.provider)
    storage.provider = { ...storage.provider, urn: mainCenter.props.provider };

  const network = first((r) => r.type === "docker:index/network:Network");
  if (network) network.props.ipamConfigs[0].subnet = "192.168.50.0/24";
  const container = first((r) => r.type === "docker:index/container:Container");
  if (container) container.props.networksAdvanced = [...(container.props.networksAdvanced ?? []), { name: "bridge" }];
  const segment = root.props.segments[0] as { name: string; cidr: string };
  const pool = (name: string, cidr: string): ResourceView => ({
    urn: `urn:pulumi:bench::regency::kubernetes:crd.projectcalico.org/v1:IPPool::${name}`,
    type: "kubernetes:crd.projectcalico.org/v1:IPPool",
    name,
    props: { apiVersion: "crd.projectcalico.org/v1", kind: "IPPool", metadata: { name }, spec: { cidr } },
    protect: false,
  });
  views.push(pool(segment.name, segment.cidr), pool("tamu", segment.cidr), pool("liar", "172.31.0.0/16"));
  const ns = first(k8s("Namespace"));
  if (ns)
    ns.props.metadata = {
      ...ns.props.metadata,
      annotations: { ...ns.props.metadata.annotations, "regency.go.id/segment-cidr": "10.250.0.0/24" },
    };
  return views;
}

export const contextFor = (views: ResourceView[]) => contextOf(views, "2026-11-23")!;
