/**
 * One component alone, on each back end: `OpdHosting` (Kubernetes) and `DockerOpdHosting` built under
 * Pulumi's public setMocks from a hand-made tenant (one OPD, one application with a database and a
 * file volume), with no spec, no IP plan and no program.
 */
import * as pulumi from "@pulumi/pulumi";
import type { HostingFacts } from "../../components/model/facts";
import { AppPlan, FlowPlan, LABEL, TenantPlan } from "../../components/model/plan";
import { database, outputOf, recordResources, settled } from "./mocks";

const created = recordResources();

const app: AppPlan = {
  id: "simpus",
  name: "Sistem Informasi Puskesmas",
  namespace: "opd-dinkes",
  opd: "dinkes",
  image: "registry.contohkab.go.id/dinkes/simpus:2.1",
  port: 8080,
  replicas: 2,
  resources: { cpu: "500m", memory: "512Mi" },
  hostname: "simpus.contohkab.go.id",
  public: true,
  sso: { clientId: "simpus", status: "onboarded", secretEnv: "REALM_CLIENT_SECRET_SIMPUS" },
  database: database({ waliData: "Kepala Seksi Data Kesehatan", keys: ["NIK"] }),

  volumes: [{ claim: "simpus-berkas", name: "berkas", mountPath: "/data", sizeGi: 5, dataGroups: ["kesehatan"] }],
  interconnects: [],
  labels: { [LABEL.app]: "simpus", [LABEL.opd]: "dinkes" },
  registration: "REG-7",
  lpse: false,
};
const tenant: TenantPlan = {
  namespace: "opd-dinkes",
  opd: "dinkes",
  displayName: "Dinas Kesehatan",
  segment: {
    name: "opd-dinkes",
    purpose: "opd",
    opd: "dinkes",
    cidr: "10.20.4.0/24",
    prefixLength: 24,
    gateway: "10.20.4.1",
    usable: 254,
    source: "allocated",
  },
  dataGroups: ["kesehatan"],
  quota: { cpu: "4", memory: "8Gi", storageGi: 100 },
  apps: [app],
  backups: [],
};
const flows: FlowPlan[] = [
  {
    from: { namespace: "ingress" },
    to: { namespace: "opd-dinkes", app: "simpus" },
    port: 8080,
    protocol: "TCP",
    purpose: "simpus.contohkab.go.id through the ingress controller",
  },
  {
    from: { namespace: "opd-dinkes", app: "simpus" },
    to: { namespace: "opd-dinkes", app: "simpus-db" },
    port: 5432,
    protocol: "TCP",
    purpose: "simpus to its database",
  },
];

describe("OpdHosting, alone", () => {
  it("builds the OPD's namespace, application, database and network from its tenant, and registers its facts", async () => {
    const { OpdHosting } = await import("../../components/hosting/opd-hosting");
    const hosting = new OpdHosting("opd-dinkes", {
      tenant,
      flows,
      storageClass: "local-ssd",
      ssoIssuer: "https://sso.contohkab.go.id/realms/contoh",
      clientSecrets: { simpus: pulumi.secret("rahasia") },
      postgresImage: "postgres:17.6",
      cni: "generic",
      supernet: "10.20.0.0/16",
    });
    expect(await outputOf(hosting.urn)).toMatch(/::regency:hosting:OpdHosting::opd-dinkes$/);
    await settled();
    const of = (kind: string, name: string) =>
      created.find((c) => c.inputs.kind === kind && c.inputs.metadata?.name === name)?.inputs ??
      created.find((c) => c.type.endsWith(`:${kind}`) && c.inputs.metadata?.name === name)?.inputs;

    expect(of("Namespace", "opd-dinkes")!.metadata.labels).toMatchObject({
      [LABEL.segment]: "opd-dinkes",
      [LABEL.opd]: "dinkes",
      "data-group.regency.go.id/kesehatan": "true",
    });
    const deployment = of("Deployment", "simpus")!;
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.containers[0].image).toBe("registry.contohkab.go.id/dinkes/simpus:2.1");
    expect(of("Ingress", "simpus")!.spec.rules[0].host).toBe("simpus.contohkab.go.id");
    expect(of("PersistentVolumeClaim", "simpus-berkas")!.spec.storageClassName).toBe("local-ssd");
    expect(of("StatefulSet", "simpus-db")!.metadata.namespace).toBe("opd-dinkes");
    // Default deny, and one policy per planned flow into the namespace.
    expect(of("NetworkPolicy", "default-deny")!.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(created.filter((c) => c.type.endsWith(":NetworkPolicy")).length).toBeGreaterThan(1);
    // The application reads its SSO client secret from a Secret, never as a literal.
    const env = deployment.spec.template.spec.containers[0].env as { name: string; value?: string }[];
    expect(env.find((e) => /SECRET/.test(e.name))).not.toHaveProperty("value");

    const facts: HostingFacts = hosting.facts;
    expect(facts).toMatchObject({
      namespace: "opd-dinkes",
      opd: "dinkes",
      hostnames: ["simpus.contohkab.go.id"],
      defaultDeny: true,
      applications: [
        {
          id: "simpus",
          registration: "REG-7",
          sso: { clientId: "simpus", status: "onboarded" },
          database: { name: "simpus-db", waliData: "Kepala Seksi Data Kesehatan", keys: ["NIK"] },
          volumes: ["simpus-berkas"],
        },
      ],
    });
  });
});

describe("DockerOpdHosting, alone", () => {
  it("runs the application and its database as hardened containers on the networks it is given", async () => {
    const { DockerOpdHosting } = await import("../../components/docker/opd-hosting");
    const hosting = new DockerOpdHosting("docker-opd-dinkes", {
      tenant,
      attachments: {
        "opd-dinkes-simpus": [{ name: "regency-opd-dinkes-simpus-front" }, { name: "regency-opd-dinkes-simpus-db" }],
        "opd-dinkes-simpus-db": [{ name: "regency-opd-dinkes-simpus-db" }],
      },
      defaultDeny: true,
      unenforcedFlows: [],
      images: (ref) => pulumi.output(ref),
      postgresImage: "postgres:17.6",
      ssoIssuer: "https://sso.contohkab.go.id/realms/contoh",
      clientSecrets: { simpus: pulumi.secret("rahasia") },
    });
    expect(await outputOf(hosting.urn)).toMatch(/::regency:docker:OpdHosting::docker-opd-dinkes$/);
    await settled();
    const container = (name: string) =>
      created.find((c) => c.type === "docker:index/container:Container" && c.inputs.name === name)!.inputs;
    const app = container("opd-dinkes-simpus");
    expect(app.image).toBe("registry.contohkab.go.id/dinkes/simpus:2.1");
    expect(app.networksAdvanced.map((n: { name: string }) => n.name)).toEqual([
      "regency-opd-dinkes-simpus-front",
      "regency-opd-dinkes-simpus-db",
    ]);
    expect(app).toMatchObject({ readOnly: true, capabilities: { drops: ["ALL"] } });
    // Its database joins only the database network: reachable from its application alone.
    expect(container("opd-dinkes-simpus-db").networksAdvanced).toEqual([{ name: "regency-opd-dinkes-simpus-db" }]);
    expect(container("opd-dinkes-simpus-db").ports ?? []).toEqual([]);
    expect(hosting.volumes).toHaveProperty("simpus-berkas");
  });
});
