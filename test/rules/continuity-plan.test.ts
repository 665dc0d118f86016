import { continuityPlan } from "../../policies/rules/continuity-plan";
import { findingsOf, fixture, root, TODAY } from "./fixture";

describe("continuity-plan", () => {
  it("passes the fixture (its plan was tested this year)", async () => {
    expect(findingsOf(continuityPlan, await fixture())).toEqual([]);
  });

  it("fails a regency that records no continuity plan", async () => {
    const found = findingsOf(continuityPlan, await fixture(), (v) => delete root(v).props.continuityPlan);
    expect(found).toEqual(["no business-continuity plan is recorded (continuityPlan)"]);
  });

  it.each([
    ["two years and a day ago", "2024-11-30", "a test was due by 2026-11-30"],
    ["exactly two years ago", "2024-12-01", "a test was due by 2026-12-01"],
  ])("fails a plan last tested %s", async (_, lastTested, due) => {
    const found = findingsOf(
      continuityPlan,
      await fixture(),
      (v) => (root(v).props.continuityPlan.lastTested = lastTested),
    );
    expect(found).toEqual([
      `the continuity plan "Rencana Keberlangsungan Kegiatan Pusat Data" was last tested on ${lastTested}: ${due}`,
    ]);
  });

  it("passes a plan tested a day less than two years ago", async () => {
    expect(
      findingsOf(continuityPlan, await fixture(), (v) => (root(v).props.continuityPlan.lastTested = "2024-12-02")),
    ).toEqual([]);
  });

  it("fails a test dated after the day of the check", async () => {
    const found = findingsOf(
      continuityPlan,
      await fixture(),
      (v) => (root(v).props.continuityPlan.lastTested = "2027-01-01"),
    );
    expect(found).toEqual([
      `the continuity plan "Rencana Keberlangsungan Kegiatan Pusat Data" was last tested on 2027-01-01, after today (${TODAY})`,
    ]);
  });
});
