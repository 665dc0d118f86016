import type { ResourceView } from "../../policies/model";
import { estatePlacement, estateUnclassified } from "../../policies/rules/estate-placement";
import { findingsOf, fixture, object } from "./fixture";

/** Another stack of the regency (no regency root): a server in a cloud account the estate does not know. */
const cloudServer = (region: string): ResourceView => ({
  urn: "urn:pulumi:dinkes::simpus::aws:ec2/instance:Instance::simpus",
  type: "aws:ec2/instance:Instance",
  name: "simpus",
  props: { instanceType: "t3.small" },
  protect: false,
  provider: {
    urn: "urn:pulumi:dinkes::simpus::pulumi:providers:aws::default",
    type: "pulumi:providers:aws",
    name: "default",
    props: { region },
  },
});

describe("estate-placement", () => {
  it("passes the fixture: everything lands on the custodian's sites", async () => {
    const fx = await fixture();
    expect(findingsOf(estatePlacement, fx, () => {}, { estate: fx.estate })).toEqual([]);
  });

  it("fails resources placed through a kubeconfig context of no site", async () => {
    const fx = await fixture();
    const found = findingsOf(
      estatePlacement,
      fx,
      (v) => {
        const d = object(v, "Deployment", "app-1-b", "opd-opd-1");
        d.provider = {
          type: "pulumi:providers:kubernetes",
          urn: "urn:pulumi:contoh::regency::pulumi:providers:kubernetes::laptop",
          name: "laptop",
          props: { context: "laptop-dinkes" },
        };
      },
      { estate: fx.estate },
    );
    expect(found).toEqual([
      "1 resource(s) (workload kubernetes:apps/v1:Deployment) land on kubeconfig context laptop-dinkes, no site — not a data center of Dinas Komunikasi dan Informatika",
    ]);
  });

  it("fails a server of any other stack of the regency in a cloud account the estate does not know", async () => {
    const fx = await fixture();
    const found = findingsOf(estatePlacement, fx, (v) => v.splice(0, v.length, cloudServer("ap-southeast-3")), {
      estate: fx.estate,
    });
    expect(found).toEqual([
      "1 resource(s) (server aws:ec2/instance:Instance) land on aws ap-southeast-3, no site — not a data center of Dinas Komunikasi dan Informatika",
    ]);
  });
});

describe("estate-unclassified", () => {
  it("passes the fixture (every type is known)", async () => {
    const fx = await fixture();
    expect(findingsOf(estateUnclassified, fx, () => {}, { estate: fx.estate })).toEqual([]);
  });

  it("reports a resource type the pack cannot classify", async () => {
    const fx = await fixture();
    const found = findingsOf(
      estateUnclassified,
      fx,
      (v) =>
        v.push({
          ...cloudServer("x"),
          type: "acme:index/server:Server",
          urn: "urn:pulumi:contoh::regency::acme:index/server:Server::s",
        }),
      { estate: fx.estate },
    );
    expect(found).toEqual(["unclassified: acme:index/server:Server (1 resource(s)); where it lands is not judged"]);
  });
});
