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
import { CACHE } from "./realworld/keycloak-server";
import { SEED_STACKS } from "./support/stacks";
import { intendedCases, name, pod } from "./support/matrix";

jest.setTimeout(120_000);
const ROOT = path.join(__dirname, "..");
const ANALYZER = path.join(CACHE, "bin", "netpol-check");
let work: string;
beforeAll(() => {
  if (!fs.existsSync(ANALYZER))
    throw new Error(`This test needs ${ANALYZER}: run \`npm run setup\` (builds cyclonus from the Go module proxy).`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "regency-netpol-"));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function policiesDir(slug: string, tag = ""): string {
  const out = path.join(work, slug + tag);
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "regency.js"), "plan", "--stack", slug, "--out", out], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
  const dir = path.join(out, "netpol");
  fs.mkdirSync(dir);
  let i = 0;
  for (const site of fs.readdirSync(path.join(out, "kubernetes"))) {
    for (const f of fs.readdirSync(path.join(out, "kubernetes", site))) {
      for (const d of YAML.parseAllDocuments(fs.readFileSync(path.join(out, "kubernetes", site, f), "utf8")).map((x) =>
        x.toJS(),
      )) {
        if (d.kind === "NetworkPolicy")
          fs.writeFileSync(path.join(dir, `${String(i++).padStart(4, "0")}.json`), JSON.stringify(d));
      }
    }
  }
  return dir;
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
    const wrong = cases
      .filter((c, i) => verdicts[i].allowed !== c.expected)
      .map((c) => `${c.label}: intended ${c.expected ? "allowed" : "denied"}`);
    expect(wrong).toEqual([]);
    expect(cases.length).toBeGreaterThan(400);
    expect(cases.filter((c) => c.expected).length).toBeGreaterThan(50);
  });

  it("the analyzer notices a policy that lets one OPD into another's database", () => {
    const dir = policiesDir("batang-hari", "-leak");
    const leak = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "leak", namespace: "opd-dinkes" },
      spec: {
        podSelector: { matchLabels: { [name]: "simpus-db" } },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 5432, protocol: "TCP" }] }],
      },
    };
    fs.writeFileSync(path.join(dir, "9999.json"), JSON.stringify(leak));
    const traffic = [
      {
        Source: pod("opd-dishub", { [name]: "ekir" }, "10.1.0.1"),
        Destination: pod("opd-dinkes", { [name]: "simpus-db" }, "10.2.0.1"),
        ResolvedPort: 5432,
        ResolvedPortName: "",
        Protocol: "TCP",
      },
    ];
    const file = path.join(work, "leak.json");
    fs.writeFileSync(file, JSON.stringify(traffic));
    const verdicts = JSON.parse(spawnSync(ANALYZER, [dir, file], { encoding: "utf8" }).stdout);
    // Ingress is now open; egress from dishub to dinkes' database is still denied by dishub's own policies.
    expect(verdicts[0]).toEqual({ ingress: true, egress: false, allowed: false });
  });
});
