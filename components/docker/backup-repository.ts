import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { RepositoryCredentials, repositorySecrets } from "../backup/credentials";
import { backupScripts } from "../backup/scripts";
import { BackupRepositoryPlan, MAINTENANCE_SCHEDULE, repositoryServerArgs, retentionFile } from "../model/backup";
import { maintenanceEnvironment } from "../model/env";
import { BackupRepositoryFacts, repositoryFacts } from "../model/facts";
import { LABEL } from "../model/plan";
import { BACKUP_JOB_RESOURCES, quantity } from "../model/sizing";
import { Attachments, labelsOf, POSIX_TZ } from "./naming";

export interface DockerBackupRepositoryArgs {
  /** The target site's repository server, as planned (`address` is its container name). */
  repository: BackupRepositoryPlan;
  /** Image ids of the repository server (rclone) and of the backup client (restic, with busybox crond). */
  images: { repositoryServer: pulumi.Input<string>; restic: pulumi.Input<string> };
  /** The server's networks on the primary's host: one internal network with the backup runner (none on another site's host, where its port is published on its address). */
  networks: Attachments;
  /** Daily maintenance (retention, prune, check), in the repository plan's `timeZone`. Default: 05:00, after the night's backups. */
  maintenanceSchedule?: string;
}

/**
 * The Docker back end's repository server of one target site: `rclone serve restic`, append-only,
 * one private repository per namespace, on a volume bound to the site's directory (retained on
 * delete: `pulumi destroy` leaves the copies). A separate maintenance container with no network and
 * the repositories mounted applies retention and prunes; the backup runner never sees the volume.
 */
export class DockerBackupRepository extends pulumi.ComponentResource {
  readonly credentials: Record<string, RepositoryCredentials>;
  readonly facts: BackupRepositoryFacts;

  constructor(name: string, args: DockerBackupRepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:BackupRepository", name, args, opts);
    const r = args.repository;
    const secrets = repositorySecrets(name, r, this);
    this.credentials = secrets.credentials;
    const labels = { [LABEL.component]: "backup-repository", "regency.go.id/backup-site": r.site };
    const volume = new docker.Volume(
      `${name}/storage`,
      {
        name: `regency-backup-${r.site}`,
        driver: "local",
        driverOpts: { type: "none", o: "bind", device: r.path },
        labels: labelsOf(labels),
      },
      // The copies outlive the stack: `pulumi destroy` forgets the volume and leaves the site's directory as it is.
      { parent: this, retainOnDelete: true },
    );
    const memory = Math.round(quantity(BACKUP_JOB_RESOURCES.limits.memory) / 2 ** 20);
    new docker.Container(
      `${name}/server`,
      {
        name: r.container!,
        image: args.images.repositoryServer,
        command: repositoryServerArgs({ root: "/data", htpasswd: "/etc/rclone/htpasswd", listen: `:${r.port}` }),
        envs: ["XDG_CONFIG_HOME=/tmp"],
        uploads: [{ file: "/etc/rclone/htpasswd", content: secrets.htpasswd, permissions: "0400" }],
        volumes: [{ volumeName: volume.name, containerPath: "/data" }],
        ...(args.networks.length > 0
          ? { networksAdvanced: args.networks }
          : { ports: [{ internal: r.port, external: r.port, ip: r.address }] }),
        restart: "unless-stopped",
        memory,
        cpus: BACKUP_JOB_RESOURCES.limits.cpu,
        labels: labelsOf({ ...labels, [LABEL.app]: r.container! }),
      },
      { parent: this },
    );
    const retention = retentionFile(r);
    const settings = maintenanceEnvironment(r.site)
      .map((e) => `${e.name}=${e.value}`)
      .join(" ");
    new docker.Container(
      `${name}/maintenance`,
      {
        name: `${r.container}-maintenance`,
        image: args.images.restic,
        entrypoints: ["crond", "-f", "-l", "8"],
        envs: [`TZ=${POSIX_TZ[r.timeZone]}`],
        uploads: [
          ...Object.entries(backupScripts()).map(([file, content]) => ({
            file: `/scripts/${file}`,
            content,
            executable: true,
          })),
          { file: "/scripts/retention", content: retention },
          ...Object.entries(secrets.keys).map(([repo, key]) => ({
            file: `/keys/${repo}`,
            content: key,
            permissions: "0400",
          })),
          {
            file: "/etc/crontabs/root",
            content: `${args.maintenanceSchedule ?? MAINTENANCE_SCHEDULE} ${settings} /bin/sh /scripts/repository-maintenance.sh >/proc/1/fd/1 2>&1\n`,
          },
        ],
        volumes: [{ volumeName: volume.name, containerPath: "/data" }],
        networkMode: "none",
        restart: "unless-stopped",
        memory,
        cpus: BACKUP_JOB_RESOURCES.limits.cpu,
        labels: labelsOf({ ...labels, [LABEL.app]: `${r.container}-maintenance` }),
      },
      { parent: this },
    );
    this.facts = repositoryFacts(r);
    this.registerOutputs(this.facts);
  }
}
