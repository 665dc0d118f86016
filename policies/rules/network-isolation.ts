import { LABEL, POSTGRES_PORT, WORKLOAD_KINDS } from "../../components/model/plan";
import { isDefaultDeny } from "../../components/model/network-policies";
import type * as K8s from "@pulumi/kubernetes/types/output";
import { dockerOf, Finding, hostingsOf, kind, Loose, podSpecOf, Rule } from "../model";

const peerNamespace = (peer: Loose<K8s.networking.v1.NetworkPolicyPeer>) =>
  peer.ipBlock
    ? "an IP block"
    : (peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] ?? "any namespace");

/** Default deny per OPD; databases reachable only from their own OPD; no database published. */

export const networkIsolation: Rule = {
  name: "network-isolation",
  description:
    "Each OPD network denies by default; a database is reachable only from its own OPD and is never published.",
  cites: ["security"],
  severity: "critical",
  enforcement: "mandatory",
  remediation:
    "Remove `publishedPort` from the database; let the planned NetworkPolicies (or internal Docker networks) carry only the declared flows.",
  check(ctx) {
    const findings: Finding[] = [];
    const policies = kind(ctx, "NetworkPolicy");
    // Collected once: looking them up per OPD would be quadratic in OPDs.
    const withPolicies = new Set(policies.map((p) => p.obj.metadata?.namespace));
    const denyAll = new Set(policies.filter((p) => isDefaultDeny(p.obj.spec)).map((p) => p.obj.metadata?.namespace));
    for (const { urn, facts } of hostingsOf(ctx)) {
      // The NetworkPolicies themselves where the stack shows them; the component's record of what it created otherwise.
      const denied = withPolicies.has(facts.namespace) ? denyAll.has(facts.namespace) : facts.defaultDeny;
      if (!denied)
        findings.push({
          urn,
          message: `namespace ${facts.namespace} has no default-deny ${ctx.regency.platform === "docker" ? "network (its Docker network is not internal)" : "NetworkPolicy for ingress and egress"}`,
        });
    }
    for (const p of policies) {
      const ns = p.obj.metadata?.namespace ?? "default";
      for (const rule of p.obj.spec?.ingress ?? []) {
        if (!(rule.ports ?? []).some((x) => x.port === POSTGRES_PORT)) continue;
        for (const peer of rule.from ?? [{}]) {
          const from = peerNamespace(peer);
          if (from !== ns)
            findings.push({
              urn: p.urn,
              message: `NetworkPolicy ${ns}/${p.obj.metadata?.name} lets ${from} reach a database port`,
            });
        }
      }
    }
    // What an OPD's namespace may hold (the clusters' admission policies refuse the same).
    const hosting = new Map(hostingsOf(ctx).map(({ facts }) => [facts.namespace, facts]));
    const databasesOf = (ns: string) =>
      new Set((hosting.get(ns)?.applications ?? []).flatMap((a) => (a.database ? [a.database.name] : [])));
    for (const svc of kind(ctx, "Service")) {
      const { namespace: ns = "default", name } = svc.obj.metadata ?? {};
      const type = svc.obj.spec?.type;
      const exposed = type === "LoadBalancer" || type === "NodePort";
      if (exposed && hosting.has(ns))
        findings.push({
          urn: svc.urn,
          message: `Service ${ns}/${name} is of type ${type}: an OPD publishes only through its planned Ingress`,
        });
      else if (
        exposed &&
        (svc.obj.spec?.ports ?? []).some((x) => x.targetPort === POSTGRES_PORT || x.port === POSTGRES_PORT)
      ) {
        findings.push({ urn: svc.urn, message: `Service ${ns}/${name} publishes a database (${type})` });
      }
      if (hosting.has(ns) && (svc.obj.spec?.externalIPs ?? []).length > 0)
        findings.push({
          urn: svc.urn,
          message: `Service ${ns}/${name} claims external IPs the custodian did not number`,
        });
      const selected = svc.obj.spec?.selector?.[LABEL.app];
      if (
        hosting.has(ns) &&
        selected !== undefined &&
        databasesOf(ns).has(selected) &&
        (name !== selected || !(svc.obj.spec?.ports ?? []).every((p) => p.port === POSTGRES_PORT))
      ) {
        findings.push({
          urn: svc.urn,
          message: `Service ${ns}/${name} exposes database ${selected} beyond its planned Service (port ${POSTGRES_PORT})`,
        });
      }
    }
    for (const ing of kind(ctx, "Ingress")) {
      const ns = ing.obj.metadata?.namespace ?? "default";
      const backends: (string | undefined)[] = [
        ing.obj.spec?.defaultBackend?.service?.name,
        ...(ing.obj.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend?.service?.name)),
      ];
      if (backends.some((b) => b !== undefined && databasesOf(ns).has(b)))
        findings.push({ urn: ing.urn, message: `Ingress ${ns}/${ing.obj.metadata?.name} publishes a database` });
    }
    for (const k of WORKLOAD_KINDS) {
      for (const w of kind(ctx, k)) {
        const ns = w.obj.metadata?.namespace ?? "default";
        if (!hosting.has(ns)) continue;
        const what = `${k} ${ns}/${w.obj.metadata?.name}`;
        const pod = podSpecOf(w.obj);
        const containers = [...(pod.containers ?? []), ...(pod.initContainers ?? [])];
        if (pod.hostNetwork || pod.hostPID || pod.hostIPC)
          findings.push({ urn: w.urn, message: `${what} uses the node's network, PID or IPC namespace` });
        if (containers.some((c) => (c.ports ?? []).some((p) => (p.hostPort ?? 0) !== 0)))
          findings.push({ urn: w.urn, message: `${what} opens a port on the node (hostPort)` });
        if (containers.some((c) => c.securityContext?.privileged === true))
          findings.push({ urn: w.urn, message: `${what} runs a privileged container` });
      }
    }
    for (const p of policies) {
      const { namespace: ns = "default", name = "" } = p.obj.metadata ?? {};
      const planned = hosting.get(ns)?.networkPolicies;
      // NetworkPolicies add up: one more can only let more through.
      if (planned && !planned.includes(name))
        findings.push({
          urn: p.urn,
          message: `NetworkPolicy ${ns}/${name} is not in the plan: only the planned flows may be allowed`,
        });
    }
    const dockerNetworks = new Map(
      dockerOf(ctx, "docker:index/network:Network").map((n) => [n.obj.name, n.obj.internal === true]),
    );
    for (const c of dockerOf(ctx, "docker:index/container:Container")) {
      if ((c.obj.ports ?? []).some((p) => p.internal === POSTGRES_PORT))
        findings.push({ urn: c.urn, message: `container ${c.obj.name} publishes a database port on the host` });
      const isDatabase = (c.obj.labels ?? []).some(
        (l) => l.label === "app.kubernetes.io/component" && l.value === "database",
      );
      for (const n of isDatabase ? (c.obj.networksAdvanced ?? []) : []) {
        if (dockerNetworks.get(n.name) === false)
          findings.push({
            urn: c.urn,
            message: `database container ${c.obj.name} sits on ${n.name}, a network that is not internal`,
          });
      }
    }
    for (const { urn, facts } of hostingsOf(ctx)) {
      // Reported, never blocking: the platform says itself what of the plan it cannot enforce.
      for (const u of facts.unenforcedFlows ?? [])
        findings.push({ urn, message: `not enforced on this platform: ${u}`, advisory: true });
      for (const a of facts.applications) {
        if (a.database?.publishedPort !== undefined)
          findings.push({
            urn,
            message: `database ${facts.namespace}/${a.database.name} is published on port ${a.database.publishedPort}`,
          });
      }
    }
    return findings;
  },
};
