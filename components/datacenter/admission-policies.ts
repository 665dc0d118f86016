import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AdmissionPoliciesFacts } from "../model/facts";
import { AdmissionPolicyManifest } from "./admission";

export interface AdmissionPoliciesArgs {
  /** The custodian site whose cluster enforces them. */
  site: string;
  /** The ValidatingAdmissionPolicies and their bindings, generated from the plan (`admissionPolicies`). */
  policies: AdmissionPolicyManifest[];
}

/**
 * The admission policies of one custodian cluster: kube-apiserver itself refuses what the plan does
 * not allow, whoever applies it (admission.ts). Everything else on the cluster depends on it.
 */
export class AdmissionPolicies extends pulumi.ComponentResource {
  constructor(name: string, args: AdmissionPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:datacenter:AdmissionPolicies", name, args, opts);
    const child = { parent: this };
    for (const p of args.policies) {
      const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(
        `${name}/${p.policy.metadata.name}`,
        p.policy,
        child,
      );
      new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(
        `${name}/${p.binding.metadata.name}/binding`,
        p.binding,
        { ...child, dependsOn: [policy] },
      );
    }
    const facts: AdmissionPoliciesFacts = {
      site: args.site,
      policies: args.policies.map((p) => ({ name: p.policy.metadata.name, rules: p.rules })),
    };
    this.registerOutputs(facts);
  }
}
