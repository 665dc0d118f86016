/**
 * Every name the back ends generate from the spec, written once: the plan uses these, and
 * validation checks with the same functions that no two fields of a spec generate one name.
 */
export const COMMON_APPS_NAMESPACE = "aplikasi-umum";
/** Namespace (Kubernetes) or name prefix (Docker) of an OPD; also its IP-plan segment. */
export const namespaceOfOpd = (opd: string) => `opd-${opd}`;
export const namespaceOf = (opd: string | undefined) => (opd ? namespaceOfOpd(opd) : COMMON_APPS_NAMESPACE);
/** Service / StatefulSet of an application's database. */
export const databaseOf = (app: string) => `${app}-db`;
/** The Secret (Kubernetes) or environment file (Docker) of a database's credentials. */
export const credentialsOf = (database: string) => `${database}-credentials`;
/** Claim (Kubernetes) of an application's file volume. */
export const claimOf = (app: string, volume: string) => `${app}-${volume}`;
/** Namespaces of the custodian's platform. */
export const PLATFORM_NAMESPACES = { sso: "sso", backup: "backup", ingress: "ingress" } as const;
/** Keycloak's own database. */
export const KEYCLOAK_DB = "keycloak-db";
/** The clients Keycloak makes in every realm: an application may not take their ids. */
export const KEYCLOAK_CLIENTS = [
  "account",
  "account-console",
  "admin-cli",
  "broker",
  "realm-management",
  "security-admin-console",
] as const;
/** The realm sync's app label; each run is named from the realm file it applies (realm.ts). */
export const REALM_SYNC = "realm-sync";
/** The host of the regency's single sign-on: a subdomain of the regency's domain. */
export const ssoHostnameOf = (spec: { sso: { subdomain: string }; domain: { name: string } }) =>
  `${spec.sso.subdomain}.${spec.domain.name}`;
/** The host of an application: the one it names, else its subdomain of the regency's domain. */
export const hostnameOf = (app: { hostname?: string; subdomain: string }, domain: string) =>
  app.hostname ?? `${app.subdomain}.${domain}`;
/** A backup source as restore records and drills name it: `<namespace>/<database or claim>`. */
export const backupSourceOf = (namespace: string, name: string) => `${namespace}/${name}`;
/** Docker names are global on the host: the namespace goes in front. */
export const containerOf = (namespace: string, name: string) => `${namespace}-${name}`;

/** Storage class (Kubernetes) of a site's volumes, and its directory (Docker), when the spec does not say. */
export const storageClassOf = (site: { id: string; storageClass?: string }) => site.storageClass ?? site.id;
export const pathOf = (site: { id: string; path?: string }) => site.path ?? `/srv/regency/${site.id}`;
/** The repository server of a backup target site (Docker container name). */
export const repositoryContainerOf = (site: string) => `regency-backup-repository-${site}`;

/** Containers of the custodian's platform on one server (Docker). */
export const DOCKER_NAMES = {
  proxy: "regency-proxy",
  runner: "regency-backup-runner",
  /** The volume (and one-shot container) that gives the runner the restic binary. */
  runnerTools: "regency-backup-tools",
  keycloak: containerOf(PLATFORM_NAMESPACES.sso, "keycloak"),
  keycloakDb: containerOf(PLATFORM_NAMESPACES.sso, KEYCLOAK_DB),
  /** The realm sync container's key (its name carries the realm's hash) and its app label. */
  realmSync: containerOf(PLATFORM_NAMESPACES.sso, REALM_SYNC),
  realmSyncApp: REALM_SYNC,
} as const;

/** A Service's name inside the cluster (namespace-qualified, resolvable from any namespace). */
export const serviceHostOf = (service: string, namespace: string) => `${service}.${namespace}.svc`;
