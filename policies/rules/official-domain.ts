import { kind, Rule, Finding } from "../model";

/** Every published hostname is the regency's go.id domain or a subdomain of it. */
export const officialDomain: Rule = {
  name: "official-domain",
  description: "Applications are published only on the regency's official go.id domain and its subdomains.",
  cites: ["official-domain"],
  severity: "high",
  enforcement: "mandatory",
  remediation: "Publish the application on `<subdomain>.<domain>` (drop `hostname` from the application in the stack file).",
  check(ctx) {
    const domain = ctx.regency.domain;
    const official = (h: string) => h === domain || h.endsWith(`.${domain}`);
    const findings: Finding[] = [];
    for (const ing of kind(ctx, "Ingress")) {
      const hosts: string[] = [...(ing.props.spec?.rules ?? []).map((r: { host?: string }) => r.host), ...(ing.props.spec?.tls ?? []).flatMap((t: { hosts?: string[] }) => t.hosts ?? [])];
      for (const h of new Set(hosts)) if (typeof h === "string" && !official(h)) findings.push({ urn: ing.urn, message: `Ingress ${ing.props.metadata?.namespace}/${ing.props.metadata?.name} publishes ${h}, not under ${domain}` });
    }
    for (const proxy of ctx.resources.filter((r) => r.type === "regency:docker:ReverseProxy")) {
      for (const r of proxy.props.routes ?? []) if (!official(r.hostname)) findings.push({ urn: proxy.urn, message: `the reverse proxy publishes ${r.hostname}, not under ${domain}` });
    }
    for (const u of ctx.resources.filter((r) => r.type === "regency:hosting:UnconsolidatedServer")) {
      if (!official(u.props.hostname)) findings.push({ urn: u.urn, message: `${u.props.application} of ${u.props.opd} is reached at ${u.props.hostname}, not under ${domain}` });
    }
    return findings;
  },
};
