/**
 * The regency's Keycloak realm, generated from the spec: one realm, one group per OPD, one
 * confidential OIDC client per application. Client secrets are `${ENV}` placeholders that
 * Keycloak resolves at import time, so the realm file itself holds no secret.
 */
import * as crypto from "crypto";
import { REALM_SYNC } from "./names";
import type { TenantPlan } from "./plan";
import { RegencyModel } from "./validate";

export type RealmRepresentation = Record<string, unknown> & {
  realm: string;
  groups: { name: string; attributes: Record<string, string[]> }[];
  clients: { clientId: string; secret: string; redirectUris: string[]; attributes: Record<string, string> }[];
};

/**
 * The attribute that marks a client or group as the spec's: the realm sync manages those fully
 * (creates, updates, removes) and leaves everything else in the realm alone.
 */
export const MANAGED_BY = "regency.managed-by";
export const MANAGER = "regency-dc";

export function realmFor(model: RegencyModel, tenants: TenantPlan[]): RealmRepresentation {
  const { spec } = model;
  const realm = spec.sso.realm ?? spec.regency.slug;
  const groups = tenants.map((t) => ({
    name: t.opd ?? "custodian",
    path: `/${t.opd ?? "custodian"}`,
    attributes: {
      [MANAGED_BY]: [MANAGER],
      name: [t.opd ? t.displayName : spec.custodian.name],
      segment: [t.segment.cidr],
      namespace: [t.namespace],
      // What the regulation asks of an OPD's data and its move to SSO, readable in Keycloak itself.
      "wali-data": [...new Set(t.apps.flatMap((a) => (a.database?.waliData ? [a.database.waliData] : [])))].sort(),
      "sso.onboarded": t.apps.filter((a) => a.sso.status === "onboarded").map((a) => a.sso.clientId),
      "sso.transition": t.apps.filter((a) => a.sso.status === "transition").map((a) => a.sso.clientId),
    },
    realmRoles: ["pegawai"],
  }));
  const clients = tenants.flatMap((t) =>
    t.apps.map((a) => ({
      clientId: a.sso.clientId,
      name: a.name,
      description: a.sso.status === "transition" ? "SSO: masa transisi (bertahap) / in transition" : "SSO: onboarded",
      enabled: true,
      protocol: "openid-connect",
      publicClient: false,
      clientAuthenticatorType: "client-secret",
      secret: `\${${a.sso.secretEnv}}`,
      rootUrl: `https://${a.hostname}`,
      baseUrl: "/",
      redirectUris: [`https://${a.hostname}/*`],
      webOrigins: [`https://${a.hostname}`],
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: true,
      attributes: {
        "post.logout.redirect.uris": `https://${a.hostname}/*`,
        "pkce.code.challenge.method": "S256",
        [MANAGED_BY]: MANAGER,
        "regency.opd": t.opd ?? "custodian",
        "regency.sso.status": a.sso.status,
      },
      protocolMappers: [
        {
          name: "groups",
          protocol: "openid-connect",
          protocolMapper: "oidc-group-membership-mapper",
          consentRequired: false,
          config: {
            "full.path": "false",
            "id.token.claim": "true",
            "access.token.claim": "true",
            "userinfo.token.claim": "true",
            "claim.name": "groups",
          },
        },
      ],
    })),
  );
  return {
    realm,
    displayName: spec.regency.name,
    enabled: true,
    sslRequired: "external",
    registrationAllowed: false,
    loginWithEmailAllowed: true,
    duplicateEmailsAllowed: false,
    bruteForceProtected: true,
    internationalizationEnabled: true,
    supportedLocales: ["id", "en"],
    defaultLocale: "id",
    roles: {
      realm: [
        { name: "pegawai", description: "Aparatur Sipil Negara / civil servant" },
        { name: "admin-opd", description: "Administrator aplikasi OPD" },
        { name: "wali-data", description: "Wali Data (data steward)" },
      ],
    },
    groups,
    clients,
  };
}

/**
 * The files the sync job applies to a running Keycloak (see realm-sync.sh): one per client
 * (`client-<id>.json`, created or updated in place so its service account survives), the roles and
 * groups (new ones imported with their role mappings) and one per group (`group-<name>.json`, its
 * attributes applied to the existing group, whose members stay).
 */
export function realmSyncFiles(realm: RealmRepresentation): Record<string, string> {
  const files: Record<string, string> = {
    "groups-roles.json": JSON.stringify({ groups: realm.groups, roles: realm.roles }, null, 2),
  };
  for (const c of realm.clients) files[`client-${c.clientId}.json`] = JSON.stringify(c, null, 2);
  // A group's own representation (name and attributes): an update of it leaves its members alone.
  for (const g of realm.groups)
    files[`group-${g.name}.json`] = JSON.stringify({ name: g.name, attributes: g.attributes }, null, 2);
  return files;
}

/** The realm file both back ends mount, as Keycloak imports it. */
export const realmFileText = (realm: RealmRepresentation) => JSON.stringify(realm, null, 2);

/** The OIDC issuer of the regency realm, as applications are told it (e.g. https://sso.bulukumbakab.go.id/realms/bulukumba). */
export const issuerOf = (sso: { hostname: string; realm: { realm: string } }) =>
  `https://${sso.hostname}/realms/${sso.realm.realm}`;

/** The one-shot realm sync run for this version of the realm file: a new name (so a new run) at every change. */
export const realmSyncRunOf = (realmFile: string) =>
  `${REALM_SYNC}-${crypto.createHash("sha256").update(realmFile).digest("hex").slice(0, 10)}`;
