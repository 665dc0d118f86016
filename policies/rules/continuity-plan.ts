import { periodicFindings } from "../periodic";
import { Rule } from "../model";

/**
 * The data center has a business-continuity plan, tested at least once every two years. The plan and the
 * day of its last test are recorded in the spec; the restore drills (restore-drills) are the part of the
 * test the recovery site proves every week.
 */
export const continuityPlan: Rule = {
  name: "continuity-plan",
  description:
    "The data center has a business-continuity plan (rencana keberlangsungan kegiatan) whose last test is at most two years old.",
  cites: ["continuity-plan"],
  severity: "high",
  enforcement: "mandatory",
  remediation:
    "Record the plan and the day of its last test under `continuityPlan: { document, lastTested }`; where the test is older than two years, test the plan (a failover to the recovery site with its restore drills) and record the day.",
  check(ctx) {
    const plan = ctx.regency.continuityPlan;
    return periodicFindings(ctx, plan?.lastTested, {
      missing: "no business-continuity plan is recorded (continuityPlan)",
      future: (date) =>
        `the continuity plan "${plan!.document}" was last tested on ${date}, after today (${ctx.today})`,
      overdue: (date, due) =>
        `the continuity plan "${plan!.document}" was last tested on ${date}: a test was due by ${due}`,
    });
  },
};
