import { Finding, hostingsOf, isUnderDomain, kind, reverseProxiesOf, Rule, ssoOf, unconsolidatedOf } from "../model";

/** Every published hostname is the regency's go.id domain or a subdomain of it. */
export const officialDomain: Rule = {
  name: "official-domain",
  description: "Applications are published only on the regency's official go.id domain and its subdomains.",
  cites: ["official-domain"],
  severity: "high",
  enforcement: "mandatory",
  remediation:
    "Publish the application on `<subdomain>.<domain>` (drop `hostname` from the application in the stack file).",
  check(ctx) {
    const domain = ctx.regency.domain;
    const official = (h: unknown) => typeof h !== "string" || isUnderDomain(h, domain);
    const findings: Finding[] = [];
    // The domain itself: the one the regulation names, or (where it allows) one the Bupati decreed.
    const named = ctx.registry?.domain;
    if (named && domain !== named.name) {
      const decree = ctx.regency.domainDecree;
      if (!named.otherByDecree)
        findings.push({
          urn: ctx.rootUrn,
          message: `the regency's domain ${domain} is not ${named.name}, the domain its regulation names`,
        });
      else if (!decree)
        findings.push({
          urn: ctx.rootUrn,
          message: `the regency's domain ${domain} is not ${named.name}, the domain its regulation names, and no Keputusan Bupati setting it is recorded (domain.decree)`,
        });
      else if (decree.date > ctx.today)
        findings.push({
          urn: ctx.rootUrn,
          message: `the Keputusan Bupati ${decree.number} setting the domain ${domain} is dated after ${ctx.today}: not yet in force`,
        });
    }
    // What publishes a hostname: Ingresses and the Docker reverse proxy.
    const published = new Set<string>();
    // The hosts planned in each namespace: an Ingress there publishes only those (the clusters' admission policies refuse others too).
    const planned = new Map<string, string[]>([
      ...hostingsOf(ctx).map(({ facts }): [string, string[]] => [facts.namespace, facts.hostnames]),
      ...ssoOf(ctx).map(({ facts }): [string, string[]] => [facts.namespace, [facts.hostname]]),
    ]);
    for (const ing of kind(ctx, "Ingress")) {
      const ns = ing.obj.metadata?.namespace ?? "default";
      // Unknown: a hand-written object may put anything there.
      const hosts: unknown[] = [
        ...(ing.obj.spec?.rules ?? []).map((r) => r.host),
        ...(ing.obj.spec?.tls ?? []).flatMap((t) => t.hosts ?? []),
      ];
      for (const h of new Set(hosts)) {
        if (typeof h === "string") published.add(h);
        if (!official(h))
          findings.push({
            urn: ing.urn,
            message: `Ingress ${ns}/${ing.obj.metadata?.name} publishes ${String(h)}, not under ${domain}`,
          });
        else if (typeof h === "string" && planned.has(ns) && !planned.get(ns)!.includes(h))
          findings.push({
            urn: ing.urn,
            message: `Ingress ${ns}/${ing.obj.metadata?.name} publishes ${h}, not a planned host of ${ns}: ${planned.get(ns)!.join(", ")}`,
          });
      }
    }
    for (const proxy of reverseProxiesOf(ctx)) {
      for (const r of proxy.facts.routes ?? []) {
        published.add(r.hostname);
        if (!official(r.hostname))
          findings.push({ urn: proxy.urn, message: `the reverse proxy publishes ${r.hostname}, not under ${domain}` });
      }
    }
    // What plans one (the components' facts), where no Ingress or proxy shown to the pack publishes it already.
    const plannedOn = (urn: string, host: string, message: string) => {
      if (!official(host) && !published.has(host)) findings.push({ urn, message });
    };
    for (const { urn, facts } of hostingsOf(ctx)) {
      for (const a of facts.applications)
        plannedOn(
          urn,
          a.hostname,
          `application ${facts.namespace}/${a.id} is planned on ${a.hostname}, not under ${domain}`,
        );
    }
    for (const { urn, facts } of ssoOf(ctx))
      plannedOn(urn, facts.hostname, `single sign-on is planned on ${facts.hostname}, not under ${domain}`);
    for (const u of unconsolidatedOf(ctx)) {
      const facts = u.facts;
      if (!official(facts.hostname))
        findings.push({
          urn: u.urn,
          message: `${facts.application} of ${facts.opd} is reached at ${facts.hostname}, not under ${domain}`,
        });
    }
    return findings;
  },
};
