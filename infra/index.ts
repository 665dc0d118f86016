/**
 * Pulumi entry point (Pulumi.yaml `main: infra/`): reads the stack's regency spec from
 * config `regency:spec`, validates it, and runs the regency program.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIssues } from "../components/model/issues";
import { lockFileOf, readIpLock } from "../components/model/iplock";
import { validateSpec } from "../components/model/validate";
import * as path from "path";
import { regencyProgram } from "./program";

const config = new pulumi.Config("regency");
// The stack's frozen IP allocation, committed beside its stack file (components/model/iplock.ts).
const lockFile = lockFileOf(path.join("stacks", `Pulumi.${pulumi.getStack()}.yaml`));
const lock = readIpLock(lockFile);
const result = validateSpec(config.requireObject("spec"), lock ? { lock, lockFile } : {});
if (!result.ok) {
  // RunError prints the message alone: reviewers see the field paths, not a stack trace.
  throw new pulumi.RunError(formatIssues(result.issues, `stacks/Pulumi.${pulumi.getStack()}.yaml`));
}
const kubeconfig = config.getSecret("kubeconfig");
// `npm run up` deploys to Docker by default (REGENCY_PLATFORM); a plain `pulumi up` follows the stack.
const platform = config.get("platform") ?? process.env.REGENCY_PLATFORM;
if (platform !== undefined && platform !== "docker" && platform !== "kubernetes") {
  throw new pulumi.RunError(`regency:platform must be docker or kubernetes, not "${platform}"`);
}
// An async program (Pulumi awaits the exported function); its result is the stack's outputs.
export = async () => {
  const outputs = await regencyProgram(result.model, {
    ...(kubeconfig ? { kubeconfig } : {}),
    ...(platform ? { platform } : {}),
  });
  return {
    regency: outputs.regency,
    custodian: outputs.custodian,
    domain: outputs.domain,
    regulation: outputs.regulation,
    ipPlan: outputs.ipPlan,
    opds: outputs.opds,
    sso: outputs.sso,
    deployedOn: outputs.platform,
  };
};
