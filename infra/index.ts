/**
 * Pulumi entry point (Pulumi.yaml `main: infra/`): reads the stack's regency spec from
 * config `regency:spec`, validates it, and runs the regency program.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIssues } from "../components/model/issues";
import { validateSpec } from "../components/model/validate";
import { regencyProgram } from "./program";

const config = new pulumi.Config("regency");
const result = validateSpec(config.requireObject("spec"));
if (!result.ok) {
  // RunError prints the message alone: reviewers see the field paths, not a stack trace.
  throw new pulumi.RunError(formatIssues(result.issues, `stacks/Pulumi.${pulumi.getStack()}.yaml`));
}
const kubeconfig = config.getSecret("kubeconfig");
const outputs = regencyProgram(result.model, kubeconfig ? { kubeconfig } : {});

export const regency = outputs.regency;
export const custodian = outputs.custodian;
export const domain = outputs.domain;
export const regulation = outputs.regulation;
export const ipPlan = outputs.ipPlan;
export const opds = outputs.opds;
export const sso = outputs.sso;
