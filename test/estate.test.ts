/**
 * The pack governs EVERY stack of the regency, not only those built from this library: real Pulumi
 * programs (an OPD's own stacks) run under Pulumi's mock runtime, and the real pack, served over gRPC
 * and configured with the regency's estate (`regency estate`), judges what the engine would hand it.
 */
import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { loadStack } from "../components/model/load";
import { engineViews } from "../infra/check";
import { estateOf } from "../infra/estate";
import { synthesize, synthesizeProgram } from "../infra/synth";
import { servePack, ServedPack } from "./support/pack";

const estate = estateOf(loadStack("bulukumba"));
/** A resource of a provider whose SDK is not installed: the engine needs only its type token and inputs. */
class Raw extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
  }
}
class RawProvider extends pulumi.ProviderResource {
  constructor(pkg: string, name: string, props: pulumi.Inputs) {
    super(pkg, name, props);
  }
}
let served: ServedPack;
beforeAll(async () => {
  served = await servePack();
}, 60000);
afterAll(() => served?.close());

const kubeconfig = (server: string) =>
  `apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts:\n- name: c\n  context: {cluster: k}\nclusters:\n- name: k\n  cluster: {server: "${server}"}\nusers: []\n`;
const deployment = (opts?: pulumi.CustomResourceOptions) =>
  new k8s.apps.v1.Deployment(
    "simpus",
    {
      metadata: { name: "simpus", namespace: "default" },
      spec: {
        selector: { matchLabels: { app: "simpus" } },
        template: {
          metadata: { labels: { app: "simpus" } },
          spec: { containers: [{ name: "simpus", image: "simpus:1" }] },
        },
      },
    },
    opts,
  );

/** The verdict of the served pack, configured with the estate (and a day), on a program's resources. */
async function judge(program: () => void, today = "2026-11-23") {
  const s = await synthesizeProgram("dinkes-prod", async () => program(), "opd-dinkes");
  await served.configure({
    "estate-placement": { level: "mandatory", properties: { estate, today } },
    "estate-unclassified": { level: "advisory", properties: { estate, today } },
    "estate-domain": { level: "mandatory", properties: { estate, today } },
  });
  const d = await served.analyze(engineViews(s));
  return { all: d, mandatory: d.filter((x) => x.level === "mandatory") };
}

describe("any stack of Kabupaten Bulukumba, judged with its estate", () => {
  it("blocks a Deployment on an OPD's own cluster, citing the regency's own articles", async () => {
    const v = await judge(() =>
      deployment({ provider: new k8s.Provider("dinkes", { kubeconfig: kubeconfig("https://10.73.6.5:6443") }) }),
    );
    expect(v.mandatory.map((d) => d.policy)).toEqual(["estate-placement"]);
    expect(v.mandatory[0].message).toContain(
      "1 resource(s) (workload kubernetes:apps/v1:Deployment) land on cluster https://10.73.6.5:6443, no site — not a data center of Dinas Komunikasi dan Informatika",
    );
    expect(v.mandatory[0].message).toContain("Peraturan Bupati Bulukumba Nomor 143 Tahun 2017, Pasal 6 ayat (1)");
    expect(v.mandatory[0].message).toContain("Pasal 6 ayat (3)");
  });

  it("passes the same Deployment on the custodian's cluster (by API server, or by the site's context)", async () => {
    expect(
      (
        await judge(() =>
          deployment({ provider: new k8s.Provider("dc", { kubeconfig: kubeconfig("https://10.73.0.10:6443") }) }),
        )
      ).mandatory,
    ).toEqual([]);
    expect(
      (await judge(() => deployment({ provider: new k8s.Provider("dc", { context: "bulukumba-pusat-data" }) })))
        .mandatory,
    ).toEqual([]);
  });

  it("blocks a default provider: it lands on whatever cluster the ambient kubeconfig names", async () => {
    const v = await judge(() => deployment());
    expect(v.mandatory.map((d) => d.message.split("\n")[1])).toEqual([
      expect.stringContaining("land on the ambient kubeconfig of whoever runs `pulumi up`"),
    ]);
  });

  it("blocks a container on an OPD's own Docker host", async () => {
    const v = await judge(() => {
      const p = new docker.Provider("dinkes", { host: "tcp://10.73.6.9:2376" });
      new docker.Container("simpus", { name: "simpus", image: "simpus:1" }, { provider: p });
    });
    expect(v.mandatory.map((d) => d.policy)).toEqual(["estate-placement"]);
    expect(v.mandatory[0].message).toContain(
      "(container docker:index/container:Container) land on Docker host tcp://10.73.6.9:2376",
    );
  });

  it("blocks virtual machines and managed databases of clouds and hypervisors, by type token and provider", async () => {
    const v = await judge(() => {
      const aws = new RawProvider("aws", "jakarta", { region: "ap-southeast-3" });
      new Raw("aws:ec2/instance:Instance", "simpus-vm", { instanceType: "t3.medium" }, { provider: aws });
      new Raw("aws:rds/instance:Instance", "simpus-db", { engine: "postgres" }, { provider: aws });
      new Raw("azure-native:compute:VirtualMachine", "vm2", { location: "southeastasia" });
      new Raw("gcp:sql/databaseInstance:DatabaseInstance", "db2", { region: "asia-southeast2" });
      new Raw("vsphere:index/virtualMachine:VirtualMachine", "vm3", { numCpus: 2 });
      new Raw("proxmoxve:VM/virtualMachine:VirtualMachine", "vm4", { nodeName: "pve" });
    });
    const messages = v.mandatory.map((d) => d.message.split("\n")[1]).join("\n");
    expect(v.mandatory.every((d) => d.policy === "estate-placement")).toBe(true);
    for (const what of [
      "server aws:ec2/instance:Instance",
      "database aws:rds/instance:Instance",
      "server azure-native:compute:VirtualMachine",
      "database gcp:sql/databaseInstance:DatabaseInstance",
      "server vsphere:index/virtualMachine:VirtualMachine",
      "server proxmoxve:VM/virtualMachine:VirtualMachine",
    ]) {
      expect(messages).toContain(what);
    }
    expect(messages).toContain("land on aws ap-southeast-3, no site");
  });

  it("judges a DNS-only stack by the domain: under bulukumbakab.go.id it passes, elsewhere it is blocked", async () => {
    const ok = await judge(
      () =>
        new Raw("cloudflare:index/record:Record", "portal", {
          name: "layanan.bulukumbakab.go.id",
          type: "A",
          content: "203.0.113.10",
        }),
    );
    expect(ok.mandatory).toEqual([]);
    const bad = await judge(
      () =>
        new Raw("aws:route53/record:Record", "promo", { name: "promo", zoneName: "bulukumba-hebat.com", type: "A" }),
    );
    expect(bad.mandatory.map((d) => [d.policy, d.message.split("\n")[1]])).toEqual([
      [
        "estate-domain",
        "DNS record promo.bulukumba-hebat.com (aws:route53/record:Record) is not under bulukumbakab.go.id.",
      ],
    ]);
  });

  it("passes RSUD's server room under the Bupati's exemption until it expires, then blocks it", async () => {
    const rsud = () => {
      const p = new docker.Provider("rsud", { host: "ssh://admin@10.73.7.250" });
      new docker.Container("simrs", { name: "simrs", image: "simrs:1" }, { provider: p });
    };
    expect((await judge(rsud, "2027-06-30")).mandatory).toEqual([]);
    const after = await judge(rsud, "2027-07-01");
    expect(after.mandatory.map((d) => d.message.split("\n")[1])).toEqual([
      expect.stringContaining(
        'the server room of rsud ("ruang-server-rsud"), outside the custodian\'s data center; its exemption "simrs-rsud" does not hold (expired)',
      ),
    ]);
  });

  it("reports a type it cannot classify (advisory), never passes it in silence", async () => {
    const v = await judge(() => new Raw("awsome:index/server:Server", "x", {}));
    expect(v.mandatory).toEqual([]);
    expect(v.all.map((d) => [d.policy, d.level, d.message.split("\n")[1]])).toEqual([
      [
        "estate-unclassified",
        "advisory",
        "unclassified: awsome:index/server:Server (1 resource(s)); where it lands is not judged.",
      ],
    ]);
  });

  it("still passes the regency's own stack, judged with its estate too", async () => {
    const s = await synthesize(loadStack("bulukumba"));
    await served.configure({
      "estate-placement": { level: "mandatory", properties: { estate, today: "2026-11-23" } },
      "estate-domain": { level: "mandatory", properties: { estate, today: "2026-11-23" } },
    });
    const d = await served.analyze(engineViews(s));
    expect(d.filter((x) => x.level === "mandatory").map((x) => `${x.policy}: ${x.message}`)).toEqual([]);
  });
});
