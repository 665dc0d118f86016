import { Rule } from "../model";

/** The custodian provides a disaster-recovery center beside the data center. */
export const disasterRecovery: Rule = {
  name: "disaster-recovery",
  description:
    "The custodian provides a disaster-recovery center (pusat pemulihan data) separate from the data center.",
  cites: ["disaster-recovery"],
  severity: "high",
  enforcement: "mandatory",
  remediation:
    "Declare a site of kind `recovery`, operated by the custodian, in another building, and send backups there.",
  check(ctx) {
    const ok = ctx.regency.sites.some((s) => s.kind === "recovery" && s.operator === "custodian");
    return ok
      ? []
      : [{ urn: ctx.rootUrn, message: `no disaster-recovery site of ${ctx.regency.custodian} is declared` }];
  },
};
