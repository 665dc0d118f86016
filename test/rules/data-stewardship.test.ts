import { dataStewardship } from "../../policies/rules/data-stewardship";
import { findingsOf, fixture, hosting } from "./fixture";

const database = (v: any[]) => hosting(v, "opd-opd-0").props.applications[0].database;

describe("data-stewardship", () => {
  it("passes the fixture", async () => {
    expect(findingsOf(dataStewardship, await fixture())).toEqual([]);
  });

  it("fails a database without a data group", async () => {
    const found = findingsOf(dataStewardship, await fixture(), (v) => (database(v).dataGroups = []));
    expect(found).toEqual(["database opd-opd-0/app-0-a-db declares no data group"]);
  });

  it("fails a database without a Wali Data", async () => {
    const found = findingsOf(dataStewardship, await fixture(), (v) => delete database(v).waliData);
    expect(found).toEqual(["database opd-opd-0/app-0-a-db has no Wali Data"]);
  });
});
