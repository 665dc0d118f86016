import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { restrictedContainer, restrictedPod } from "../kubernetes/pod-security";
import { BackupJobPlan, LABEL, POSTGRES_UID } from "../model/plan";
import { BACKUP_JOB_RESOURCES } from "../model/sizing";
import { backupEnvironment, REPOSITORY_SECRET_KEYS } from "../model/env";
import { BackupFacts, backupFacts } from "../model/facts";
import { toK8sEnv } from "../kubernetes/env";
import { repositorySecretOf } from "../model/backup";
import { RepositoryCredentials } from "./credentials";
import { RESTIC_IN_TOOLS, resticInitContainer, TOOLS_DIR } from "./restic-tools";
import { backupScripts, SCRIPT } from "./scripts";
import { serviceHostOf } from "../model/names";

export interface BackupsArgs {
  namespace: string;
  /** The backup jobs of this namespace: one per database and per file volume (and per policy). */
  jobs: BackupJobPlan[];
  /** This namespace's credentials on each target site's repository server, by site id. */
  credentials: Record<string, RepositoryCredentials>;
  /** The job image: pg_dump and a shell (the PostgreSQL image); restic is copied in from `resticImage`. */
  image: string;
  /** The backup client's image (restic: a static binary). */
  resticImage: string;
  /** Storage class of the restore drills' scratch volumes (the primary site's). */
  scratchStorageClass: string;
}

/** February 31st never comes: restore CronJobs are templates, started by hand. */
const NEVER = "0 0 31 2 *";

/**
 * The backup jobs of one namespace. Each CronJob streams its database dump or volume into the
 * namespace's encrypted repository on the target site's append-only server and reads part of it back;
 * a suspended restore CronJob restores the newest snapshot safely. Nothing of the copies lives here:
 * deleting this namespace deletes jobs, never backups. File volumes are ReadWriteOnce, so their jobs
 * run on the node of the pod that mounts them.
 */
export class Backups extends pulumi.ComponentResource {
  readonly facts: BackupFacts;

  constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:backup:Backups", name, args, opts);
    const ns = args.namespace;
    const child = { parent: this };
    new k8s.core.v1.ConfigMap(
      `${name}/scripts`,
      { metadata: { name: "backup-scripts", namespace: ns }, data: backupScripts() },
      child,
    );
    for (const site of [...new Set(args.jobs.map((j) => j.targetSite))]) {
      const c = args.credentials[site];
      if (!c) continue; // the site is not the custodian's: it has no repository server, and DataCenter has failed the run
      const secret = repositorySecretOf(site);
      new k8s.core.v1.Secret(
        `${name}/${secret}`,
        {
          metadata: { name: secret, namespace: ns, labels: { [LABEL.component]: "backup" } },
          stringData: { [REPOSITORY_SECRET_KEYS.key]: c.key, [REPOSITORY_SECRET_KEYS.password]: c.password },
        },
        child,
      );
    }
    for (const job of args.jobs) {
      new k8s.batch.v1.CronJob(`${name}/${job.name}`, this.cronJob(job, args, "backup"), child);
      new k8s.batch.v1.CronJob(`${name}/${job.restoreName}`, this.cronJob(job, args, "restore"), child);
      if (job.drill) new k8s.batch.v1.CronJob(`${name}/${job.drill.name}`, this.cronJob(job, args, "drill"), child);
    }
    this.facts = backupFacts(args.jobs);
    this.registerOutputs(this.facts);
  }

  /**
   * A CronJob of one job: `backup` on the policy's schedule, `restore` suspended (started by hand), or
   * `drill` on the drill schedule — it restores the newest copy into a scratch volume of the source's
   * size (created with the pod, deleted after it) and never mounts the live data.
   */
  private cronJob(
    job: BackupJobPlan,
    args: BackupsArgs,
    mode: "backup" | "restore" | "drill",
  ): k8s.batch.v1.CronJobArgs {
    // Drills reach what the backup job reaches (its database, its repository server): the same app label.
    const labels = { [LABEL.app]: job.name, [LABEL.component]: mode };
    const script = SCRIPT[job.kind][mode];
    const volumeDir = mode === "backup" ? "/source" : "/target";
    const scratch = mode === "drill" ? "/scratch" : "/tmp";
    const env = toK8sEnv([
      ...backupEnvironment(
        job,
        mode === "drill" ? "backup" : mode,
        serviceHostOf(job.source, job.namespace),
        volumeDir,
      ),
      { name: "RESTIC", value: RESTIC_IN_TOOLS },
      { name: "TMPDIR", value: scratch },
    ]);
    const mounts: k8s.types.input.core.v1.VolumeMount[] = [
      { name: "scripts", mountPath: "/scripts", readOnly: true },
      { name: "tools", mountPath: TOOLS_DIR, readOnly: true },
      { name: "tmp", mountPath: "/tmp" },
    ];
    const volumes: k8s.types.input.core.v1.Volume[] = [
      { name: "scripts", configMap: { name: "backup-scripts", defaultMode: 0o555 } },
      { name: "tools", emptyDir: {} },
      { name: "tmp", emptyDir: {} },
    ];
    if (mode === "drill") {
      mounts.push({ name: "scratch", mountPath: scratch });
      volumes.push({
        name: "scratch",
        ephemeral: {
          volumeClaimTemplate: {
            spec: {
              accessModes: ["ReadWriteOnce"],
              storageClassName: args.scratchStorageClass,
              resources: { requests: { storage: `${job.sizeGi}Gi` } },
            },
          },
        },
      });
    }
    let affinity: k8s.types.input.core.v1.Affinity | undefined;
    if (job.kind === "files" && mode !== "drill") {
      mounts.push({ name: "volume", mountPath: volumeDir, readOnly: mode === "backup" });
      volumes.push({ name: "volume", persistentVolumeClaim: { claimName: job.source, readOnly: mode === "backup" } });
      affinity = {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { [LABEL.app]: job.app } }, topologyKey: "kubernetes.io/hostname" },
          ],
        },
      };
    }
    return {
      metadata: {
        name: mode === "backup" ? job.name : mode === "drill" ? job.drill!.name : job.restoreName,
        namespace: job.namespace,
        labels,
        annotations: {
          "regency.go.id/backup-policy": job.policy,
          "regency.go.id/backup-site": job.targetSite,
          ...(mode === "restore"
            ? {
                "regency.go.id/run": `kubectl -n ${job.namespace} create job --from=cronjob/${job.restoreName} ${job.restoreName}-manual`,
              }
            : {}),
        },
      },
      spec: {
        schedule: mode === "backup" ? job.schedule : mode === "drill" ? job.drill!.schedule : NEVER,
        timeZone: job.timeZone,
        suspend: mode === "restore",
        concurrencyPolicy: "Forbid",
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            backoffLimit: mode === "backup" ? 2 : 0,
            template: {
              metadata: { labels },
              spec: {
                restartPolicy: "Never",
                automountServiceAccountToken: false,
                securityContext: restrictedPod(POSTGRES_UID),
                ...(affinity ? { affinity } : {}),
                // restic is one static binary: copied from its own image beside pg_dump, no custom image needed.
                initContainers: [resticInitContainer(args.resticImage, BACKUP_JOB_RESOURCES)],
                containers: [
                  {
                    name: mode,
                    image: args.image,
                    command: ["/bin/sh", `/scripts/${script}`],
                    env,
                    securityContext: restrictedContainer(),
                    resources: BACKUP_JOB_RESOURCES,
                    volumeMounts: mounts,
                  },
                ],
                volumes,
              },
            },
          },
        },
      },
    };
  }
}
