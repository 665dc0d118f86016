/**
 * Every manifest of every seed stack's plan, applied (server-side apply) to a real kube-apiserver
 * backed by a real etcd, with the data center's admission policies in force: all must be accepted, as
 * the server validates and admits them; one it must reject proves the check can fail.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { loadStack } from "../components/model/load";
import { ApiServer, startApiServer } from "./realworld/kube-apiserver";
import { SEED_STACKS } from "./support/stacks";

jest.setTimeout(300_000);
const ROOT = path.join(__dirname, "..");
let work: string;
beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), "regency-k8s-"))));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A fresh API server and etcd per stack: the regencies are separate clusters that reuse namespace names. */
async function withApiServer<T>(fn: (api: ApiServer) => Promise<T>): Promise<T> {
  const api = await startApiServer();
  try {
    return await fn(api);
  } finally {
    await api.stop();
  }
}

function manifestsOf(slug: string): Record<string, any>[] {
  const out = path.join(work, slug);
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "regency.js"), "plan", "--stack", slug, "--out", out], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
  const docs: Record<string, any>[] = [];
  for (const site of fs.readdirSync(path.join(out, "kubernetes"))) {
    const dir = path.join(out, "kubernetes", site);
    // Cluster-scoped objects (namespaces) first, as kubectl apply would need them.
    const files = fs
      .readdirSync(dir)
      .sort((a, b) => (a === "_cluster.yaml" ? -1 : b === "_cluster.yaml" ? 1 : a.localeCompare(b)));
    for (const f of files)
      docs.push(...YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8")).map((d) => d.toJS()));
  }
  return docs;
}

describe("the plan's manifests in a real kube-apiserver", () => {
  it.each(SEED_STACKS)("%s: every manifest is accepted", (slug) =>
    withApiServer(async (api) => {
      const docs = manifestsOf(slug);
      expect(docs.length).toBeGreaterThan(300);
      const rejected: string[] = [];
      const apply = async (d: Record<string, any>) => {
        const r = await api.apply(d);
        if (r.status >= 300)
          rejected.push(
            `${d.kind} ${d.metadata.namespace ?? ""}/${d.metadata.name}: ${r.status} ${r.body?.message ?? JSON.stringify(r.body).slice(0, 300)}`,
          );
      };
      // The admission policies first, in force before anything else (as the program orders them): every
      // other manifest must pass them. (Sites share nothing here but the API server: the primary's policies are the strictest.)
      const isPolicy = (d: Record<string, any>) => d.kind.startsWith("ValidatingAdmissionPolicy");
      const primaryPolicies = docs.filter(
        (d) =>
          isPolicy(d) &&
          d.metadata.labels?.["regency.go.id/site"] ===
            loadStack(slug).spec.sites.find((x) => x.kind === "primary")!.id,
      );
      expect(primaryPolicies.length).toBeGreaterThan(0);
      for (const d of primaryPolicies) await apply(d);
      for (
        let i = 0;
        (
          await api.apply(
            { apiVersion: "v1", kind: "Namespace", metadata: { name: "regency-probe" } },
            { dryRun: true },
          )
        ).status < 300;
        i++
      ) {
        if (i > 60) throw new Error("the admission policies never came into force");
        await new Promise((r) => setTimeout(r, 500));
      }
      for (const d of docs.filter((x) => !isPolicy(x))) await apply(d);
      expect(rejected).toEqual([]);
      // What the server stored is what we meant: e.g. the backup CronJobs keep their schedule and time zone.
      const cron = docs.find((d) => d.kind === "CronJob" && !d.spec.suspend)!;
      const stored = await api.get(
        `/apis/batch/v1/namespaces/${cron.metadata.namespace}/cronjobs/${cron.metadata.name}`,
      );
      expect(stored.body.spec).toMatchObject({
        schedule: cron.spec.schedule,
        timeZone: cron.spec.timeZone,
        concurrencyPolicy: "Forbid",
      });
    }),
  );

  it("rejects what is invalid, so acceptance above means something", () =>
    withApiServer(async (api) => {
      const [ns] = manifestsOf("oku-selatan").filter((d) => d.kind === "Namespace");
      await api.apply(ns);
      const badCron = {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: "backup-x", namespace: ns.metadata.name },
        spec: {
          schedule: "every night",
          timeZone: "Asia/Makassar",
          jobTemplate: {
            spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "x", image: "x" }] } } },
          },
        },
      };
      const r1 = await api.apply(badCron);
      expect(r1.status).toBe(422);
      expect(r1.body.message).toContain("spec.schedule");
      const badZone = { ...badCron, spec: { ...badCron.spec, schedule: "30 1 * * *", timeZone: "Asia/Bandung" } };
      expect((await api.apply(badZone)).status).toBe(422);
      const badPolicy = {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "x", namespace: ns.metadata.name },
        spec: { podSelector: {}, policyTypes: ["Sideways"] },
      };
      expect((await api.apply(badPolicy)).status).toBe(422);
    }));
});
