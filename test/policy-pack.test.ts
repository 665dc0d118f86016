/**
 * The real policy pack, served by @pulumi/policy's own analyzer server in a child process and
 * driven over gRPC the way the Pulumi engine drives it: its verdicts must equal the offline check's.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { loadStack, loadStackText } from "../components/model/load";
import { checkModel, viewsOf } from "../infra/check";
import { synthesize } from "../infra/synth";
import { specOf, stackText } from "./support/stacks";

const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzer = require("@pulumi/pulumi/proto/analyzer_pb");
const struct = require("google-protobuf/google/protobuf/struct_pb");
const empty = require("google-protobuf/google/protobuf/empty_pb");

const LEVEL = ["advisory", "mandatory", "disabled", "remediate"];
let pack: ChildProcess;
let client: any;

beforeAll(async () => {
  pack = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], { cwd: path.join(__dirname, "..", "policies"), stdio: ["ignore", "pipe", "pipe"] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    pack.stdout!.on("data", (d) => {
      out += d;
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) resolve(m[1]);
    });
    pack.stderr!.on("data", (d) => (err += d));
    pack.on("exit", (code) => reject(new Error(`policy pack exited ${code}: ${err}`)));
  });
  client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 60000);
afterAll(() => {
  client?.close();
  pack?.kill();
});

const call = <T>(method: string, req: unknown): Promise<T> => new Promise((resolve, reject) => client[method](req, (e: Error | null, res: T) => (e ? reject(e) : resolve(res))));

async function analyze(model: ReturnType<typeof loadStack>) {
  const s = await synthesize(model);
  const req = new analyzer.AnalyzeStackRequest();
  req.setResourcesList(
    viewsOf(s).map((r) => {
      const res = new analyzer.AnalyzerResource();
      res.setType(r.type);
      res.setUrn(r.urn);
      res.setName(r.name);
      res.setProperties(struct.Struct.fromJavaScript(JSON.parse(JSON.stringify(r.props))));
      const opts = new analyzer.AnalyzerResourceOptions();
      opts.setProtect(r.protect);
      if (r.parent) {
        res.setParent(r.parent);
        opts.setParent(r.parent);
      }
      res.setOptions(opts);
      return res;
    }),
  );
  const res: any = await call("analyzeStack", req);
  return res.getDiagnosticsList().map((d: any) => ({ policy: d.getPolicyname(), level: LEVEL[d.getEnforcementlevel()], urn: d.getUrn(), message: d.getMessage() }));
}

describe("the CrossGuard policy pack, served for real", () => {
  it("declares a mandatory policy and an advisory twin per rule", async () => {
    const info: any = await call("getAnalyzerInfo", new empty.Empty());
    const policies = info.getPoliciesList().map((p: any) => [p.getName(), LEVEL[p.getEnforcementlevel()]]);
    expect(info.getName()).toBe("regency-compliance");
    expect(policies).toContainEqual(["custodian-data-center", "mandatory"]);
    expect(policies).toContainEqual(["custodian-data-center-advisory", "advisory"]);
    expect(policies).toContainEqual(["sso-transition", "advisory"]);
    expect(policies.length).toBeGreaterThanOrEqual(28);
  });

  it.each([
    ["a seed stack (Konawe Selatan)", "konawe-selatan", () => undefined],
    ["a DR site run by an OPD (Batang Hari)", "batang-hari", (s: Record<string, any>) => (s.sites[1].operator = "dinkes")],
    ["a database on a public port (OKU Selatan)", "oku-selatan", (s: Record<string, any>) => (s.opds[1].applications[0].database.publishedPort = 5432)],
  ])("reports exactly what the offline check reports: %s", async (_label, slug, mutate) => {
    const spec = specOf(slug);
    mutate(spec);
    const model = loadStackText(stackText(spec), "x.yaml");
    const diagnostics = await analyze(model);
    const offline = await checkModel(model);
    const key = (x: { policy: string; level: string; urn: string }) => `${x.level} ${x.policy} ${x.urn}`;
    expect(diagnostics.map(key).sort()).toEqual(offline.violations.map(key).sort());
    for (const d of diagnostics.filter((x: { level: string }) => x.level === "mandatory")) expect(d.message).toMatch(/Dasar \/ basis: Peraturan Bupati .* Pasal \d+/);
  });
});
