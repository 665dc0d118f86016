import { nationalDataCenter, nationalNetwork } from "../../policies/rules/national-links";
import { findingsOf, fixture, root } from "./fixture";

const without = (kind: string) => (v: any[]) => {
  const r = root(v);
  r.props.interconnections = r.props.interconnections.filter((i: any) => i.kind !== kind);
};

describe("national-data-center", () => {
  it("passes the fixture (it declares its link to the national data center)", async () => {
    expect(findingsOf(nationalDataCenter, await fixture())).toEqual([]);
  });

  it("fails a regency that declares no link to the national data center", async () => {
    expect(findingsOf(nationalDataCenter, await fixture(), without("national-data-center"))).toEqual([
      "no connection to the national data center (Pusat Data nasional) is declared among the interconnections",
    ]);
  });

  it("is not satisfied by the intra-government network alone", async () => {
    const fx = await fixture();
    expect(findingsOf(nationalNetwork, fx, without("national-data-center"))).toEqual([]);
    expect(findingsOf(nationalDataCenter, fx, without("national-data-center"))).toHaveLength(1);
  });
});

describe("national-network", () => {
  it("passes the fixture", async () => {
    expect(findingsOf(nationalNetwork, await fixture())).toEqual([]);
  });

  it("fails a regency that declares no link to the national intra-government network", async () => {
    expect(findingsOf(nationalNetwork, await fixture(), without("intra-government-network"))).toEqual([
      "no connection to the national intra-government network (Jaringan Intra Pemerintah) is declared among the interconnections",
    ]);
  });
});
