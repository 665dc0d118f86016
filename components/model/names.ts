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
/** Claim (Kubernetes) of an application's file volume. */
export const claimOf = (app: string, volume: string) => `${app}-${volume}`;
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
  keycloak: containerOf("sso", "keycloak"),
  keycloakDb: containerOf("sso", "keycloak-db"),
  /** The realm sync container's key (its name carries the realm's hash) and its app label. */
  realmSync: containerOf("sso", "realm-sync"),
  realmSyncApp: "realm-sync",
} as const;

/** A Service's name inside the cluster (namespace-qualified, resolvable from any namespace). */
export const serviceHostOf = (service: string, namespace: string) => `${service}.${namespace}.svc`;
