/**
 * `pulumi destroy` of a regency on real clusters: one kube-apiserver (with etcd) per site of
 * konawe-selatan, each with kube-controller-manager's namespace and PVC-protection controllers, so a
 * deleted namespace is emptied and removed as on a real cluster. Every object the program creates is
 * applied through its own site's cluster; then everything `pulumi destroy` deletes (all but what is
 * `retainOnDelete`) is deleted, namespaces included. Every backup repository's claim survives, on its
 * site, and the OPD namespaces are gone with everything in them.
 */
import { loadStack } from "../components/model/load";
import { REPOSITORY_NAMESPACE } from "../components/model/backup";
import { synthesize, Synthesis, SynthResource } from "../infra/synth";
import { ApiServer, objectPath, startApiServer } from "./realworld/kube-apiserver";

jest.setTimeout(600_000);
const SLUG = "konawe-selatan";
let s: Synthesis;
const clusters = new Map<string, ApiServer>();

beforeAll(async () => {
  s = await synthesize(loadStack(SLUG));
  const sites = [...new Set(manifests().map((r) => r.provider!))];
  expect(sites.sort()).toEqual(["pusat-data", "pusat-pemulihan"]);
  for (const site of sites)
    clusters.set(site, await startApiServer({ controllers: ["namespace", "pvc-protection", "garbagecollector"] }));
});
afterAll(async () => {
  for (const api of clusters.values()) await api.stop();
});

/** The program's Kubernetes objects, namespaces first (what the others depend on), then in the order it registers them. */
const manifests = () => {
  const all = s.resources.filter(
    (r: SynthResource) => r.custom && r.type.startsWith("kubernetes:") && typeof r.inputs.kind === "string",
  );
  const isNamespace = (r: SynthResource) => r.inputs.kind === "Namespace";
  return [...all.filter(isNamespace), ...all.filter((r) => !isNamespace(r))];
};
const body = (r: SynthResource) => r.inputs as Record<string, any>;
const exists = async (site: string, obj: Record<string, any>) =>
  (await clusters.get(site)!.get(objectPath(obj)!)).status === 200;

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not done after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe(`pulumi destroy of ${SLUG} on a cluster per site`, () => {
  it("applies every object through its own site's cluster", async () => {
    const rejected: string[] = [];
    for (const r of manifests()) {
      if (!objectPath(body(r))) continue; // a CRD's kind (Calico IPPool) is not served by a bare API server
      const res = await clusters.get(r.provider!)!.apply(body(r));
      if (res.status >= 300)
        rejected.push(`${r.provider} ${body(r).kind} ${body(r).metadata.name}: ${res.status} ${res.body?.message}`);
    }
    expect(rejected).toEqual([]);
    // The DR site's cluster holds its repository server and claim: more than an empty namespace.
    const dr = manifests()
      .filter((r) => r.provider === "pusat-pemulihan")
      .map((r) => body(r).kind);
    expect(dr).toEqual(
      expect.arrayContaining(["Namespace", "PersistentVolumeClaim", "Deployment", "Service", "CronJob", "Secret"]),
    );
  });

  it("deletes everything destroy deletes, namespaces with their content; every backup claim survives on its site", async () => {
    // Destroy calls the provider's delete for all but what is retained and what goes with another resource (`deletedWith`:
    // a namespace's NetworkPolicies, which its admission policies would refuse to delete while it lives).
    const all = manifests().filter((r) => objectPath(body(r)));
    const byUrn = new Map(s.resources.map((r) => [r.urn, r]));
    const deleted = all.filter((r) => !r.retainOnDelete && !r.deletedWith);
    const goneWith = all.filter((r) => r.deletedWith && !byUrn.get(r.deletedWith)!.retainOnDelete);
    const keptWith = all.filter((r) => r.deletedWith && byUrn.get(r.deletedWith)!.retainOnDelete);
    expect(goneWith.map((r) => body(r).kind)).toContain("NetworkPolicy");
    expect(keptWith.map((r) => `${body(r).metadata.namespace}/${body(r).metadata.name}`)).toContain(
      `${REPOSITORY_NAMESPACE}/default-deny`,
    );
    const retained = manifests().filter((r) => r.retainOnDelete);
    // The admission policies are in force: a default deny cannot be deleted on its own while its namespace lives.
    const alone = goneWith.find((r) => body(r).metadata.name === "default-deny")!;
    const refused = await clusters.get(alone.provider!)!.delete(body(alone));
    expect([refused.status, refused.body?.message]).toEqual([
      403,
      expect.stringContaining("ValidatingAdmissionPolicy 'regency-network-policies'"),
    ]);
    expect(retained.length).toBeGreaterThan(0);
    // The layout before: a retained backup claim inside an OPD's namespace. Destroy leaves it, the
    // namespace controller does not: it must be gone at the end (the test can tell the two apart).
    const oldStyle = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "backup-simpus-db", namespace: "opd-dinkes" },
      spec: {
        accessModes: ["ReadWriteOnce"],
        storageClassName: "backup-hdd",
        resources: { requests: { storage: "10Gi" } },
      },
    };
    expect((await clusters.get("pusat-data")!.apply(oldStyle)).status).toBeLessThan(300);
    // Dependents first, as the engine deletes: the reverse of creation.
    for (const r of [...deleted].reverse()) {
      const res = await clusters.get(r.provider!)!.delete(body(r));
      expect([
        body(r).kind,
        body(r).metadata.name,
        res.status < 300 ? "deleted" : `${res.status} ${res.body?.message}`,
      ]).toEqual([body(r).kind, body(r).metadata.name, "deleted"]);
    }
    const namespaces = deleted.filter((r) => body(r).kind === "Namespace");
    expect(namespaces.map((r) => body(r).metadata.name)).toEqual(
      expect.arrayContaining(["opd-dinkes", "opd-disdukcapil", "sso"]),
    );
    // The namespace controller empties each namespace (claims of live volumes included) before removing it.
    await until("the deleted namespaces are gone", async () => {
      for (const r of namespaces) if (await exists(r.provider!, body(r))) return false;
      return true;
    });
    expect(await exists("pusat-data", oldStyle)).toBe(false);
    for (const r of [...deleted, ...goneWith])
      expect([r.provider, body(r).kind, body(r).metadata.name, await exists(r.provider!, body(r))]).toEqual([
        r.provider,
        body(r).kind,
        body(r).metadata.name,
        false,
      ]);

    // What survives: every retained object, and above all each target site's repository claim on the
    // cluster it belongs to (the DR site's on the DR cluster; portable media's where it is plugged in).
    for (const r of [...retained, ...keptWith])
      expect([r.provider, body(r).kind, body(r).metadata.name, await exists(r.provider!, body(r))]).toEqual([
        r.provider,
        body(r).kind,
        body(r).metadata.name,
        true,
      ]);
    for (const repo of s.outputs.plan.backupRepositories) {
      const claim = {
        kind: "PersistentVolumeClaim",
        metadata: { namespace: REPOSITORY_NAMESPACE, name: `repository-server-${repo.site}` },
      };
      expect([repo.site, repo.runsOn, await exists(repo.runsOn, claim)]).toEqual([repo.site, repo.runsOn, true]);
      const stored = await clusters.get(repo.runsOn)!.get(objectPath(claim)!);
      expect(stored.body.metadata.deletionTimestamp).toBeUndefined();
      expect(stored.body.spec.resources.requests.storage).toBe(`${repo.sizeGi}Gi`);
    }
    expect(s.outputs.plan.backupRepositories.find((r) => r.site === "pusat-pemulihan")!.runsOn).toBe("pusat-pemulihan");
  });
});
