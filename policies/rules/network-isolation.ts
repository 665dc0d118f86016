import { POSTGRES_PORT } from "../../components/model/plan";
import { isDefaultDeny } from "../../components/network/policies";
import { Finding, hostingsOf, kind, Rule } from "../model";

const peerNamespace = (peer: { namespaceSelector?: { matchLabels?: Record<string, string> }; ipBlock?: unknown }) =>
  peer.ipBlock ? "an IP block" : (peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] ?? "any namespace");

/** Default deny per OPD; databases reachable only from their own OPD; no database published. */
export const networkIsolation: Rule = {
  name: "network-isolation",
  description: "Each OPD network denies by default; a database is reachable only from its own OPD and is never published.",
  cites: ["security"],
  severity: "critical",
  enforcement: "mandatory",
  remediation: "Remove `publishedPort` from the database; let the planned NetworkPolicies (or internal Docker networks) carry only the declared flows.",
  check(ctx) {
    const findings: Finding[] = [];
    const policies = kind(ctx, "NetworkPolicy");
    // Collected once: looking them up per OPD would be quadratic in OPDs.
    const withPolicies = new Set(policies.map((p) => p.props.metadata?.namespace));
    const denyAll = new Set(policies.filter((p) => isDefaultDeny(p.props.spec)).map((p) => p.props.metadata?.namespace));
    for (const { urn, facts } of hostingsOf(ctx)) {
      // The NetworkPolicies themselves where the stack shows them; the component's record of what it created otherwise.
      const denied = withPolicies.has(facts.namespace) ? denyAll.has(facts.namespace) : facts.defaultDeny;
      if (!denied) findings.push({ urn, message: `namespace ${facts.namespace} has no default-deny ${ctx.regency.platform === "docker" ? "network (its Docker network is not internal)" : "NetworkPolicy for ingress and egress"}` });
    }
    for (const p of policies) {
      const ns = p.props.metadata?.namespace;
      for (const rule of p.props.spec?.ingress ?? []) {
        if (!(rule.ports ?? []).some((x: { port?: number }) => x.port === POSTGRES_PORT)) continue;
        for (const peer of rule.from ?? [{}]) {
          const from = peerNamespace(peer);
          if (from !== ns) findings.push({ urn: p.urn, message: `NetworkPolicy ${ns}/${p.props.metadata?.name} lets ${from} reach a database port` });
        }
      }
    }
    for (const svc of kind(ctx, "Service")) {
      const type = svc.props.spec?.type;
      if ((type === "LoadBalancer" || type === "NodePort") && (svc.props.spec?.ports ?? []).some((x: { port?: number; targetPort?: number }) => x.targetPort === POSTGRES_PORT || x.port === POSTGRES_PORT)) {
        findings.push({ urn: svc.urn, message: `Service ${svc.props.metadata?.namespace}/${svc.props.metadata?.name} publishes a database (${type})` });
      }
    }
    const dockerNetworks = new Map(ctx.resources.filter((r) => r.type === "docker:index/network:Network").map((n) => [n.props.name, n.props.internal === true]));
    for (const c of ctx.resources.filter((r) => r.type === "docker:index/container:Container")) {
      if ((c.props.ports ?? []).some((p: { internal?: number }) => p.internal === POSTGRES_PORT)) findings.push({ urn: c.urn, message: `container ${c.props.name} publishes a database port on the host` });
      const isDatabase = (c.props.labels ?? []).some((l: { label: string; value: string }) => l.label === "app.kubernetes.io/component" && l.value === "database");
      for (const n of isDatabase ? c.props.networksAdvanced ?? [] : []) {
        if (dockerNetworks.get(n.name) === false) findings.push({ urn: c.urn, message: `database container ${c.props.name} sits on ${n.name}, a network that is not internal` });
      }
    }
    for (const { urn, facts } of hostingsOf(ctx)) {
      // Reported, never blocking: the platform says itself what of the plan it cannot enforce.
      for (const u of facts.unenforcedFlows ?? []) findings.push({ urn, message: `not enforced on this platform: ${u}`, advisory: true });
      for (const a of facts.applications) {
        if (a.database?.publishedPort !== undefined) findings.push({ urn, message: `database ${facts.namespace}/${a.database.name} is published on port ${a.database.publishedPort}` });
      }
    }
    return findings;
  },
};
