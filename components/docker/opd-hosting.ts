import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { appEnvironment, SECRETS } from "../model/env";
import { hostingFacts } from "../model/facts";
import { AppPlan, DatabasePlan, LABEL, TenantPlan } from "../model/plan";
import { quantity } from "../model/sizing";
import { RepositoryCredentials } from "../backup/credentials";
import { BackupTools } from "./backup-tools";
import { DockerPostgres } from "./postgres";
import { Attachments, containerOf, labelsOf, listeningCheck, toDockerEnv } from "./naming";
import type { DatabaseCredentials } from "./postgres";

export interface DockerOpdHostingArgs {
  tenant: TenantPlan;
  /** The networks each container of this OPD joins (by container name), from the plan's flows. */
  attachments: Record<string, Attachments>;
  /** Whether those networks let through only the planned flows (`isolatedNamespace`). */
  defaultDeny: boolean;
  /** This OPD's flows Docker can only approximate (from `plan.docker.approximations`). */
  unenforcedFlows: string[];
  images: (ref: string) => pulumi.Output<string>;
  postgresImage: string;
  ssoIssuer: string;
  clientSecrets: Record<string, pulumi.Input<string>>;
  /** For databases with point-in-time recovery: this OPD's credentials on each target site's repository server, and the restic binary's volume. */
  pointInTime?: { credentials: Record<string, RepositoryCredentials>; tools: BackupTools };
}

/**
 * One OPD on the custodian's server: per application a container on the OPD's internal network
 * (with its own PostgreSQL, reachable from nowhere else) and on the DMZ network behind the
 * reverse proxy; named volumes for its files.
 */
export class DockerOpdHosting extends pulumi.ComponentResource {
  /** Named volumes of file data, by claim name (for the backup runner). */
  readonly volumes: Record<string, pulumi.Output<string>> = {};
  /** Database credentials, by database service name (for the backup runner). */
  readonly databases: Record<string, { host: string; credentials: DatabaseCredentials }> = {};

  constructor(name: string, args: DockerOpdHostingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:OpdHosting", name, args, opts);
    for (const app of args.tenant.apps) this.application(name, app, args);
    this.registerOutputs({
      ...hostingFacts(args.tenant, args.defaultDeny, args.unenforcedFlows),
      volumes: this.volumes,
    });
  }

  private application(name: string, app: AppPlan, args: DockerOpdHostingArgs) {
    const t = args.tenant;
    const base = `${name}/${app.id}`;
    const labels = {
      ...app.labels,
      [LABEL.segment]: t.segment.name,
      [LABEL.dataGroups]: [
        ...new Set([...(app.database?.dataGroups ?? []), ...app.volumes.flatMap((v) => v.dataGroups)]),
      ].join(","),
      "regency.go.id/hostname": app.hostname,
      "regency.go.id/sso": app.sso.status,
    };
    const secrets: Record<string, Record<string, pulumi.Input<string>>> = {
      [SECRETS.oidcOf(app.id)]: { "client-secret": args.clientSecrets[app.sso.clientId] },
    };
    let dbHost: string | undefined;
    if (app.database) {
      const db = new DockerPostgres(
        `${base}/db`,
        {
          database: app.database,
          containerName: containerOf(t.namespace, app.database.name),
          image: args.images(args.postgresImage),
          networks: args.attachments[containerOf(t.namespace, app.database.name)] ?? [],
          labels: { [LABEL.partOf]: app.labels[LABEL.partOf] },
          ...pointInTimeOf(app.database, args.pointInTime),
        },
        { parent: this },
      );
      dbHost = db.host;
      secrets[app.database.secretName] = db.credentials;
      this.databases[app.database.name] = { host: db.host, credentials: db.credentials };
    }
    const volumes = app.volumes.map((v) => {
      const volume = new docker.Volume(
        `${base}/${v.name}`,
        {
          name: containerOf(t.namespace, v.claim),
          labels: labelsOf({ ...labels, [LABEL.dataGroups]: v.dataGroups.join(",") }),
        },
        { parent: this },
      );
      this.volumes[v.claim] = volume.name;
      return { volumeName: volume.name, containerPath: v.mountPath };
    });
    new docker.Container(
      `${base}/container`,
      {
        name: containerOf(t.namespace, app.id),
        image: args.images(app.image),
        envs: toDockerEnv(appEnvironment(app, args.ssoIssuer, dbHost), secrets),
        networksAdvanced: args.attachments[containerOf(t.namespace, app.id)] ?? [],
        volumes,
        readOnly: true,
        tmpfs: { "/tmp": "rw,noexec,nosuid,size=64m" },
        capabilities: { drops: ["ALL"] },
        securityOpts: ["no-new-privileges:true"],
        restart: "unless-stopped",
        memory: Math.round(quantity(app.resources.memory) / 2 ** 20),
        cpus: String(quantity(app.resources.cpu)),
        healthcheck: { tests: ["CMD-SHELL", listeningCheck(app.port)], interval: "20s", timeout: "5s", retries: 3 },
        labels: labelsOf(labels),
      },
      { parent: this },
    );
  }
}

/** A database's point-in-time recovery inputs, when it has it and its site's credentials are there. */
function pointInTimeOf(
  db: DatabasePlan,
  pitr: DockerOpdHostingArgs["pointInTime"],
): { pointInTime?: { credentials: RepositoryCredentials; tools: BackupTools } } {
  const credentials = db.pointInTime && pitr?.credentials[db.pointInTime.targetSite];
  return credentials && pitr ? { pointInTime: { credentials, tools: pitr.tools } } : {};
}
