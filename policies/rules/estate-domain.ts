import { dnsNameOf, categoryOf } from "../placement";
import { Finding, isUnderDomain, kind, Rule } from "../model";

/** DNS records and Ingress hosts of any stack of the regency stay under its official domain. */
export const estateDomain: Rule = {
  name: "estate-domain",
  description: "DNS records and Ingress hosts of any stack of the regency are under its official go.id domain.",
  cites: ["official-domain"],
  severity: "high",
  enforcement: "mandatory",
  anyStack: true,
  remediation: "Publish under `<subdomain>.<domain>` of the regency (the estate's domain), through the custodian.",
  check(ctx) {
    const estate = ctx.estate;
    if (!estate) return [];
    const official = (h: string) => isUnderDomain(h, estate.domain);
    const findings: Finding[] = [];
    for (const r of ctx.resources.filter((x) => categoryOf(x.type) === "dns")) {
      const name = dnsNameOf(r);
      if (name && !official(name))
        findings.push({ urn: r.urn, message: `DNS record ${name} (${r.type}) is not under ${estate.domain}` });
    }
    // The regency's own stacks are judged by official-domain; another stack's Ingresses here.
    if (!ctx.foreign) return findings;
    for (const ing of kind(ctx, "Ingress")) {
      for (const h of new Set<unknown>((ing.obj.spec?.rules ?? []).map((x: { host?: string }) => x.host))) {
        if (typeof h === "string" && !official(h))
          findings.push({
            urn: ing.urn,
            message: `Ingress ${ing.obj.metadata?.namespace ?? "default"}/${ing.obj.metadata?.name} publishes ${h}, not under ${estate.domain}`,
          });
      }
    }
    return findings;
  },
};
