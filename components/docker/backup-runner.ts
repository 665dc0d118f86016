import * as fs from "fs";
import * as path from "path";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { backupScripts, SCRIPT } from "../backup/scripts";
import { backupEnvironment } from "../model/env";
import { backupFacts } from "../model/facts";
import { BackupJobPlan, LABEL, POSTGRES_PORT } from "../model/plan";
import { BACKUP_JOB_RESOURCES, quantity } from "../model/sizing";
import { Attachments, DOCKER, labelsOf, POSIX_TZ } from "./naming";

export interface BackupRunnerArgs {
  jobs: BackupJobPlan[];
  /** Image with busybox crond, pg_dump, tar and sha256sum (the Alpine PostgreSQL image). */
  image: pulumi.Input<string>;
  /** One internal network with each database it dumps. */
  networks: Attachments;
  /** Database host and credentials by `<namespace>/<database service>`. */
  databases: Record<string, { host: string; credentials: Record<string, pulumi.Input<string>> }>;
  /** Named volumes of file data by `<namespace>/<claim>`. */
  volumes: Record<string, pulumi.Input<string>>;
}

const RUN_JOB = path.join(__dirname, "scripts", "run-job.sh");
export const jobId = (j: BackupJobPlan) => `${j.namespace}.${j.name}`;
/** Where a job's copies go inside the runner: under its target site's volume. */
export const backupDirOf = (j: BackupJobPlan) => `/backup/${j.targetSite}/${j.namespace}/${j.name}`;

/**
 * The Docker back end's backups: one volume per target site bound to the site's path (never the
 * primary's; retained and protected), and one runner container whose crond runs the very same
 * backup scripts as the Kubernetes CronJobs, on the policies' schedules, in the regency's time zone.
 */
export class BackupRunner extends pulumi.ComponentResource {
  constructor(name: string, args: BackupRunnerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:BackupRunner", name, args, opts);
    const sites = new Map(args.jobs.map((j) => [j.targetSite, j.path]));
    const siteVolumes = [...sites].map(([site, hostPath]) => {
      const volume = new docker.Volume(
        `${name}/${site}`,
        {
          name: `regency-backup-${site}`,
          driver: "local",
          driverOpts: { type: "none", o: "bind", device: hostPath },
          labels: labelsOf({ [LABEL.component]: "backup", "regency.go.id/backup-site": site }),
        },
        // `pulumi destroy` must never take the backups with it.
        { parent: this, retainOnDelete: true, protect: true },
      );
      return { volumeName: volume.name, containerPath: `/backup/${site}` };
    });
    // One mount per volume: several policies (daily to the DR site, weekly to portable media) back up the same one.
    const sources = new Set(args.jobs.filter((j) => j.kind === "files").map((j) => `${j.namespace}/${j.source}`));
    const fileVolumes = [...sources].map((source) => ({ volumeName: args.volumes[source], containerPath: `/volumes/${source}` }));

    const uploads: pulumi.Input<docker.types.input.ContainerUpload>[] = [
      ...Object.entries(backupScripts()).map(([file, content]) => ({ file: `/scripts/${file}`, content, executable: true })),
      { file: "/scripts/run-job.sh", content: fs.readFileSync(RUN_JOB, "utf8"), executable: true },
    ];
    const cron: string[] = [];
    for (const j of args.jobs) {
      const id = jobId(j);
      const db = j.kind === "postgres" ? args.databases[`${j.namespace}/${j.source}`] : undefined;
      const settings = backupEnvironment(j, "backup", db?.host ?? "", { backup: backupDirOf(j), volume: `/volumes/${j.namespace}/${j.source}` })
        .filter((e) => "value" in e)
        .map((e) => `${e.name}=${(e as { value: string }).value}`);
      settings.push(`BACKUP_SCRIPT=${SCRIPT[j.kind].backup}`, `RESTORE_SCRIPT=${SCRIPT[j.kind].restore}`, `TARGET_DIR=/volumes/${j.namespace}/${j.source}`);
      if (db) {
        settings.push(`PGUSER=${db.credentials.username}`, `PGDATABASE=${db.credentials.database}`, `PGPASSFILE=/run/regency/pgpass/${id}`);
        uploads.push({
          file: `/run/regency/pgpass/${id}`,
          content: pulumi.interpolate`${db.host}:${POSTGRES_PORT}:${db.credentials.database}:${db.credentials.username}:${db.credentials.password}\n`,
          permissions: "0600",
        });
      }
      uploads.push({ file: `/jobs/${id}.env`, content: settings.join("\n") + "\n" });
      cron.push(`${j.schedule} /bin/sh /scripts/run-job.sh backup ${id} >/proc/1/fd/1 2>&1`);
    }
    uploads.push({ file: "/etc/crontabs/root", content: cron.join("\n") + "\n" });
    const timeZone = args.jobs[0]?.timeZone ?? "Asia/Jakarta";
    new docker.Container(
      `${name}/container`,
      {
        name: DOCKER.runner,
        image: args.image,
        entrypoints: ["crond", "-f", "-l", "8"],
        envs: [`TZ=${POSIX_TZ[timeZone]}`],
        uploads,
        volumes: [...siteVolumes, ...fileVolumes],
        networksAdvanced: args.networks,
        restart: "unless-stopped",
        memory: Math.round(quantity(BACKUP_JOB_RESOURCES.limits.memory) / 2 ** 20),
        cpus: BACKUP_JOB_RESOURCES.limits.cpu,
        labels: labelsOf({ [LABEL.app]: DOCKER.runner, [LABEL.component]: "backup" }),
      },
      { parent: this },
    );
    this.registerOutputs({ ...backupFacts(args.jobs), sites: [...sites.keys()] });
  }
}
