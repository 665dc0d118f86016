import { WORKLOAD_KINDS } from "../../components/model/plan";
import { declaredNamespaces, Finding, kind, Rule, unconsolidatedOf } from "../model";
import { exemptionCover } from "./exemptions";

/** Every OPD server runs in the custodian's data center unless a valid exemption covers it. */
export const serverConsolidation: Rule = {
  name: "server-consolidation",
  description:
    "OPD servers are consolidated in the custodian's data center, unless a valid Keputusan Bupati exemption covers them.",
  cites: ["server-consolidation", "bupati-exemption"],
  severity: "high",
  enforcement: "mandatory",
  remediation:
    "Remove `site` from the application so it runs in the custodian's data center, or (where allowed) record a valid exemption.",
  check(ctx) {
    const findings: Finding[] = unconsolidatedOf(ctx).flatMap((r) => {
      const { opd, application, site } = r.facts;
      const { holds, why } = exemptionCover(ctx, opd, application);
      if (holds) return [];
      return [
        {
          urn: r.urn,
          message: `application "${application}" of ${opd} runs on "${site.id}" (operated by ${site.operator}), outside the custodian's data center; ${why}`,
        },
      ];
    });
    // Kubernetes objects outside the plan's namespaces are servers the custodian does not run (the clusters' admission policies refuse them too).
    const declared = declaredNamespaces(ctx);
    for (const ns of kind(ctx, "Namespace")) {
      const name = ns.obj.metadata?.name;
      if (name !== "default" && !declared.has(name ?? ""))
        findings.push({ urn: ns.urn, message: `namespace ${name} is not in the plan of ${ctx.regency.regency}` });
    }
    for (const k of WORKLOAD_KINDS) {
      for (const w of kind(ctx, k)) {
        const ns = w.obj.metadata?.namespace ?? "default";
        if (!declared.has(ns))
          findings.push({
            urn: w.urn,
            message: `${k} ${ns}/${w.obj.metadata?.name} runs in a namespace the plan of ${ctx.regency.regency} does not declare`,
          });
      }
    }
    return findings;
  },
};
