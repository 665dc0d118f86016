/**
 * The plan's allowed flows as Kubernetes NetworkPolicy specs for one namespace: a default deny for
 * ingress and egress, then one allow policy per pod selector. Pure data (no Pulumi), shared by the
 * components that own a namespace, the admission policies and the policy pack.
 */
import type * as k8s from "@pulumi/kubernetes";
import { DEFAULT_DENY, FlowPlan, podLabelsOf } from "./plan";

export interface NetworkPolicyManifest {
  name: string;
  spec: k8s.types.input.networking.v1.NetworkPolicySpec;
}

const nsSelector = (ns: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } });
const peerOf = (end: FlowPlan["from"] | FlowPlan["to"]) =>
  "cidr" in end
    ? { ipBlock: { cidr: end.cidr, ...(end.except ? { except: end.except } : {}) } }
    : { ...nsSelector(end.namespace), ...(end.app ? { podSelector: { matchLabels: podLabelsOf(end.app) } } : {}) };
const portOf = (f: FlowPlan) => ({ port: f.port, protocol: f.protocol });

export function networkPoliciesFor(namespace: string, flows: FlowPlan[]): NetworkPolicyManifest[] {
  // Key "" = every pod of the namespace; otherwise an app label.
  const ingress = new Map<string, FlowPlan[]>();
  const egress = new Map<string, FlowPlan[]>();
  const push = (m: Map<string, FlowPlan[]>, k: string, f: FlowPlan) => m.set(k, [...(m.get(k) ?? []), f]);
  for (const f of flows) {
    if (!("cidr" in f.to) && f.to.namespace === namespace) push(ingress, f.to.app ?? "", f);
    if (f.from.namespace === namespace) push(egress, f.from.app ?? "", f);
  }
  const selectors = [...new Set([...ingress.keys(), ...egress.keys()])].sort();
  const policies: NetworkPolicyManifest[] = [
    { name: DEFAULT_DENY, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
  ];
  for (const key of selectors) {
    const inFlows = ingress.get(key) ?? [];
    const outFlows = egress.get(key) ?? [];
    policies.push({
      name: key === "" ? "allow-namespace" : `allow-${key}`,
      spec: {
        podSelector: key === "" ? {} : { matchLabels: podLabelsOf(key) },
        policyTypes: [...(inFlows.length ? ["Ingress"] : []), ...(outFlows.length ? ["Egress"] : [])],
        ...(inFlows.length ? { ingress: inFlows.map((f) => ({ from: [peerOf(f.from)], ports: [portOf(f)] })) } : {}),
        ...(outFlows.length ? { egress: outFlows.map((f) => ({ to: [peerOf(f.to)], ports: [portOf(f)] })) } : {}),
      },
    });
  }
  return policies;
}

/** A policy that selects every pod and allows nothing in either direction. */
export function isDefaultDeny(
  spec: { podSelector?: unknown; policyTypes?: unknown; ingress?: unknown; egress?: unknown } | undefined,
): boolean {
  if (
    !spec ||
    typeof spec.podSelector !== "object" ||
    spec.podSelector === null ||
    Object.keys(spec.podSelector).length > 0
  )
    return false;
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  return !spec.ingress && !spec.egress && ["Ingress", "Egress"].every((t) => types.includes(t));
}
