import { categoryOf, landingOf } from "../placement";
import { Finding, ResourceView, Rule } from "../model";
import { exemptionCover } from "./exemptions";

/**
 * Any stack of the regency (not only this library's): every server, cluster, workload, container,
 * database or storage lands on a site of the custodian, or on an OPD's own server room only under a
 * valid Keputusan Bupati exemption. Where it lands is read from its provider (estate.ts, placement.ts).
 */
export const estatePlacement: Rule = {
  name: "estate-placement",
  description:
    "Servers, clusters, workloads, databases and storage of any stack of the regency land only in the custodian's data center or DR center (an OPD's own server room only under a valid Keputusan Bupati exemption).",
  cites: ["custodian-data-center", "server-consolidation"],
  severity: "critical",
  enforcement: "mandatory",
  anyStack: true,
  remediation:
    "Deploy to the custodian's cluster or server (the endpoints in the estate), or move the workload into the custodian's data center; where the regulation allows it, record the Bupati's exemption for the OPD's server room.",
  check(ctx) {
    const estate = ctx.estate;
    if (!estate) return [];
    const groups = new Map<
      string,
      { where: string; site?: (typeof estate.sites)[number]; resources: ResourceView[] }
    >();
    for (const r of ctx.resources) {
      const category = categoryOf(r.type);
      if (category === undefined || category === "none" || category === "dns") continue;
      const landing = landingOf(r, estate);
      const key = `${landing.site?.id ?? ""}\0${landing.where}`;
      if (!groups.has(key)) groups.set(key, { ...landing, resources: [] });
      groups.get(key)!.resources.push(r);
    }
    const findings: Finding[] = [];
    for (const { where, site, resources } of groups.values()) {
      const what = `${resources.length} resource(s) (${[...new Set(resources.map((r) => `${categoryOf(r.type)} ${r.type}`))].join(", ")})`;
      if (site && site.operator === "custodian" && (site.kind === "primary" || site.kind === "recovery")) continue;
      if (site && site.kind === "opd-server") {
        const { holds, why } = exemptionCover(ctx, site.operator);
        if (holds) continue;
        findings.push({
          urn: resources[0].urn,
          message: `${what} land on ${where}, the server room of ${site.operator} ("${site.id}"), outside the custodian's data center; ${why}`,
        });
        continue;
      }
      findings.push({
        urn: resources[0].urn,
        message: `${what} land on ${where}, ${site ? `site "${site.id}" operated by ${site.operator}` : "no site"} — not a data center of ${estate.custodian}`,
      });
    }
    return findings;
  },
};

/** A resource type the table does not know: reported (advisory unless configured mandatory), never passed in silence. */
export const estateUnclassified: Rule = {
  name: "estate-unclassified",
  description:
    "Resources of a type the policy pack cannot classify are reported, so a new kind of server does not pass unseen.",
  cites: ["custodian-data-center"],
  severity: "medium",
  enforcement: "advisory",
  anyStack: true,
  remediation:
    "Tell the custodian which kind of resource this is; extend RESOURCE_TABLE in policies/placement.ts, or make this policy mandatory in the pack config to block unknown types.",
  check(ctx) {
    if (!ctx.estate) return [];
    const unknown = new Map<string, ResourceView[]>();
    for (const r of ctx.resources)
      if (categoryOf(r.type) === undefined) unknown.set(r.type, [...(unknown.get(r.type) ?? []), r]);
    return [...unknown].map(([type, rs]) => ({
      urn: rs[0].urn,
      message: `unclassified: ${type} (${rs.length} resource(s)); where it lands is not judged`,
    }));
  },
};
