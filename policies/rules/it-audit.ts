import { periodicStatus } from "../../components/model/periodic";
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
    const s = periodicStatus(audit?.date, ctx.today);
    const urn = ctx.rootUrn;
    switch (s.state) {
      case "missing":
        return [{ urn, message: "no IT audit is recorded (itAudit)" }];
      case "future":
        return [{ urn, message: `the IT audit by ${audit!.auditor} is dated ${s.date}, after today (${ctx.today})` }];
      case "overdue":
        return [
          { urn, message: `the last IT audit, by ${audit!.auditor}, was on ${s.date}: the next was due by ${s.due}` },
        ];
      case "current":
        return [];
    }
  },
};
