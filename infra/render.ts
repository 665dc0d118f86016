/**
 * Writes a synthesis as files: the exact desired state, deterministic (the same spec gives
 * byte-identical files), with generated secrets as labelled placeholders.
 */
import * as fs from "fs";
import * as path from "path";
// js-yaml emits these plain documents about four times faster than `yaml` (measured by `npm run bench`);
// `yaml` stays for reading stack files, where its source positions name the failing line.
import * as jsYaml from "js-yaml";
import { backupScripts } from "../components/backup/scripts";
import { ipPlanCsv } from "./ipplan-text";
import { Synthesis, SynthResource } from "./synth";

/** Apply order: what others live in or refer to comes first. */
const KIND_ORDER = [
  "Namespace",
  "IPPool",
  "ResourceQuota",
  "LimitRange",
  "NetworkPolicy",
  "Secret",
  "ConfigMap",
  "PersistentVolumeClaim",
  "Service",
  "StatefulSet",
  "Deployment",
  "Job",
  "CronJob",
  "Ingress",
  // Docker
  "RemoteImage",
  "Network",
  "Volume",
  "Container",
];

export interface Manifest {
  site: string;
  namespace?: string;
  kind: string;
  name: string;
  body: Record<string, unknown>;
}

export function manifestsOf(s: Synthesis): Manifest[] {
  const isManifest = (r: SynthResource) =>
    r.custom && r.type.startsWith("kubernetes:") && typeof r.inputs.kind === "string";
  return s.resources
    .filter(isManifest)
    .map((r) => {
      const meta = (r.inputs.metadata ?? {}) as { name?: string; namespace?: string };
      return {
        site: r.provider ?? "default",
        ...(meta.namespace ? { namespace: meta.namespace } : {}),
        kind: r.inputs.kind as string,
        name: meta.name ?? r.name,
        body: r.inputs,
      };
    })
    .sort(
      (a, b) =>
        a.site.localeCompare(b.site) ||
        (a.namespace ?? "").localeCompare(b.namespace ?? "") ||
        rank(a.kind) - rank(b.kind) ||
        a.name.localeCompare(b.name),
    );
}
const rank = (kind: string) => (KIND_ORDER.indexOf(kind) + KIND_ORDER.length + 1) % (KIND_ORDER.length + 1);

/** The Docker provider's inputs the deployment description reads (networks, volumes, images, containers). */
interface DockerInputs {
  name: string;
  ipamConfigs?: { subnet?: string; gateway?: string }[];
  internal?: boolean;
  labels?: { label: string; value: string }[];
  driver?: string;
  driverOpts?: Record<string, string>;
  image?: string;
  command?: string[];
  entrypoints?: string[];
  networksAdvanced?: { name: string; aliases?: string[] }[];
  envs?: string[];
  volumes?: { volumeName: string; containerPath: string; readOnly?: boolean }[];
  ports?: { internal: number; external?: number; ip?: string }[];
  uploads?: { file: string }[];
  restart?: string;
  memory?: number;
  cpus?: string;
  readOnly?: boolean;
  healthcheck?: { tests: string[] };
}

const DOCKER_TYPES = {
  network: "docker:index/network:Network",
  container: "docker:index/container:Container",
  volume: "docker:index/volume:Volume",
  image: "docker:index/remoteImage:RemoteImage",
} as const;

/** The Docker desired state of each site: networks, containers and volumes, as documented in the README. */
export function dockerStateOf(s: Synthesis): Map<string, object> {
  type State = {
    networks: object[];
    containers: object[];
    volumes: object[];
    images: string[];
    approximations: object[];
  };
  const sites = new Map<string, State>();
  const site = (r: SynthResource) => {
    const key = r.provider ?? "default";
    // What Docker cannot enforce of the plan's flows, said beside what it builds.
    if (!sites.has(key))
      sites.set(key, {
        networks: [],
        containers: [],
        volumes: [],
        images: [],
        approximations: s.outputs.plan.docker.approximations,
      });
    return sites.get(key)!;
  };
  const labels = (l: unknown) =>
    Object.fromEntries(((l ?? []) as { label: string; value: string }[]).map((x) => [x.label, x.value]));
  for (const r of s.resources) {
    const i = r.inputs as unknown as DockerInputs;
    if (r.type === DOCKER_TYPES.network) {
      site(r).networks.push({
        name: i.name,
        subnet: i.ipamConfigs?.[0]?.subnet,
        gateway: i.ipamConfigs?.[0]?.gateway,
        internal: i.internal ?? false,
        labels: labels(i.labels),
      });
    } else if (r.type === DOCKER_TYPES.volume) {
      site(r).volumes.push({
        name: i.name,
        driver: i.driver ?? "local",
        ...(i.driverOpts ? { driverOpts: i.driverOpts } : {}),
        retainOnDelete: r.retainOnDelete,
        protect: r.protect,
        labels: labels(i.labels),
      });
    } else if (r.type === DOCKER_TYPES.image) {
      site(r).images.push(i.name);
    } else if (r.type === DOCKER_TYPES.container) {
      site(r).containers.push({
        name: i.name,
        image: i.image,
        ...(i.command ? { command: i.command } : {}),
        ...(i.entrypoints ? { entrypoint: i.entrypoints } : {}),
        networks: (i.networksAdvanced ?? []).map((n) => ({
          name: n.name,
          ...(n.aliases ? { aliases: n.aliases } : {}),
        })),
        env: i.envs ?? [],
        volumes: (i.volumes ?? []).map((v) => ({
          volume: v.volumeName,
          path: v.containerPath,
          ...(v.readOnly ? { readOnly: true } : {}),
        })),
        ports: i.ports ?? [],
        files: (i.uploads ?? []).map((u) => u.file),
        restart: i.restart,
        ...(i.memory ? { memoryMiB: i.memory } : {}),
        ...(i.cpus ? { cpus: i.cpus } : {}),
        readOnlyRootFilesystem: i.readOnly ?? false,
        ...(i.healthcheck ? { healthcheck: i.healthcheck.tests } : {}),
        labels: labels(i.labels),
      });
    }
  }
  const byName = (a: object, b: object) => (a as { name: string }).name.localeCompare((b as { name: string }).name);
  for (const v of sites.values()) {
    v.images.sort();
    for (const list of [v.networks, v.containers, v.volumes]) list.sort(byName);
  }
  return new Map([...sites].map(([k, v]) => [k, v]));
}

/** Returns the files to write, by relative path. */
export function renderPlan(s: Synthesis): Map<string, string> {
  const files = new Map<string, string>();
  for (const [site, state] of dockerStateOf(s))
    files.set(path.join("docker", `${site}.json`), JSON.stringify(state, null, 2) + "\n");
  const bySite = new Map<string, Manifest[]>();
  for (const m of manifestsOf(s)) {
    const key = path.join("kubernetes", m.site, `${m.namespace ?? "_cluster"}.yaml`);
    if (!bySite.has(key)) bySite.set(key, []);
    bySite.get(key)!.push(m);
  }
  for (const [file, ms] of bySite) {
    files.set(file, ms.map((m) => jsYaml.dump(m.body, { lineWidth: -1, noRefs: true })).join("---\n"));
  }
  const plan = s.outputs.plan;
  files.set(path.join("sso", `realm-${plan.sso.realm.realm}.json`), JSON.stringify(plan.sso.realm, null, 2) + "\n");
  for (const [name, text] of Object.entries(backupScripts())) files.set(path.join("backup", "scripts", name), text);
  files.set(
    path.join("backup", "schedule.json"),
    JSON.stringify(
      plan.backupJobs.map((j) => ({
        name: j.name,
        namespace: j.namespace,
        kind: j.kind,
        source: j.source,
        schedule: j.schedule,
        timeZone: j.timeZone,
        retention: j.retention,
        policy: j.policy,
        targetSite: j.targetSite,
        repository: j.repository.url,
      })),
      null,
      2,
    ) + "\n",
  );
  files.set(path.join("backup", "repositories.json"), JSON.stringify(plan.backupRepositories, null, 2) + "\n");
  files.set("ipplan.json", JSON.stringify(s.outputs.ipPlan, null, 2) + "\n");
  files.set("ipplan.csv", ipPlanCsv(s.outputs.ipPlan));
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Replaces the output directory's content with the plan (written beside it, then swapped in). */
/** The file that marks a directory as written by `regency plan`: only such a directory is ever replaced. */
export const PLAN_MARKER = ".regency-plan";

export class PlanOutputError extends Error {}

/**
 * Writes the plan into `outDir`: a new or empty directory, or one an earlier `regency plan` wrote (it has
 * the marker), which is replaced whole. Anything else is refused before anything is written; the files
 * are staged beside it and swapped in, so a failure leaves the old plan (and no staging) behind.
 */
export function writePlan(files: Map<string, string>, outDir: string): void {
  const target = path.resolve(outDir);
  const refuse = (why: string) => {
    throw new PlanOutputError(`${outDir}: ${why}; nothing written`);
  };
  if (target === path.parse(target).root || process.cwd().startsWith(target + path.sep) || process.cwd() === target)
    refuse("is the current directory, one of its parents or the root: give a directory of its own, e.g. out/plan");
  let existing: string[] | undefined;
  try {
    const stat = fs.lstatSync(target);
    if (!stat.isDirectory()) refuse("exists and is not a directory");
    existing = fs.readdirSync(target);
  } catch (e) {
    if (e instanceof PlanOutputError) throw e;
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") refuse(`cannot be read (${(e as NodeJS.ErrnoException).code})`);
  }
  if (existing && existing.length > 0 && !existing.includes(PLAN_MARKER))
    refuse(
      `is not empty and was not written by \`regency plan\` (no ${PLAN_MARKER} in it): give a new or empty directory`,
    );
  const staging = `${target}.tmp-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  try {
    fs.mkdirSync(staging, { recursive: true });
    fs.writeFileSync(
      path.join(staging, PLAN_MARKER),
      "Written by `regency plan`; the next run replaces this directory whole.\n",
    );
    for (const [rel, text] of files) {
      const file = path.join(staging, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text, rel.endsWith(".sh") ? { mode: 0o755 } : undefined);
    }
    if (existing) fs.renameSync(target, old);
    fs.renameSync(staging, target);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (existing && !fs.existsSync(target) && fs.existsSync(old)) fs.renameSync(old, target);
    const err = e as NodeJS.ErrnoException;
    refuse(`cannot be written (${err.code ?? err.message}${err.path ? `: ${err.path}` : ""})`);
  }
  fs.rmSync(old, { recursive: true, force: true });
}

/** "Namespace 18, NetworkPolicy 111, …" (Docker: "Network 19, Container 40, …") */
export function countByKind(s: Synthesis): [string, number][] {
  const counts = new Map<string, number>();
  for (const m of manifestsOf(s)) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  for (const r of s.resources)
    if (r.type.startsWith("docker:index/")) {
      const k = r.type.split(":").pop()!;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  return [...counts.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
}
