import { dataCentersOf, Finding, ResourceView, Rule } from "../model";

/** Packages whose resources land on a data center's cluster or server (others, like random, land nowhere). */
const PLACED = /^(kubernetes|docker):/;

/** Data centers and DR centers are the custodian's alone; an OPD may run neither. */
export const custodianDataCenter: Rule = {
  name: "custodian-data-center",
  description:
    "Only the IT custodian provides data centers (pusat data) and disaster-recovery centers (pusat pemulihan data).",
  cites: ["custodian-data-center"],
  severity: "critical",
  enforcement: "mandatory",
  remediation:
    "Move the site's workloads into the custodian's data center and remove the site, or make the custodian its operator (`operator: custodian`).",
  check(ctx) {
    const findings: Finding[] = [];
    const centers = dataCentersOf(ctx);
    for (const { urn, facts } of centers) {
      const site = facts.site;
      if (site.operator !== "custodian") {
        const what =
          site.kind === "recovery" ? "disaster-recovery center (pusat pemulihan data)" : "data center (pusat data)";
        findings.push({
          urn,
          message: `site "${site.id}" is a ${what} operated by "${site.operator}", not by ${ctx.regency.custodian}`,
        });
      }
    }
    // Whatever lands on a cluster or server goes through the provider of a custodian data center
    // (never a default provider, which would follow whatever kubeconfig or Docker host is at hand).
    const custodianProviders = new Set(
      centers.filter((c) => c.facts.site.operator === "custodian" && c.facts.provider).map((c) => c.facts.provider),
    );
    const elsewhere = new Map<string, ResourceView[]>();
    for (const r of ctx.resources) {
      if (!PLACED.test(r.type) || !r.provider || custodianProviders.has(r.provider.urn)) continue;
      elsewhere.set(r.provider.urn, [...(elsewhere.get(r.provider.urn) ?? []), r]);
    }
    for (const [provider, placed] of elsewhere) {
      findings.push({
        urn: provider,
        message: `provider "${placed[0].provider!.name}" places ${placed.length} resource(s) but belongs to no data center of ${ctx.regency.custodian}`,
      });
    }
    return findings;
  },
};
