import { periodicFindings } from "../periodic";
import { Rule } from "../model";

/** An IT audit (Audit TIK) of the regency's infrastructure and applications at least once every two years. */
export const itAudit: Rule = {
  name: "it-audit",
  description: "The regency's last IT audit (Audit TIK) is at most two years old.",
  cites: ["it-audit"],
  severity: "medium",
  enforcement: "mandatory",
  remediation:
    "Record the last IT audit under `itAudit: { date, auditor }`; where it is older than two years, commission one from an accredited auditor (lembaga pelaksana Audit TIK) and record it.",
  check(ctx) {
    const audit = ctx.regency.itAudit;
    return periodicFindings(ctx, audit?.date, {
      missing: "no IT audit is recorded (itAudit)",
      future: (date) => `the IT audit by ${audit!.auditor} is dated ${date}, after today (${ctx.today})`,
      overdue: (date, due) => `the last IT audit, by ${audit!.auditor}, was on ${date}: the next was due by ${due}`,
    });
  },
};
