import { Exemption } from "../../components/model/spec";
import { CheckContext, Rule } from "../model";

export type ExemptionStatus = "valid" | "not-allowed" | "not-yet" | "expired" | "wrong-authority";

/** What each status says, in Indonesian and English (the report and the findings use these). */
export const EXEMPTION_STATUS: Record<ExemptionStatus, { id: string; en: string }> = {
  valid: { id: "berlaku", en: "valid" },
  "not-allowed": { id: "tidak diizinkan", en: "not allowed" },
  "not-yet": { id: "belum berlaku", en: "not yet in force" },
  expired: { id: "kedaluwarsa", en: "expired" },
  "wrong-authority": { id: "bukan keputusan Bupati", en: "not decided by the Bupati" },
};

/**
 * An exemption holds only where the regulation lets the Bupati decide otherwise ("kecuali ditentukan
 * lain oleh Bupati"), only if the Bupati of this regency decided it, and only from the decree's date
 * until it expires. Its scope (OPD, application) is matched by the rule that relies on it.
 */
export function exemptionStatus(allowed: boolean, e: Exemption, today: string, regencyName: string): ExemptionStatus {
  if (!allowed) return "not-allowed";
  if (e.approver.trim() !== `Bupati ${regencyName.replace(/^Kabupaten /, "")}`) return "wrong-authority";
  if (e.decree.date > today) return "not-yet";
  return e.expires < today ? "expired" : "valid";
}

/** The status as the rules see it: allowed where the regency's regulation has the Bupati clause. */
export const exemptionStatusIn = (ctx: CheckContext, e: Exemption) =>
  exemptionStatus(ctx.cite("bupati-exemption").mandated, e, ctx.today, ctx.regency.regency);

/** Whether a valid exemption covers an OPD (and application, where known), and if not, why — said once for every rule. */
export function exemptionCover(ctx: CheckContext, opd: string, application?: string): { holds: boolean; why: string } {
  const covering = ctx.regency.exemptions.filter(
    (e) =>
      e.scope.opd === opd &&
      (application === undefined || e.scope.application === undefined || e.scope.application === application),
  );
  if (covering.some((e) => exemptionStatusIn(ctx, e) === "valid")) return { holds: true, why: "" };
  return {
    holds: false,
    why:
      covering.length === 0
        ? "no exemption covers it"
        : `its exemption ${covering.map((e) => `"${e.id}"`).join(", ")} does not hold (${covering.map((e) => exemptionStatusIn(ctx, e)).join(", ")})`,
  };
}

/** Keputusan Bupati exemptions: only where the regulation allows them, decided by the Bupati, and only while in force. */
export const bupatiExemption: Rule = {
  name: "bupati-exemption",
  description:
    "Exemptions from consolidation by Keputusan Bupati exist only where the regulation allows them, are decided by the Bupati, and hold only from the decree's date until they expire.",
  cites: ["server-consolidation", "bupati-exemption"],
  severity: "high",
  enforcement: "mandatory",
  remediation:
    "Consolidate the servers and remove the exemption; where the regulation allows exceptions, record the Bupati's own Keputusan and renew it before it expires.",
  check(ctx) {
    return ctx.regency.exemptions.flatMap((e) => {
      const status = exemptionStatusIn(ctx, e);
      const decree = `${e.decree.number} (${e.decree.date})`;
      const what = `exemption "${e.id}" (${decree}) for ${e.scope.opd}`;
      switch (status) {
        case "valid":
          return [];
        case "not-allowed":
          return [
            {
              urn: ctx.rootUrn,
              message: `${what}: ${ctx.cite("bupati-exemption").regulation} allows no exception by the Bupati`,
            },
          ];
        case "wrong-authority":
          return [
            {
              urn: ctx.rootUrn,
              message: `${what} was approved by "${e.approver}", not by the Bupati (Bupati ${ctx.regency.regency.replace(/^Kabupaten /, "")})`,
            },
          ];
        case "not-yet":
          return [{ urn: ctx.rootUrn, message: `${what} is dated after ${ctx.today}: it is not yet in force` }];
        case "expired":
          return [{ urn: ctx.rootUrn, message: `${what} expired on ${e.expires}` }];
      }
    });
  },
};
