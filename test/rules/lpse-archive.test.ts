import { lpseArchive } from "../../policies/rules/lpse-archive";
import { findingsOf, fixture, hosting } from "./fixture";

describe("lpse-archive", () => {
  it("passes the fixture, and an LPSE application with a document volume", async () => {
    expect(findingsOf(lpseArchive, await fixture())).toEqual([]);
    expect(
      findingsOf(lpseArchive, await fixture(), (v) => (hosting(v, "opd-opd-0").props.applications[1].lpse = true)),
    ).toEqual([]);
  });

  it("fails an LPSE application without a document volume", async () => {
    const found = findingsOf(lpseArchive, await fixture(), (v) => {
      hosting(v, "opd-opd-0").props.applications[0].lpse = true;
    });
    expect(found).toEqual(["LPSE application opd-opd-0/app-0-a has no document volume to back up"]);
  });
});
