import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { databasePassword } from "../database/password";
import { postgresEnvironment } from "../model/env";
import { DatabasePlan, LABEL } from "../model/plan";
import { DATABASE_RESOURCES, quantity } from "../model/sizing";
import { Attachments, labelsOf, toDockerEnv } from "./naming";

export interface DockerPostgresArgs {
  database: DatabasePlan;
  /** Container name (also its DNS name on its network). */
  containerName: string;
  /** Image id (from Images). */
  image: pulumi.Input<string>;
  /** Its networks: one with its application, one with the backup runner (both internal). */
  networks: Attachments;
  labels: Record<string, string>;
}

/** One PostgreSQL container for one application, its data on a named volume of the primary server. */
export class DockerPostgres extends pulumi.ComponentResource {
  readonly password: pulumi.Output<string>;
  readonly host: string;
  /** The credentials as the env builders reference them (secret name → key → value). */
  readonly credentials: Record<string, pulumi.Input<string>>;

  constructor(name: string, args: DockerPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:Postgres", name, args, opts);
    const db = args.database;
    this.password = databasePassword(name, this);
    this.host = args.containerName;
    this.credentials = { username: db.user, password: this.password, database: db.database };
    const labels = { ...args.labels, [LABEL.app]: db.name, [LABEL.component]: "database", "regency.go.id/data-groups": db.dataGroups.join(",") };
    const data = new docker.Volume(`${name}/data`, { name: `${args.containerName}-data`, labels: labelsOf(labels) }, { parent: this });
    new docker.Container(
      `${name}/container`,
      {
        name: args.containerName,
        image: args.image,
        envs: toDockerEnv(postgresEnvironment(db), { [db.secretName]: this.credentials }),
        networksAdvanced: args.networks,
        ...(db.publishedPort !== undefined ? { ports: [{ internal: 5432, external: db.publishedPort }] } : {}),
        volumes: [{ volumeName: data.name, containerPath: "/var/lib/postgresql/data" }],
        restart: "unless-stopped",
        memory: Math.round(quantity(DATABASE_RESOURCES.limits.memory) / 2 ** 20),
        cpus: DATABASE_RESOURCES.limits.cpu,
        healthcheck: { tests: ["CMD", "pg_isready", "-U", db.user, "-d", db.database], interval: "10s", timeout: "5s", retries: 5 },
        securityOpts: ["no-new-privileges:true"],
        labels: labelsOf(labels),
      },
      { parent: this },
    );
    this.registerOutputs({ host: this.host, password: this.password });
  }
}
