/**
 * Creates a namespace's NetworkPolicies from the plan's flows (their specs: model/network-policies.ts).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FlowPlan } from "../model/plan";
import { NetworkPolicyManifest, networkPoliciesFor } from "../model/network-policies";

/**
 * Creates the namespace's NetworkPolicies as children named `<prefix>/netpol/<policy>`; returns what it
 * created. Given the Namespace object, they go with it: deleting the namespace deletes them (the cluster
 * empties it), and Pulumi never deletes a default deny on its own, which the clusters' admission
 * policies refuse while the namespace lives.
 */
export function createNetworkPolicies(
  prefix: string,
  namespace: string,
  flows: FlowPlan[],
  opts: pulumi.CustomResourceOptions,
  namespaceObject?: pulumi.Resource,
): NetworkPolicyManifest[] {
  const policies = networkPoliciesFor(namespace, flows);
  for (const p of policies)
    new k8s.networking.v1.NetworkPolicy(
      `${prefix}/netpol/${p.name}`,
      { metadata: { name: p.name, namespace }, spec: p.spec },
      { ...opts, ...(namespaceObject ? { deletedWith: namespaceObject } : {}) },
    );
  return policies;
}
