/**
 * The real policy pack, served by @pulumi/policy's own analyzer server in a child process and driven
 * over gRPC as the Pulumi engine drives it: Configure (the policy pack config), then AnalyzeStack.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { ResourceView } from "../../policies/model";

const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzer = require("@pulumi/pulumi/proto/analyzer_pb");
const struct = require("google-protobuf/google/protobuf/struct_pb");
const empty = require("google-protobuf/google/protobuf/empty_pb");

export const LEVEL = ["advisory", "mandatory", "disabled", "remediate"];
export type Diagnostic = { policy: string; level: string; urn: string; message: string };

/** One resource as the engine sends it in AnalyzeStack. */
function wire(r: ResourceView) {
  const res = new analyzer.AnalyzerResource();
  res.setType(r.type);
  res.setUrn(r.urn);
  res.setName(r.name);
  res.setProperties(struct.Struct.fromJavaScript(r.props));
  const opts = new analyzer.AnalyzerResourceOptions();
  opts.setProtect(r.protect);
  if (r.parent) {
    res.setParent(r.parent);
    opts.setParent(r.parent);
  }
  res.setOptions(opts);
  if (r.provider) {
    const p = new analyzer.AnalyzerProviderResource();
    p.setType(r.provider.type);
    p.setUrn(r.provider.urn);
    p.setName(r.provider.name);
    p.setProperties(struct.Struct.fromJavaScript(r.provider.props));
    res.setProvider(p);
  }
  return res;
}

export interface ServedPack {
  info(): Promise<any>;
  /** Configure: per policy its level and properties, as `--policy-pack-config` hands them to the pack. */
  configure(config: Record<string, { level: string; properties?: Record<string, unknown> }>): Promise<void>;
  analyze(views: ResourceView[]): Promise<Diagnostic[]>;
  close(): void;
}

export async function servePack(): Promise<ServedPack> {
  const pack: ChildProcess = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], {
    cwd: path.join(__dirname, "..", "..", "policies"),
    stdio: ["ignore", "pipe", "pipe"],
  });
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
  const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = <T>(method: string, req: unknown): Promise<T> =>
    new Promise((resolve, reject) => client[method](req, (e: Error | null, res: T) => (e ? reject(e) : resolve(res))));
  return {
    info: () => call("getAnalyzerInfo", new empty.Empty()),
    async configure(config) {
      const req = new analyzer.ConfigureAnalyzerRequest();
      const map = req.getPolicyconfigMap();
      for (const [name, c] of Object.entries(config)) {
        const pc = new analyzer.PolicyConfig();
        pc.setEnforcementlevel(LEVEL.indexOf(c.level));
        pc.setProperties(struct.Struct.fromJavaScript(JSON.parse(JSON.stringify(c.properties ?? {}))));
        map.set(name, pc);
      }
      await call("configure", req);
    },
    async analyze(views) {
      const req = new analyzer.AnalyzeStackRequest();
      req.setResourcesList(views.map(wire));
      const res: any = await call("analyzeStack", req);
      return res.getDiagnosticsList().map((d: any) => ({
        policy: d.getPolicyname(),
        level: LEVEL[d.getEnforcementlevel()],
        urn: d.getUrn(),
        message: d.getMessage(),
      }));
    },
    close() {
      client.close();
      pack.kill();
    },
  };
}
