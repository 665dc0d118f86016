/**
 * The plan's NetworkPolicies, judged by a third-party analyzer (cyclonus, built from the Go module
 * proxy): the connectivity it computes must equal the intended matrix, derived from the spec alone —
 * each OPD application reaches DNS, SSO, its own database, its declared interconnects and the
 * internet egress its OPD is given; no one reaches another OPD's database or applications directly.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { loadStack } from "../components/model/load";
import { CACHE } from "./realworld/keycloak-server";
import { SEED_STACKS } from "./support/stacks";

jest.setTimeout(120_000);
const ROOT = path.join(__dirname, "..");
const ANALYZER = path.join(CACHE, "bin", "netpol-check");
let work: string;
beforeAll(() => {
  if (!fs.existsSync(ANALYZER)) throw new Error(`This test needs ${ANALYZER}: run \`npm run setup\` (builds cyclonus from the Go module proxy).`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "regency-netpol-"));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Peer { Internal?: { Namespace: string; NamespaceLabels: Record<string, string>; PodLabels: Record<string, string> }; IP: string }
interface Case { label: string; traffic: { Source: Peer; Destination: Peer; ResolvedPort: number; ResolvedPortName: string; Protocol: string }; expected: boolean }

const pod = (namespace: string, labels: Record<string, string>, ip: string): Peer => ({ Internal: { Namespace: namespace, NamespaceLabels: { "kubernetes.io/metadata.name": namespace }, PodLabels: labels }, IP: ip });
const external = (ip: string): Peer => ({ IP: ip });
const name = "app.kubernetes.io/name";

function policiesDir(slug: string, tag = ""): string {
  const out = path.join(work, slug + tag);
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "regency.js"), "plan", "--stack", slug, "--out", out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  const dir = path.join(out, "netpol");
  fs.mkdirSync(dir);
  let i = 0;
  for (const site of fs.readdirSync(path.join(out, "kubernetes"))) {
    for (const f of fs.readdirSync(path.join(out, "kubernetes", site))) {
      for (const d of YAML.parseAllDocuments(fs.readFileSync(path.join(out, "kubernetes", site, f), "utf8")).map((x) => x.toJS())) {
        if (d.kind === "NetworkPolicy") fs.writeFileSync(path.join(dir, `${String(i++).padStart(4, "0")}.json`), JSON.stringify(d));
      }
    }
  }
  return dir;
}

/** The intended matrix, from the spec (not from the plan's flows). */
function intendedCases(slug: string): Case[] {
  const model = loadStack(slug);
  const deployed = model.applications.filter((h) => h.app.site === undefined);
  const nsOf = (opd?: string) => (opd ? `opd-${opd}` : "aplikasi-umum");
  const partners = new Map(model.spec.interconnections.map((c) => [c.id, c]));
  const internetFor = (opd?: string) =>
    model.spec.internet.egress.filter((e) => opd && (e.opds.includes("*") || e.opds.includes(opd)) && e.to.includes("0.0.0.0/0")).flatMap((e) => e.ports);
  const cases: Case[] = [];
  const add = (label: string, Source: Peer, Destination: Peer, port: number, expected: boolean, protocol = "TCP") =>
    cases.push({ label, traffic: { Source, Destination, ResolvedPort: port, ResolvedPortName: "", Protocol: protocol }, expected });
  const ingress = pod("ingress", { [name]: "ingress-nginx" }, "10.0.0.2");
  const keycloak = pod("sso", { [name]: "keycloak" }, "10.0.0.3");
  const dns = pod("kube-system", { "k8s-app": "kube-dns" }, "10.0.0.4");
  let ip = 10;
  const appPod = new Map(deployed.map((h) => [h.app.id, pod(nsOf(h.opd), { [name]: h.app.id }, `10.1.0.${ip++}`)]));
  const dbPod = new Map(deployed.filter((h) => h.app.database).map((h) => [h.app.id, pod(nsOf(h.opd), { [name]: `${h.app.id}-db` }, `10.2.0.${ip++}`)]));
  for (const h of deployed) {
    const me = appPod.get(h.app.id)!;
    add(`${h.app.id} → DNS (udp)`, me, dns, 53, true, "UDP");
    add(`${h.app.id} → SSO`, me, keycloak, 8080, true);
    add(`ingress → ${h.app.id}`, ingress, me, h.app.port, true);
    add(`keycloak → ${h.app.id}`, keycloak, me, h.app.port, false);
    for (const [other, db] of dbPod) add(`${h.app.id} → ${other}-db`, me, db, 5432, other === h.app.id);
    for (const [other, theirs] of appPod) if (other !== h.app.id) add(`${h.app.id} → ${other}`, me, theirs, deployed.find((x) => x.app.id === other)!.app.port, false);
    for (const [id, c] of partners) {
      const target = external(c.remote.cidr.replace(/\.\d+\/\d+$/, ".1"));
      for (const port of c.remote.ports) add(`${h.app.id} → partner ${id}:${port}`, me, target, port, h.app.interconnects.includes(id) || internetFor(h.opd).includes(port));
    }
    add(`${h.app.id} → internet:443`, me, external("8.8.8.8"), 443, internetFor(h.opd).includes(443));
    add(`${h.app.id} → internet:25`, me, external("8.8.8.8"), 25, internetFor(h.opd).includes(25));
  }
  for (const [id, db] of dbPod) {
    add(`ingress → ${id}-db`, ingress, db, 5432, false);
    add(`${id}-db → internet:443`, db, external("8.8.8.8"), 443, internetFor(deployed.find((h) => h.app.id === id)!.opd).includes(443));
  }
  return cases;
}

describe("NetworkPolicies judged by a third-party analyzer (cyclonus)", () => {
  it.each(SEED_STACKS)("%s: the analyzer's connectivity equals the intended matrix", (slug) => {
    const dir = policiesDir(slug);
    const cases = intendedCases(slug);
    const file = path.join(work, `${slug}-traffic.json`);
    fs.writeFileSync(file, JSON.stringify(cases.map((c) => c.traffic)));
    const r = spawnSync(ANALYZER, [dir, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(0);
    const verdicts: { allowed: boolean }[] = JSON.parse(r.stdout);
    expect(verdicts).toHaveLength(cases.length);
    const wrong = cases.filter((c, i) => verdicts[i].allowed !== c.expected).map((c) => `${c.label}: intended ${c.expected ? "allowed" : "denied"}`);
    expect(wrong).toEqual([]);
    expect(cases.length).toBeGreaterThan(400);
    expect(cases.filter((c) => c.expected).length).toBeGreaterThan(50);
  });

  it("the analyzer notices a policy that lets one OPD into another's database", () => {
    const dir = policiesDir("batang-hari", "-leak");
    const leak = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "leak", namespace: "opd-dinkes" }, spec: { podSelector: { matchLabels: { [name]: "simpus-db" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 5432, protocol: "TCP" }] }] } };
    fs.writeFileSync(path.join(dir, "9999.json"), JSON.stringify(leak));
    const traffic = [{ Source: pod("opd-dishub", { [name]: "ekir" }, "10.1.0.1"), Destination: pod("opd-dinkes", { [name]: "simpus-db" }, "10.2.0.1"), ResolvedPort: 5432, ResolvedPortName: "", Protocol: "TCP" }];
    const file = path.join(work, "leak.json");
    fs.writeFileSync(file, JSON.stringify(traffic));
    const verdicts = JSON.parse(spawnSync(ANALYZER, [dir, file], { encoding: "utf8" }).stdout);
    // Ingress is now open; egress from dishub to dinkes' database is still denied by dishub's own policies.
    expect(verdicts[0]).toEqual({ ingress: true, egress: false, allowed: false });
  });
});
