import { Rule } from "../model";
import { exemptionStatusIn } from "./exemptions";

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
        const covering = ctx.regency.exemptions.filter((e) => e.scope.opd === opd && (e.scope.application === undefined || e.scope.application === application));
        if (covering.some((e) => exemptionStatusIn(ctx, e) === "valid")) return [];
        const why = covering.length === 0 ? "no exemption covers it" : `its exemption ${covering.map((e) => `"${e.id}"`).join(", ")} does not hold (${covering.map((e) => exemptionStatusIn(ctx, e)).join(", ")})`;
        return [{ urn: r.urn, message: `application "${application}" of ${opd} runs on "${site.id}" (operated by ${site.operator}), outside the custodian's data center; ${why}` }];
      });
  },
};
