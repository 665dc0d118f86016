import { Rule } from "../model";

/** Hulu Sungai Tengah: the Dinas controls which internet sites OPDs may reach. */
export const internetSiteControl: Rule = {
  name: "internet-site-control",
  description: "The custodian controls which internet sites OPDs may reach.",
  cites: ["internet-site-control"],
  severity: "low",
  enforcement: "mandatory",
  onlyWhereMandated: true,
  remediation: "List the blocked categories under `internet.blockedCategories` in the stack file.",
  check(ctx) {
    return ctx.regency.blockedCategories.length > 0
      ? []
      : [{ urn: ctx.rootUrn, message: "no internet site control is declared (internet.blockedCategories is empty)" }];
  },
};
