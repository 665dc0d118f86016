import { contextOf, type ResourceView } from "../../policies/model";
import { dataLocation } from "../../policies/rules/data-location";
import { findingsOf, fixture, root, TODAY } from "./fixture";

/** A resource of another stack of the regency, placed through a cloud provider in `region`. */
const cloud = (type: string, region: string, props: Record<string, unknown> = {}): ResourceView => {
  const pkg = type.split(":")[0];
  return {
    urn: `urn:pulumi:dinkes::simpus::${type}::simpus`,
    type,
    name: "simpus",
    props,
    protect: false,
    provider: {
      urn: `urn:pulumi:dinkes::simpus::pulumi:providers:${pkg}::default`,
      type: `pulumi:providers:${pkg}`,
      name: "default",
      props: pkg.startsWith("azure") || pkg === "gcp" ? { location: region, region } : { region },
    },
  };
};

describe("data-location", () => {
  it("passes the fixture (every site in Indonesia)", async () => {
    const fx = await fixture();
    expect(findingsOf(dataLocation, fx)).toEqual([]);
    expect(root(fx.views).props.sites.map((s: any) => s.country)).toEqual(["ID", "ID", "ID"]);
  });

  it("fails a backup target outside Indonesia", async () => {
    const found = findingsOf(dataLocation, await fixture(), (v) => {
      root(v).props.sites.find((s: any) => s.id === "pusat-pemulihan").country = "SG";
    });
    expect(found).toEqual(['site "pusat-pemulihan" (recovery, Pusat Pemulihan Data) is in SG, outside Indonesia']);
  });

  it.each([
    ["aws:ec2/instance:Instance", "ap-southeast-3"],
    ["aws:s3/bucket:Bucket", "ap-southeast-3"],
    ["gcp:sql/databaseInstance:DatabaseInstance", "asia-southeast2"],
    ["azure-native:storage:StorageAccount", "indonesiacentral"],
    ["alicloud:ecs/instance:Instance", "ap-southeast-5"],
  ])("passes a %s of another stack in %s (Jakarta)", async (type, region) => {
    const fx = await fixture();
    expect(
      findingsOf(dataLocation, fx, (v) => v.splice(0, v.length, cloud(type, region)), { estate: fx.estate }),
    ).toEqual([]);
  });

  it.each([
    ["aws:ec2/instance:Instance", "ap-southeast-1", "server"],
    ["aws:rds/instance:Instance", "us-east-1", "database"],
    ["gcp:storage/bucket:Bucket", "asia-southeast1", "storage"],
    ["azure-native:compute:VirtualMachine", "southeastasia", "server"],
    ["alicloud:oss/bucket:Bucket", "ap-southeast-1", "storage"],
  ])("fails a %s of another stack in %s", async (type, region, category) => {
    const fx = await fixture();
    const found = findingsOf(dataLocation, fx, (v) => v.splice(0, v.length, cloud(type, region)), {
      estate: fx.estate,
    });
    expect(found).toEqual([
      `${category} ${type} "simpus" is in ${type.split(":")[0]} region ${region}, outside Indonesia`,
    ]);
  });

  it("reads the resource's own region before its provider's", async () => {
    const fx = await fixture();
    const bucket = cloud("aws:s3/bucket:Bucket", "ap-southeast-3", { region: "eu-west-1" });
    expect(findingsOf(dataLocation, fx, (v) => v.splice(0, v.length, bucket), { estate: fx.estate })).toEqual([
      'storage aws:s3/bucket:Bucket "simpus" is in aws region eu-west-1, outside Indonesia',
    ]);
  });

  it("says (advisory) that a cloud resource whose provider names no region cannot be placed", async () => {
    const fx = await fixture();
    const server = cloud("aws:ec2/instance:Instance", "ap-southeast-3");
    server.provider!.props = {};
    expect(findingsOf(dataLocation, fx, (v) => v.splice(0, v.length, server), { estate: fx.estate })).toEqual([
      'server aws:ec2/instance:Instance "simpus" names no region (nor does its provider): where its data is kept cannot be told',
    ]);
    const [finding] = dataLocation.check(contextOf([server], TODAY, undefined, fx.estate)!);
    expect(finding.advisory).toBe(true);
  });
});
