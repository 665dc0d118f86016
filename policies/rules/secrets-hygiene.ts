import { kind, podSpecOf, Rule, Finding } from "../model";

const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_?KEY|API_?KEY/i;

/** Credentials come from Secrets, never as literals in an environment or a ConfigMap. */
export const secretsHygiene: Rule = {
  name: "secrets-hygiene",
  description: "No credential is written in plain text in a container environment or a ConfigMap.",
  cites: ["security"],
  severity: "critical",
  enforcement: "mandatory",
  remediation: "Reference the credential from a Secret (`valueFrom.secretKeyRef`); generate it with @pulumi/random.",
  check(ctx) {
    const findings: Finding[] = [];
    const workloads = [
      ...kind(ctx, "Deployment"),
      ...kind(ctx, "StatefulSet"),
      ...kind(ctx, "Job"),
      ...kind(ctx, "CronJob"),
    ];
    for (const w of workloads) {
      const pod = podSpecOf(w.obj);
      for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
        for (const e of c.env ?? []) {
          if (SECRET_NAME.test(e.name ?? "") && typeof e.value === "string" && e.value !== "") {
            findings.push({
              urn: w.urn,
              message: `${w.obj.kind} ${w.obj.metadata?.namespace}/${w.obj.metadata?.name}: ${e.name} is a literal value in container ${c.name}`,
            });
          }
        }
      }
    }
    for (const cm of kind(ctx, "ConfigMap")) {
      for (const key of Object.keys(cm.obj.data ?? {})) {
        if (SECRET_NAME.test(key.replace(/[-.]/g, "_")))
          findings.push({
            urn: cm.urn,
            message: `ConfigMap ${cm.obj.metadata?.namespace}/${cm.obj.metadata?.name} holds "${key}"`,
          });
      }
    }
    return findings;
  },
};
