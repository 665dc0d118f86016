import * as fs from "fs";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { CredentialsBySite } from "../backup/credentials";
import { RESTIC_IN_TOOLS, TOOLS_DIR } from "../backup/restic-tools";
import { backupScripts, SCRIPT } from "../backup/scripts";
import { backupEnvironment } from "../model/env";
import { backupFacts } from "../model/facts";
import { BackupJobPlan, LABEL, POSTGRES_PORT } from "../model/plan";
import { BACKUP_JOB_RESOURCES, quantity } from "../model/sizing";
import { BackupTools } from "./backup-tools";
import { Attachments, DOCKER, labelsOf, POSIX_TZ } from "./naming";
import { packagePath } from "../root";
import type { DatabaseCredentials } from "./postgres";

export interface BackupRunnerArgs {
  jobs: BackupJobPlan[];
  /** Image with busybox crond and pg_dump (the Alpine PostgreSQL image); restic is copied in from `resticImage`. */
  image: pulumi.Input<string>;
  /** The restic binary's volume (BackupTools), mounted at /tools. */
  tools: BackupTools;
  /** One internal network with each database it dumps and each repository server it writes to. */
  networks: Attachments;
  /** Database host and credentials by `<namespace>/<database service>`. */
  databases: Record<string, { host: string; credentials: DatabaseCredentials }>;
  /** Named volumes of file data by `<namespace>/<claim>`. */
  volumes: Record<string, pulumi.Input<string>>;
  /** Each namespace's credentials on each target site's repository server: `[site][namespace]`. */
  credentials: CredentialsBySite;
}

const RUN_JOB = packagePath("components", "docker", "scripts", "run-job.sh");
export const jobId = (j: BackupJobPlan) => `${j.namespace}.${j.name}`;
/** Where a job's repository secrets are inside the runner (files of mode 0400, read by restic and run-job.sh). */
const secretDir = (j: BackupJobPlan) => `/run/regency/restic/${j.targetSite}/${j.namespace}`;

/**
 * The Docker back end's backup jobs: one runner container whose crond runs the very same backup
 * scripts as the Kubernetes CronJobs, on the policies' schedules, in the regency's time zone. It
 * reaches each target site's repository server over the network with append-only credentials and
 * holds no copy itself: removing it (or the whole stack) removes no backup.
 */
export class BackupRunner extends pulumi.ComponentResource {
  constructor(name: string, args: BackupRunnerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:BackupRunner", name, args, opts);
    // One mount per volume: several policies (daily to the DR site, weekly to portable media) back up the same one.
    const sources = new Set(args.jobs.filter((j) => j.kind === "files").map((j) => `${j.namespace}/${j.source}`));
    const fileVolumes = [...sources].map((source) => ({
      volumeName: args.volumes[source],
      containerPath: `/volumes/${source}`,
    }));

    const uploads: pulumi.Input<docker.types.input.ContainerUpload>[] = [
      ...Object.entries(backupScripts()).map(([file, content]) => ({
        file: `/scripts/${file}`,
        content,
        executable: true,
      })),
      { file: "/scripts/run-job.sh", content: fs.readFileSync(RUN_JOB, "utf8"), executable: true },
    ];
    const secretFiles = new Set<string>();
    const cron: string[] = [];
    for (const j of args.jobs) {
      const id = jobId(j);
      const db = j.kind === "postgres" ? args.databases[`${j.namespace}/${j.source}`] : undefined;
      const dir = secretDir(j);
      const settings = backupEnvironment(j, "backup", db?.host ?? "", `/volumes/${j.namespace}/${j.source}`)
        .filter((e) => "value" in e)
        .map((e) => `${e.name}=${(e as { value: string }).value}`);
      settings.push(
        `BACKUP_SCRIPT=${SCRIPT[j.kind].backup}`,
        `RESTORE_SCRIPT=${SCRIPT[j.kind].restore}`,
        `DRILL_SCRIPT=${SCRIPT[j.kind].drill}`,
        `TARGET_DIR=/volumes/${j.namespace}/${j.source}`,
        `RESTIC=${RESTIC_IN_TOOLS}`,
        `RESTIC_PASSWORD_FILE=${dir}/key`,
        `RESTIC_REST_PASSWORD_FILE=${dir}/password`,
      );
      if (!secretFiles.has(dir)) {
        const c = args.credentials[j.targetSite]?.[j.namespace];
        secretFiles.add(dir);
        // A site that is not the custodian's has no repository server (DataCenter has failed the run).
        if (c)
          uploads.push(
            { file: `${dir}/key`, content: c.key, permissions: "0400" },
            { file: `${dir}/password`, content: c.password, permissions: "0400" },
          );
      }
      if (db) {
        settings.push(
          `PGUSER=${db.credentials.username}`,
          `PGDATABASE=${db.credentials.database}`,
          `PGPASSFILE=/run/regency/pgpass/${id}`,
        );
        uploads.push({
          file: `/run/regency/pgpass/${id}`,
          // Any database of that server: a restore drill connects to its scratch database too.
          content: pulumi.interpolate`${db.host}:${POSTGRES_PORT}:*:${db.credentials.username}:${db.credentials.password}\n`,
          permissions: "0600",
        });
      }
      uploads.push({ file: `/jobs/${id}.env`, content: settings.join("\n") + "\n" });
      cron.push(`${j.schedule} /bin/sh /scripts/run-job.sh backup ${id} >/proc/1/fd/1 2>&1`);
      if (j.drill) cron.push(`${j.drill.schedule} /bin/sh /scripts/run-job.sh drill ${id} >/proc/1/fd/1 2>&1`);
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
        volumes: [{ volumeName: args.tools.volumeName, containerPath: TOOLS_DIR, readOnly: true }, ...fileVolumes],
        networksAdvanced: args.networks,
        restart: "unless-stopped",
        memory: Math.round(quantity(BACKUP_JOB_RESOURCES.limits.memory) / 2 ** 20),
        cpus: BACKUP_JOB_RESOURCES.limits.cpu,
        labels: labelsOf({ [LABEL.app]: DOCKER.runner, [LABEL.component]: "backup" }),
      },
      { parent: this, dependsOn: [args.tools.ready] },
    );
    this.registerOutputs(backupFacts(args.jobs));
  }
}
