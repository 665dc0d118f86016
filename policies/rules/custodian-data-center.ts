import { Rule, Finding } from "../model";

/** Data centers and DR centers are the custodian's alone; an OPD may run neither. */
export const custodianDataCenter: Rule = {
  name: "custodian-data-center",
  description: "Only the IT custodian provides data centers (pusat data) and disaster-recovery centers (pusat pemulihan data).",
  cites: ["custodian-data-center"],
  severity: "critical",
  enforcement: "mandatory",
  remediation:
    "Move the site's workloads into the custodian's data center and remove the site, or make the custodian its operator (`operator: custodian`).",
  check(ctx) {
    const findings: Finding[] = [];
    const centers = ctx.resources.filter((r) => r.type === "regency:datacenter:DataCenter");
    for (const dc of centers) {
      const site = dc.props.site;
      if (site?.operator !== "custodian") {
        const what = site?.kind === "recovery" ? "disaster-recovery center (pusat pemulihan data)" : "data center (pusat data)";
        findings.push({ urn: dc.urn, message: `site "${site?.id}" is a ${what} operated by "${site?.operator}", not by ${ctx.regency.custodian}` });
      }
    }
    // A provider outside a custodian data center would place workloads where no one may.
    const custodianCenters = new Set(centers.filter((c) => c.props.site?.operator === "custodian").map((c) => c.urn));
    for (const p of ctx.resources.filter((r) => r.type === "pulumi:providers:kubernetes" || r.type === "pulumi:providers:docker")) {
      if (!p.parent || !custodianCenters.has(p.parent)) findings.push({ urn: p.urn, message: `provider "${p.name}" does not belong to a data center of ${ctx.regency.custodian}` });
    }
    return findings;
  },
};
