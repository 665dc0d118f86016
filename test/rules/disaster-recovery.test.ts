import { disasterRecovery } from "../../policies/rules/disaster-recovery";
import { findingsOf, fixture, root } from "./fixture";

describe("disaster-recovery", () => {
  it("passes the fixture", async () => {
    expect(findingsOf(disasterRecovery, await fixture())).toEqual([]);
  });

  it.each([
    ["the recovery site is operated by an OPD", (s: any) => (s.operator = "dinkes")],
    ["the recovery site is declared a primary", (s: any) => (s.kind = "primary")],
  ])("fails when %s", async (_, change) => {
    const found = findingsOf(disasterRecovery, await fixture(), (v) => {
      change(root(v).props.sites.find((s: any) => s.id === "pusat-pemulihan"));
    });
    expect(found).toEqual(["no disaster-recovery site of Dinas Komunikasi dan Informatika is declared"]);
  });
});
