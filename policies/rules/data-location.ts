import { INDONESIA } from "../../components/model/spec";
import { categoryOf, str } from "../placement";
import { Finding, Rule } from "../model";

/**
 * Regions of the public clouds that are in Indonesia (Jakarta), by provider package. A cloud resource of
 * any stack of the regency that names another region keeps data abroad.
 */
export const INDONESIAN_REGIONS: Record<string, RegExp> = {
  aws: /^ap-southeast-3[a-z]?$/,
  gcp: /^asia-southeast2(-[a-c])?$/i,
  azure: /^indonesia\s?central$/i,
  "azure-native": /^indonesia\s?central$/i,
  alicloud: /^ap-southeast-5[a-z]?$/,
};

/**
 * Systems and data are kept in Indonesia: every site of the spec (data center, recovery site, portable
 * media, OPD server room) is in Indonesia, and in ANY stack of the regency a cloud server, database or
 * storage names an Indonesian region (the resource's own region or location, else its provider's).
 */
export const dataLocation: Rule = {
  name: "data-location",
  description:
    "Every site and backup target is in Indonesia, and cloud resources of any stack of the regency are in an Indonesian region.",
  cites: ["data-location"],
  severity: "critical",
  enforcement: "mandatory",
  anyStack: true,
  remediation:
    "Keep the site, its backups and cloud resources in Indonesia (AWS ap-southeast-3, Google Cloud asia-southeast2, Azure indonesiacentral, Alibaba Cloud ap-southeast-5 are in Jakarta); set `country` on each site as it is, and the region on each cloud provider.",
  check(ctx) {
    const findings: Finding[] = [];
    if (!ctx.foreign)
      for (const s of ctx.regency.sites)
        if ((s.country ?? INDONESIA) !== INDONESIA)
          findings.push({
            urn: ctx.rootUrn,
            message: `site "${s.id}" (${s.kind}${s.name !== s.id ? `, ${s.name}` : ""}) is in ${s.country}, outside Indonesia`,
          });
    for (const r of ctx.resources) {
      const pkg = r.type.split(":")[0];
      const indonesian = INDONESIAN_REGIONS[pkg];
      const category = categoryOf(r.type);
      if (!indonesian || category === undefined || category === "none" || category === "dns") continue;
      const p = r.provider?.props ?? {};
      const region = str(r.props.region) ?? str(r.props.location) ?? str(p.region) ?? str(p.location);
      if (region === undefined)
        // A region from the environment (AWS_REGION, …) is not in the engine's view: said, not judged.
        findings.push({
          urn: r.urn,
          advisory: true,
          message: `${category} ${r.type} "${r.name}" names no region (nor does its provider): where its data is kept cannot be told`,
        });
      else if (!indonesian.test(region))
        findings.push({
          urn: r.urn,
          message: `${category} ${r.type} "${r.name}" is in ${pkg} region ${region}, outside Indonesia`,
        });
    }
    return findings;
  },
};
