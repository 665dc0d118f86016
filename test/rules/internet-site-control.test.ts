import { internetSiteControl } from "../../policies/rules/internet-site-control";
import { findingsOf, fixture, root } from "./fixture";

describe("internet-site-control", () => {
  it("passes the fixture", async () => {
    expect(findingsOf(internetSiteControl, await fixture())).toEqual([]);
  });

  it("fails when no category of sites is blocked", async () => {
    const found = findingsOf(internetSiteControl, await fixture(), (v) => (root(v).props.blockedCategories = []));
    expect(found).toEqual(["no internet site control is declared (internet.blockedCategories is empty)"]);
  });
});
