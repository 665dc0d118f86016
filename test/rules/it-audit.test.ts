import { itAudit } from "../../policies/rules/it-audit";
import { findingsOf, fixture, root, TODAY } from "./fixture";

describe("it-audit", () => {
  it("passes the fixture (audited this year)", async () => {
    expect(findingsOf(itAudit, await fixture())).toEqual([]);
  });

  it("fails a regency that records no IT audit", async () => {
    expect(findingsOf(itAudit, await fixture(), (v) => delete root(v).props.itAudit)).toEqual([
      "no IT audit is recorded (itAudit)",
    ]);
  });

  it("fails an audit older than two years, naming the day it was due", async () => {
    expect(findingsOf(itAudit, await fixture(), (v) => (root(v).props.itAudit.date = "2024-02-29"))).toEqual([
      "the last IT audit, by Lembaga pelaksana Audit TIK terakreditasi, was on 2024-02-29: the next was due by 2026-03-01",
    ]);
  });

  it("fails an audit dated after the day of the check", async () => {
    expect(findingsOf(itAudit, await fixture(), (v) => (root(v).props.itAudit.date = "2026-12-02"))).toEqual([
      `the IT audit by Lembaga pelaksana Audit TIK terakreditasi is dated 2026-12-02, after today (${TODAY})`,
    ]);
  });
});
