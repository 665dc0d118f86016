import { Rule } from "../model";

/**
 * A stack cannot loosen its own verdict: for a regulation in the registry, the articles come from the
 * registry shipped with the pack, and a stack that publishes its own (or another regulation number)
 * is reported — its own are never used.
 */
export const citationIntegrity: Rule = {
  name: "citation-integrity",
  description:
    "The articles of a registered regulation come from the registry shipped with the policy pack; a stack cannot replace them.",
  cites: [],
  severity: "critical",
  enforcement: "mandatory",
  integrity: true,
  remediation:
    "Remove `regency.regulation.citations` from the stack file and state the regulation as the registry records it; to correct the registry, change components/model/citations/<slug>.yaml in regency-dc through review.",
  check(ctx) {
    const r = ctx.registry;
    if (!r) return [];
    const findings = [];
    if (ctx.regency.citations !== undefined) {
      findings.push({
        urn: ctx.rootUrn,
        message: `the stack publishes its own articles for ${Object.keys(ctx.regency.citations).join(", ")} of ${r.regulation.title} Nomor ${r.regulation.number} Tahun ${r.regulation.year}; the registry's are used instead`,
      });
    }
    const own = ctx.regency.regulationRef;
    if (own && (own.number !== r.regulation.number || own.year !== r.regulation.year)) {
      findings.push({
        urn: ctx.rootUrn,
        message: `the stack names its regulation Nomor ${own.number} Tahun ${own.year}; the registry records Nomor ${r.regulation.number} Tahun ${r.regulation.year}`,
      });
    }
    return findings;
  },
};
