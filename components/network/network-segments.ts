import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Segment } from "../model/ipplan";
import { FlowPlan, PLATFORM_NAMESPACES } from "../model/plan";
import { createNetworkPolicies } from "./policies";

export interface NetworkSegmentsArgs {
  /** Every segment of the IP plan. */
  segments: Segment[];
  /** Segments whose pods take their addresses from the segment (OPD and common-app namespaces). */
  podSegments: string[];
  flows: FlowPlan[];
  cni: "calico" | "generic";
  /** The backup Namespace object, where the caller created it: its NetworkPolicies go with it (`createNetworkPolicies`). */
  backupNamespace?: pulumi.Resource;
}

/**
 * The IP plan made real: with Calico, one IPPool per OPD segment so its pods are numbered from
 * the custodian's plan; and the default-deny network of the backup platform namespace.
 * (Each OPD and the SSO namespace apply their own flows in OpdHosting and Keycloak.)
 */
export class NetworkSegments extends pulumi.ComponentResource {
  readonly pools: string[] = [];

  constructor(name: string, args: NetworkSegmentsArgs, opts?: pulumi.ComponentResourceOptions) {
    // The Namespace object is an option for its children, not an input of the component.
    super("regency:network:NetworkSegments", name, { ...args, backupNamespace: undefined }, opts);
    const child = { parent: this };
    if (args.cni === "calico") {
      for (const s of args.segments.filter((x) => args.podSegments.includes(x.name))) {
        new k8s.apiextensions.CustomResource(
          `${name}/ippool/${s.name}`,
          {
            apiVersion: "crd.projectcalico.org/v1",
            kind: "IPPool",
            metadata: { name: s.name, annotations: { "regency.go.id/segment-purpose": s.purpose } },
            spec: {
              cidr: s.cidr,
              blockSize: Math.min(Math.max(s.prefixLength + 2, 26), 29),
              ipipMode: "Never",
              vxlanMode: "CrossSubnet",
              natOutgoing: true,
              nodeSelector: "all()",
            },
          },
          child,
        );
        this.pools.push(s.name);
      }
    }
    createNetworkPolicies(
      `${name}/${PLATFORM_NAMESPACES.backup}`,
      PLATFORM_NAMESPACES.backup,
      args.flows,
      child,
      args.backupNamespace,
    );
    this.registerOutputs({ pools: this.pools });
  }
}
