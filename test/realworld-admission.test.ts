/**
 * The second line of defence, on a real kube-apiserver (v1.34) with etcd: konawe-selatan's plan for its
 * data center applied with its admission policies in force (every object accepted); then, as an OPD's
 * operator (impersonated, `admin` of its own namespace only) and as anyone with the custodian's
 * kubeconfig, each forbidden object is refused by the API server itself, naming the rule and the
 * regency's article, and each allowed change is accepted. The policy pack judges every case the same
 * way: the same object in the stack's view is blocked under the same rule, or passes.
 */
import { loadStack, loadStackText } from "../components/model/load";
import { LABEL, POSTGRES_PORT } from "../components/model/plan";
import { RegencyModel } from "../components/model/validate";
import { engineViews } from "../infra/check";
import { synthesize, Synthesis, SynthResource } from "../infra/synth";
import { evaluate } from "../policies/engine";
import { contextOf, ResourceView } from "../policies/model";
import { RULES } from "../policies/rules";
import { ApiServer, Identity, objectPath, startApiServer } from "./realworld/kube-apiserver";
import { specOf, stackText } from "./support/stacks";
import type { AnyView } from "./support/views";

jest.setTimeout(300_000);
const SLUG = "konawe-selatan";
const TODAY = "2026-11-25";
let model: RegencyModel;
let s: Synthesis;
let api: ApiServer;

const body = (r: SynthResource) => r.inputs as Record<string, any>;
/** The objects of the program on the data center's cluster, the admission policies first (as everything depends on them). */
const objects = () => {
  const mine = s.resources.filter(
    (r) =>
      r.custom &&
      r.type.startsWith("kubernetes:") &&
      typeof r.inputs.kind === "string" &&
      r.provider === s.outputs.plan.primary.id &&
      objectPath(body(r)),
  );
  const rank = (r: SynthResource) =>
    body(r).kind === "ValidatingAdmissionPolicy"
      ? 0
      : body(r).kind === "ValidatingAdmissionPolicyBinding"
        ? 1
        : body(r).kind === "Namespace"
          ? 2
          : 3;
  return mine.sort((a, b) => rank(a) - rank(b));
};
const refusal = (r: { status: number; body: any }) =>
  r.status === 403 && /ValidatingAdmissionPolicy/.test(r.body?.message ?? "") ? r.body.message : undefined;

beforeAll(async () => {
  model = loadStack(SLUG);
  s = await synthesize(model);
  // The clusterrole-aggregation controller fills the built-in `admin` role, as on a real cluster.
  api = await startApiServer({ controllers: ["clusterrole-aggregation"] });
}, 300_000);
afterAll(() => api?.stop());

const tenant = () => s.outputs.plan.tenants.find((t) => t.opd && t.apps.some((a) => a.database))!;
const OPERATOR = (): Identity => ({ user: `operator@${tenant().opd}` });

describe(`admission policies of ${SLUG}'s data center on a real kube-apiserver`, () => {
  it("are in force before anything else, every object of the plan is accepted under them, and the server type-checks them clean", async () => {
    const all = objects();
    const policies = all.filter((r) => body(r).kind.startsWith("ValidatingAdmissionPolicy"));
    expect(policies.map((r) => body(r).metadata.name).sort()).toEqual(
      ["regency-namespaces", "regency-network-policies", "regency-services", "regency-workloads"]
        .flatMap((n) => [n, n])
        .sort(),
    );
    for (const r of policies)
      expect([body(r).metadata.name, (await api.apply(body(r))).status]).toEqual([body(r).metadata.name, 201]);
    // The API server loads policies asynchronously: wait until an undeclared namespace is refused.
    const probe = { apiVersion: "v1", kind: "Namespace", metadata: { name: "regency-probe" } };
    for (let i = 0; !refusal(await api.apply(probe, { dryRun: true })); i++) {
      if (i > 60) throw new Error("the admission policies never came into force");
      await new Promise((r) => setTimeout(r, 500));
    }
    const rejected: string[] = [];
    for (const r of all.filter((x) => !policies.includes(x))) {
      const res = await api.apply(body(r));
      if (res.status >= 300)
        rejected.push(
          `${body(r).kind} ${body(r).metadata.namespace ?? ""}/${body(r).metadata.name}: ${res.status} ${res.body?.message}`,
        );
    }
    expect(rejected).toEqual([]);
    const stored = (await api.get("/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies")).body
      .items as any[];
    expect(stored.map((p) => [p.metadata.name, p.status?.typeChecking?.expressionWarnings ?? []])).toEqual(
      stored.map((p) => [p.metadata.name, []]),
    );
    // The OPD's operator: admin of its own namespace, nothing else.
    const t = tenant();
    const binding = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "operator", namespace: t.namespace },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: OPERATOR().user }],
    };
    expect((await api.apply(binding)).status).toBeLessThan(300);
    for (
      let i = 0;
      !((await api.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/admin")).body.rules ?? []).length;
      i++
    ) {
      if (i > 60) throw new Error("the admin role was never aggregated");
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  /** One attempt: an object applied (or deleted) by someone; the rule that must refuse it, or none. */
  interface Case {
    name: string;
    /** The OPD's operator (admin of its namespace) or the cluster admin (anyone with the custodian's kubeconfig). */
    as: "operator" | "admin";
    object: () => Record<string, any>;
    delete?: boolean;
    /** The pack rule (and admission policy) that refuses it; undefined: allowed. */
    rule?: "server-consolidation" | "official-domain" | "network-isolation";
  }
  const ns = () => tenant().namespace;
  const app = () => tenant().apps.find((a) => a.database)!;
  const db = () => app().database!;
  const planned = (kind: string, name: string) =>
    body(
      objects().find(
        (r) => body(r).kind === kind && body(r).metadata.name === name && body(r).metadata.namespace === ns(),
      )!,
    );
  const deployment = (
    name: string,
    namespace: string,
    pod: Record<string, any> = {},
    container: Record<string, any> = {},
  ) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { [LABEL.app]: name } },
      template: {
        metadata: { labels: { [LABEL.app]: name } },
        spec: { ...pod, containers: [{ name, image: app().image, ...container }] },
      },
    },
  });
  const ingress = (name: string, host: string, service: string) => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace: ns() },
    spec: {
      rules: [
        {
          host,
          http: {
            paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: service, port: { number: 80 } } } }],
          },
        },
      ],
    },
  });
  const service = (name: string, selector: string, extra: Record<string, any> = {}, port = 80) => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: ns() },
    spec: { selector: { [LABEL.app]: selector }, ports: [{ port }], ...extra },
  });
  const CASES: Case[] = [
    {
      name: "a namespace the plan does not declare (cluster admin)",
      as: "admin",
      rule: "server-consolidation",
      object: () => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: "server-bayangan" } }),
    },
    {
      name: "a workload in the default namespace (cluster admin)",
      as: "admin",
      rule: "server-consolidation",
      object: () => deployment("aplikasi-liar", "default"),
    },
    {
      name: "an Ingress on a foreign domain",
      as: "operator",
      rule: "official-domain",
      object: () => ingress("situs-lain", "simpus.example.com", app().id),
    },
    {
      name: "an Ingress on an official but unplanned host",
      as: "operator",
      rule: "official-domain",
      object: () => ingress("tambahan", `lain.${model.spec.domain.name}`, app().id),
    },
    {
      name: "a NodePort Service",
      as: "operator",
      rule: "network-isolation",
      object: () => service("buka-port", app().id, { type: "NodePort" }),
    },
    {
      name: "a LoadBalancer publishing the database",
      as: "operator",
      rule: "network-isolation",
      object: () => service("db-publik", db().name, { type: "LoadBalancer" }, POSTGRES_PORT),
    },
    {
      name: "a second Service onto the database's pods",
      as: "operator",
      rule: "network-isolation",
      object: () => service("db-lain", db().name, {}, POSTGRES_PORT),
    },
    {
      name: "an Ingress to the database",
      as: "operator",
      rule: "network-isolation",
      object: () => ingress("db-web", app().hostname, db().name),
    },
    {
      name: "a Deployment on the node's network",
      as: "operator",
      rule: "network-isolation",
      object: () => deployment("jaringan-node", ns(), { hostNetwork: true }),
    },
    {
      name: "a Deployment opening a node port",
      as: "operator",
      rule: "network-isolation",
      object: () => deployment("port-node", ns(), {}, { ports: [{ containerPort: 8080, hostPort: 8080 }] }),
    },
    // (A privileged Pod itself is refused earlier, by Pod Security admission: the namespaces are `restricted`.)
    {
      name: "a privileged CronJob",
      as: "operator",
      rule: "network-isolation",
      object: () => ({
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: "istimewa", namespace: ns() },
        spec: {
          schedule: "0 1 * * *",
          jobTemplate: {
            spec: {
              template: {
                spec: {
                  restartPolicy: "Never",
                  containers: [{ name: "x", image: app().image, securityContext: { privileged: true } }],
                },
              },
            },
          },
        },
      }),
    },
    {
      name: "an extra NetworkPolicy letting everything in",
      as: "operator",
      rule: "network-isolation",
      object: () => ({
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "allow-all", namespace: ns() },
        spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] },
      }),
    },
    {
      name: "the default deny weakened to let everything in",
      as: "operator",
      rule: "network-isolation",
      object: () => ({
        ...planned("NetworkPolicy", "default-deny"),
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{}] },
      }),
    },
    {
      name: "the default deny deleted",
      as: "operator",
      rule: "network-isolation",
      delete: true,
      object: () => planned("NetworkPolicy", "default-deny"),
    },
    {
      name: "the default deny deleted by the cluster admin",
      as: "admin",
      rule: "network-isolation",
      delete: true,
      object: () => planned("NetworkPolicy", "default-deny"),
    },
    {
      name: "scaling a planned Deployment",
      as: "operator",
      object: () => ({
        ...planned("Deployment", app().id),
        spec: { ...planned("Deployment", app().id).spec, replicas: 3 },
      }),
    },
    {
      name: "annotating the planned Ingress",
      as: "operator",
      object: () => ({
        ...planned("Ingress", app().id),
        metadata: {
          ...planned("Ingress", app().id).metadata,
          annotations: { "nginx.ingress.kubernetes.io/proxy-body-size": "20m" },
        },
      }),
    },
    {
      name: "a ConfigMap",
      as: "operator",
      object: () => ({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "pengaturan", namespace: ns() },
        data: { mode: "produksi" },
      }),
    },
    {
      name: "a second ClusterIP Service for the application",
      as: "operator",
      object: () => service("internal", app().id),
    },
  ];

  it.each(CASES.map((c) => [c.name, c] as const))("%s: the API server and the pack agree", async (_name, c) => {
    const obj = c.object();
    const as = c.as === "operator" ? { as: OPERATOR() } : {};
    const res = c.delete
      ? await api.delete(obj, { ...as, dryRun: true })
      : await api.apply(obj, { ...as, dryRun: true });
    const message = refusal(res);
    if (c.rule) {
      expect(message).toMatch(new RegExp(`^.* denied request: ${c.rule}: `));
      // The regency's own article for the rule, as the pack cites it.
      const cited = {
        "server-consolidation": "server-consolidation",
        "official-domain": "official-domain",
        "network-isolation": "security",
      } as const;
      const articles = model.cite(cited[c.rule]);
      expect(message).toContain(
        articles.mandated
          ? `${articles.regulation}, Pasal ${articles.citations[0].pasal}`
          : `not mandated by ${articles.regulation}`,
      );
    } else {
      expect(res.status < 300 ? "accepted" : `${res.status} ${res.body?.message}`).toBe("accepted");
    }
    // The pack on the same stack with the same change.
    const views = engineViews(s);
    const key = (v: AnyView) => `${v.props.kind}/${v.props.metadata?.namespace ?? ""}/${v.props.metadata?.name}`;
    const target = `${obj.kind}/${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
    const existing = views.find((v) => v.type.startsWith("kubernetes:") && key(v) === target);
    const urn = existing?.urn ?? `urn:pulumi:${SLUG}::regency::kubernetes:case:${obj.kind}::${obj.metadata.name}`;
    const changed = c.delete
      ? views.filter((v) => v !== existing)
      : [
          ...views.filter((v) => v !== existing),
          { urn, type: `kubernetes:case:${obj.kind}`, name: obj.metadata.name, props: obj, protect: false },
        ];
    const judge = (vs: ResourceView[]) =>
      evaluate(RULES, contextOf(vs, TODAY)!).violations.map((v) => `${v.rule} ${v.message}`);
    const before = new Set(judge(views));
    const added = judge(changed).filter((v) => !before.has(v));
    if (c.rule) expect(added.filter((v) => v.startsWith(`${c.rule} `))).not.toEqual([]);
    else expect(added).toEqual([]);
  });

  it("with `imageMirror` set, a workload pulling from anywhere else is refused and the mirrored plan accepted", async () => {
    const spec = specOf(SLUG);
    spec.imageMirror = "registry.konaweselatankab.go.id/mirror";
    const mirrored = await synthesize(loadStackText(stackText(spec), `${SLUG}.yaml`));
    const policy = mirrored.resources.find(
      (r) =>
        r.provider === s.outputs.plan.primary.id &&
        body(r).kind === "ValidatingAdmissionPolicy" &&
        body(r).metadata.name === "regency-workloads",
    )!;
    expect((await api.apply(body(policy))).status).toBe(200);
    const upstream = deployment("dari-luar", ns());
    for (let i = 0; !refusal(await api.apply(upstream, { as: OPERATOR(), dryRun: true })); i++) {
      if (i > 60) throw new Error("the mirror policy never came into force");
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(refusal(await api.apply(upstream, { as: OPERATOR(), dryRun: true }))).toContain(
      `image-mirror: Deployment ${ns()}/dari-luar pulls ${app().image}, not from the mirror registry.konaweselatankab.go.id/mirror/`,
    );
    const planned = mirrored.resources.find(
      (r) =>
        r.provider === s.outputs.plan.primary.id &&
        body(r).kind === "Deployment" &&
        body(r).metadata.namespace === ns(),
    )!;
    expect(body(planned).spec.template.spec.containers[0].image).toMatch(
      /^registry\.konaweselatankab\.go\.id\/mirror\//,
    );
    const accepted = await api.apply(body(planned), { as: OPERATOR(), dryRun: true });
    expect(accepted.status < 300 ? "accepted" : `${accepted.status} ${accepted.body?.message}`).toBe("accepted");
    // The pack agrees: on the mirrored stack, nothing; with the upstream Deployment, image-mirror.
    const views = engineViews(mirrored);
    const rules = (vs: ResourceView[]) =>
      evaluate(RULES, contextOf(vs, TODAY)!)
        .violations.filter((v) => v.rule === "image-mirror")
        .map((v) => v.message);
    expect(rules(views)).toEqual([]);
    const extra = {
      urn: `urn:pulumi:${SLUG}::regency::kubernetes:case:Deployment::dari-luar`,
      type: "kubernetes:case:Deployment",
      name: "dari-luar",
      props: upstream,
      protect: false,
    };
    expect(rules([...views, extra])).toEqual([
      expect.stringContaining(
        `Deployment ${ns()}/dari-luar pulls ${app().image}, not from the mirror registry.konaweselatankab.go.id/mirror/`,
      ),
    ]);
  });

  it("an OPD's operator cannot even try outside its namespace: RBAC refuses before admission", async () => {
    const r = await api.apply(deployment("di-luar", "sso"), { as: OPERATOR(), dryRun: true });
    expect(r.status).toBe(403);
    expect(r.body.message).not.toMatch(/ValidatingAdmissionPolicy/);
  });
});
