import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { databasePassword } from "../database/password";
import { RepositoryCredentials } from "../backup/credentials";
import { RESTIC_IN_TOOLS, TOOLS_DIR } from "../backup/restic-tools";
import { backupScripts } from "../backup/scripts";
import { PITR_HBA, postgresArgs } from "../database/postgres";
import { postgresEnvironment, REPOSITORY_SECRET_KEYS, walArchiveEnvironment } from "../model/env";
import { DatabasePlan, LABEL } from "../model/plan";
import { DATABASE_RESOURCES, quantity } from "../model/sizing";
import { BackupTools } from "./backup-tools";
import { Attachments, labelsOf, toDockerEnv } from "./naming";

export interface DockerPostgresArgs {
  database: DatabasePlan;
  /** Container name (also its DNS name on its network). */
  containerName: string;
  /** Image id (from Images). */
  image: pulumi.Input<string>;
  /** Its networks: one with its application, one with the backup runner (both internal), one with its repository server when it archives WAL. */
  networks: Attachments;
  labels: Record<string, string>;
  /** For a database with point-in-time recovery: its repository credentials and the restic binary's volume. */
  pointInTime?: { credentials: RepositoryCredentials; tools: BackupTools };
}

/** How a client reaches a database: its user and database (plan names) and its generated password. */
export type DatabaseCredentials = { username: string; password: pulumi.Input<string>; database: string };

/** One PostgreSQL container for one application, its data on a named volume of the primary server. */
export class DockerPostgres extends pulumi.ComponentResource {
  readonly password: pulumi.Output<string>;
  readonly host: string;
  /** The credentials as the env builders reference them (secret name → key → value). */
  readonly credentials: DatabaseCredentials;

  constructor(name: string, args: DockerPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:Postgres", name, args, opts);
    const db = args.database;
    this.password = databasePassword(name, this);
    this.host = args.containerName;
    this.credentials = { username: db.user, password: this.password, database: db.database };
    const labels = {
      ...args.labels,
      [LABEL.app]: db.name,
      [LABEL.component]: "database",
      [LABEL.dataGroups]: db.dataGroups.join(","),
    };
    const data = new docker.Volume(
      `${name}/data`,
      { name: `${args.containerName}-data`, labels: labelsOf(labels) },
      { parent: this },
    );
    // Point-in-time recovery, as on Kubernetes: the plan's settings and pg_hba.conf, wal-archive.sh with restic from the tools volume.
    const pitr = db.pointInTime && args.pointInTime;
    const secrets: Record<string, Record<string, pulumi.Input<string>>> = { [db.secretName]: this.credentials };
    if (pitr)
      secrets[db.pointInTime!.repository.secret] = {
        [REPOSITORY_SECRET_KEYS.key]: pitr.credentials.key,
        [REPOSITORY_SECRET_KEYS.password]: pitr.credentials.password,
      };
    new docker.Container(
      `${name}/container`,
      {
        name: args.containerName,
        image: args.image,
        envs: toDockerEnv(
          [...postgresEnvironment(db), ...(pitr ? walArchiveEnvironment(db, RESTIC_IN_TOOLS) : [])],
          secrets,
        ),
        ...(pitr
          ? {
              command: postgresArgs(db),
              uploads: [
                ...Object.entries(backupScripts()).map(([file, content]) => ({
                  file: `/scripts/${file}`,
                  content,
                  executable: true,
                })),
                { file: "/etc/regency/pg_hba.conf", content: PITR_HBA },
              ],
            }
          : {}),
        networksAdvanced: args.networks,
        ...(db.publishedPort !== undefined ? { ports: [{ internal: 5432, external: db.publishedPort }] } : {}),
        volumes: [
          { volumeName: data.name, containerPath: "/var/lib/postgresql/data" },
          ...(pitr ? [{ volumeName: pitr.tools.volumeName, containerPath: TOOLS_DIR, readOnly: true }] : []),
        ],
        restart: "unless-stopped",
        memory: Math.round(quantity(DATABASE_RESOURCES.limits.memory) / 2 ** 20),
        cpus: DATABASE_RESOURCES.limits.cpu,
        healthcheck: {
          tests: ["CMD", "pg_isready", "-U", db.user, "-d", db.database],
          interval: "10s",
          timeout: "5s",
          retries: 5,
        },
        securityOpts: ["no-new-privileges:true"],
        labels: labelsOf(labels),
      },
      { parent: this, ...(pitr ? { dependsOn: [pitr.tools.ready] } : {}) },
    );
    this.registerOutputs({ host: this.host, password: this.password });
  }
}
