import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { RegencyPlan } from "../model/plan";

export interface SsoSecrets {
  adminPassword: pulumi.Output<string>;
  /** By client id. */
  clientSecrets: Record<string, pulumi.Output<string>>;
  /** By environment variable name (REALM_CLIENT_SECRET_…), as the realm's placeholders expect. */
  byEnv: Record<string, pulumi.Output<string>>;
}

/** The bootstrap admin password and one client secret per application, generated as Pulumi secrets. */
export function ssoSecrets(name: string, sso: RegencyPlan["sso"], parent: pulumi.Resource): SsoSecrets {
  const adminPassword = new random.RandomPassword(`${name}-bootstrap-admin`, { length: 32, special: false }, { parent })
    .result;
  const clientSecrets: Record<string, pulumi.Output<string>> = {};
  const byEnv: Record<string, pulumi.Output<string>> = {};
  for (const c of sso.clients) {
    const secret = new random.RandomPassword(`${name}-client-${c.clientId}`, { length: 40, special: false }, { parent })
      .result;
    clientSecrets[c.clientId] = secret;
    byEnv[c.secretEnv] = secret;
  }
  return { adminPassword, clientSecrets, byEnv };
}

export const BOOTSTRAP_ADMIN = "regency-bootstrap";
