import { Rule } from "../model";
import { exemptionCover } from "./exemptions";

/** Every OPD server runs in the custodian's data center unless a valid exemption covers it. */
export const serverConsolidation: Rule = {
  name: "server-consolidation",
  description: "OPD servers are consolidated in the custodian's data center, unless a valid Keputusan Bupati exemption covers them.",
  cites: ["server-consolidation", "bupati-exemption"],
  severity: "high",
  enforcement: "mandatory",
  remediation: "Remove `site` from the application so it runs in the custodian's data center, or (where allowed) record a valid exemption.",
  check(ctx) {
    return ctx.resources
      .filter((r) => r.type === "regency:hosting:UnconsolidatedServer")
      .flatMap((r) => {
        const { opd, application, site } = r.props;
        const { holds, why } = exemptionCover(ctx, opd, application);
        if (holds) return [];
        return [{ urn: r.urn, message: `application "${application}" of ${opd} runs on "${site.id}" (operated by ${site.operator}), outside the custodian's data center; ${why}` }];
      });
  },
};
