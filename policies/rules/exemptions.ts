import { Exemption } from "../../components/model/spec";
import { CheckContext, Rule } from "../model";

/** An exemption holds where the regulation allows the Bupati to decide otherwise and it has not expired. */
export function exemptionStatus(allowed: boolean, e: Exemption, today: string): "valid" | "not-allowed" | "expired" {
  if (!allowed) return "not-allowed";
  return e.expires < today ? "expired" : "valid";
}

/** The status as the rules see it: allowed where the regency's regulation has the Bupati clause. */
export const exemptionStatusIn = (ctx: CheckContext, e: Exemption) => exemptionStatus(ctx.cite("bupati-exemption").mandated, e, ctx.today);

/** Keputusan Bupati exemptions: only where the regulation allows them, and only until they expire. */
export const bupatiExemption: Rule = {
  name: "bupati-exemption",
  description: "Exemptions from consolidation by Keputusan Bupati exist only where the regulation allows them, and only until they expire.",
  cites: ["server-consolidation", "bupati-exemption"],
  severity: "high",
  enforcement: "mandatory",
  remediation: "Consolidate the servers and remove the exemption; where the regulation allows exceptions, renew the Keputusan Bupati before it expires.",
  check(ctx) {
    return ctx.regency.exemptions.flatMap((e) => {
      const status = exemptionStatusIn(ctx, e);
      const decree = `${e.decree.number} (${e.decree.date})`;
      if (status === "not-allowed") {
        return [{ urn: ctx.rootUrn, message: `exemption "${e.id}" (${decree}) for ${e.scope.opd}: ${ctx.cite("bupati-exemption").regulation} allows no exception by the Bupati` }];
      }
      if (status === "expired") return [{ urn: ctx.rootUrn, message: `exemption "${e.id}" (${decree}) for ${e.scope.opd} expired on ${e.expires}` }];
      return [];
    });
  },
};
