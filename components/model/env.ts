/**
 * Container environments, written once for both back ends. A value is literal or a reference to
 * a key of a named secret; Kubernetes turns references into secretKeyRefs, Docker into the secret's
 * value (a Pulumi secret output). Nothing secret is ever a literal here.
 */
import { AppPlan, BackupJobPlan, DatabasePlan, POSTGRES_PORT, RegencyPlan } from "./plan";

export type EnvEntry = { name: string; value: string } | { name: string; secretRef: { name: string; key: string } };

/** Secret names shared by the back ends. */
export const SECRETS = {
  keycloakAdmin: "keycloak-bootstrap-admin",
  keycloakClients: "keycloak-client-secrets",
  oidcOf: (app: string) => `${app}-oidc`,
} as const;

const ref = (name: string, key: string) => ({ secretRef: { name, key } });

export function postgresEnvironment(db: DatabasePlan): EnvEntry[] {
  return [
    { name: "POSTGRES_USER", ...ref(db.secretName, "username") },
    { name: "POSTGRES_PASSWORD", ...ref(db.secretName, "password") },
    { name: "POSTGRES_DB", ...ref(db.secretName, "database") },
    { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
  ];
}

/** Keycloak 26: hostname v2 behind a proxy, health and metrics on the management port, PostgreSQL. */
export function keycloakEnvironment(sso: RegencyPlan["sso"], dbHost: string): EnvEntry[] {
  return [
    { name: "KC_DB", value: "postgres" },
    { name: "KC_DB_URL", value: `jdbc:postgresql://${dbHost}:${POSTGRES_PORT}/${sso.database.database}` },
    { name: "KC_DB_USERNAME", ...ref(sso.database.secretName, "username") },
    { name: "KC_DB_PASSWORD", ...ref(sso.database.secretName, "password") },
    { name: "KC_HOSTNAME", value: `https://${sso.hostname}` },
    { name: "KC_PROXY_HEADERS", value: "xforwarded" },
    { name: "KC_HTTP_ENABLED", value: "true" },
    { name: "KC_HEALTH_ENABLED", value: "true" },
    { name: "KC_METRICS_ENABLED", value: "true" },
    { name: "KC_BOOTSTRAP_ADMIN_USERNAME", ...ref(SECRETS.keycloakAdmin, "username") },
    { name: "KC_BOOTSTRAP_ADMIN_PASSWORD", ...ref(SECRETS.keycloakAdmin, "password") },
    ...sso.clients.map((c) => ({ name: c.secretEnv, ...ref(SECRETS.keycloakClients, c.secretEnv) })),
  ];
}

/** What an application is told: the port to serve, its database and its OIDC client. */
export function appEnvironment(app: AppPlan, issuer: string, dbHost: string | undefined): EnvEntry[] {
  const env: EnvEntry[] = [{ name: "PORT", value: String(app.port) }];
  if (app.database && dbHost) {
    env.push(
      { name: "DB_HOST", value: dbHost },
      { name: "DB_PORT", value: String(POSTGRES_PORT) },
      { name: "DB_NAME", ...ref(app.database.secretName, "database") },
      { name: "DB_USER", ...ref(app.database.secretName, "username") },
      { name: "DB_PASSWORD", ...ref(app.database.secretName, "password") },
    );
  }
  env.push(
    { name: "OIDC_ISSUER_URL", value: issuer },
    { name: "OIDC_CLIENT_ID", value: app.sso.clientId },
    { name: "OIDC_CLIENT_SECRET", ...ref(SECRETS.oidcOf(app.id), "client-secret") },
  );
  return env;
}

/** What PostgreSQL's archive_command (wal-archive.sh) needs: its repository, tag and secrets; restic from `resticPath`. */
export function walArchiveEnvironment(db: DatabasePlan, resticPath: string): EnvEntry[] {
  const p = db.pointInTime;
  if (!p) return [];
  return [
    { name: "RESTIC", value: resticPath },
    { name: "RESTIC_REPOSITORY", value: p.repository.url },
    { name: "RESTIC_REST_USERNAME", value: p.repository.name },
    { name: "RESTIC_REST_PASSWORD", ...ref(p.repository.secret, REPOSITORY_SECRET_KEYS.password) },
    { name: "RESTIC_PASSWORD", ...ref(p.repository.secret, REPOSITORY_SECRET_KEYS.key) },
    { name: "RESTIC_CACHE_DIR", value: "/tmp/restic-cache" },
    { name: "WAL_TAG", value: p.walTag },
    { name: "BACKUP_HOST", value: db.namespace },
  ];
}

/** The repository maintenance at a target site (repository-maintenance.sh), in restic's image: repositories, retention file and keys as mounted there. */
export function maintenanceEnvironment(site: string): { name: string; value: string }[] {
  return [
    { name: "SITE", value: site },
    { name: "REPOSITORY_ROOT", value: "/data" },
    { name: "RETENTION_FILE", value: "/scripts/retention" },
    { name: "KEYS_DIR", value: "/keys" },
    { name: "RESTIC", value: "/usr/bin/restic" },
    { name: "RESTIC_CACHE_DIR", value: "/tmp/restic-cache" },
  ];
}

/** Keys of a target site's repository Secret in a job's namespace. */
export const REPOSITORY_SECRET_KEYS = { key: "repository-key", password: "server-password" } as const;

/**
 * The backup or restore script's settings for one job: its repository at the target site's server
 * (user = the namespace, secrets from the site's Secret), and the database or the volume.
 */
export function backupEnvironment(
  job: BackupJobPlan,
  mode: "backup" | "restore",
  dbHost: string,
  volumeDir: string,
): EnvEntry[] {
  const env: EnvEntry[] = [
    { name: "BACKUP_NAME", value: job.name },
    { name: "BACKUP_KIND", value: job.kind },
    { name: "BACKUP_HOST", value: job.namespace },
    { name: "RESTIC_REPOSITORY", value: job.repository.url },
    { name: "RESTIC_REST_USERNAME", value: job.repository.name },
    { name: "RESTIC_REST_PASSWORD", ...ref(job.repository.secret, REPOSITORY_SECRET_KEYS.password) },
    { name: "RESTIC_PASSWORD", ...ref(job.repository.secret, REPOSITORY_SECRET_KEYS.key) },
  ];
  if (job.kind === "postgres" && job.credentials) {
    if (job.baseTag && mode === "backup") env.push({ name: "BASE_TAG", value: job.baseTag });
    env.push(
      { name: "PGHOST", value: dbHost },
      { name: "PGPORT", value: String(POSTGRES_PORT) },
      { name: "PGUSER", ...ref(job.credentials, "username") },
      { name: "PGPASSWORD", ...ref(job.credentials, "password") },
      { name: "PGDATABASE", ...ref(job.credentials, "database") },
    );
  } else {
    env.push({ name: mode === "backup" ? "SOURCE_DIR" : "TARGET_DIR", value: volumeDir });
  }
  return env;
}
