import { custodianDataCenter } from "../../policies/rules/custodian-data-center";
import { findingsOf, fixture, one } from "./fixture";

const DC = "regency:datacenter:DataCenter";

describe("custodian-data-center", () => {
  it("passes the fixture", async () => {
    expect(findingsOf(custodianDataCenter, await fixture())).toEqual([]);
  });

  it("fails a data center operated by an OPD", async () => {
    const found = findingsOf(custodianDataCenter, await fixture(), (v) => {
      one(v, DC, "pusat-data").props.site.operator = "dinkes";
    });
    expect(found[0]).toBe(
      'site "pusat-data" is a data center (pusat data) operated by "dinkes", not by Dinas Komunikasi dan Informatika',
    );
  });

  it("names a disaster-recovery center as such", async () => {
    const found = findingsOf(custodianDataCenter, await fixture(), (v) => {
      one(v, DC, "pusat-pemulihan").props.site.operator = "bappeda";
    });
    expect(found[0]).toContain('site "pusat-pemulihan" is a disaster-recovery center (pusat pemulihan data)');
  });

  it("fails resources placed through a provider of no custodian data center", async () => {
    const found = findingsOf(custodianDataCenter, await fixture(), (v) => {
      const ingress = v.find((r) => r.props.kind === "Ingress")!;
      ingress.provider = {
        urn: "urn:pulumi:contoh::regency::pulumi:providers:kubernetes::dinkes",
        type: "pulumi:providers:kubernetes",
        name: "dinkes",
        props: {},
      };
    });
    expect(found).toEqual([
      'provider "dinkes" places 1 resource(s) but belongs to no data center of Dinas Komunikasi dan Informatika',
    ]);
  });
});
