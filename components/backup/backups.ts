import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { restrictedContainer, restrictedPod } from "../hosting/pod-security";
import { BackupJobPlan, LABEL } from "../model/plan";
import { BACKUP_JOB_RESOURCES } from "../model/sizing";
import { backupEnvironment } from "../model/env";
import { BackupFacts, backupFacts } from "../model/facts";
import { toK8sEnv } from "../hosting/k8s-env";
import { backupScripts, SCRIPT } from "./scripts";

export interface BackupsArgs {
  namespace: string;
  /** The backup jobs of this namespace: one per database and per file volume. */
  jobs: BackupJobPlan[];
  /** Image with pg_dump, tar and sha256sum (the PostgreSQL image). */
  image: string;
}

const POSTGRES_UID = 999;
/** February 31st never comes: restore CronJobs are templates, started by hand. */
const NEVER = "0 0 31 2 *";

/**
 * Backups of one namespace, on the storage of the backup policy's target site (never the primary's):
 * a retained, protected claim per job, a CronJob that dumps or archives and seals each copy with a
 * sha256 file and prunes to the retention, and a suspended restore CronJob that verifies first.
 * File volumes are ReadWriteOnce, so their jobs run on the node of the pod that mounts them.
 */
export class Backups extends pulumi.ComponentResource {
  readonly claims: string[];
  readonly facts: BackupFacts;

  constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:backup:Backups", name, args, opts);
    const ns = args.namespace;
    const child = { parent: this };
    new k8s.core.v1.ConfigMap(`${name}/scripts`, { metadata: { name: "backup-scripts", namespace: ns }, data: backupScripts() }, child);
    for (const job of args.jobs) {
      new k8s.core.v1.PersistentVolumeClaim(
        `${name}/${job.claim}`,
        {
          metadata: {
            name: job.claim,
            namespace: ns,
            labels: { [LABEL.component]: "backup" },
            annotations: { "regency.go.id/backup-site": job.targetSite, "regency.go.id/backup-policy": job.policy },
          },
          spec: { accessModes: ["ReadWriteOnce"], storageClassName: job.storageClass, resources: { requests: { storage: `${job.sizeGi}Gi` } } },
        },
        // `pulumi destroy` must never take the backups with it.
        { parent: this, retainOnDelete: true, protect: true },
      );
      new k8s.batch.v1.CronJob(`${name}/${job.name}`, this.cronJob(job, args, "backup"), child);
      new k8s.batch.v1.CronJob(`${name}/${job.restoreName}`, this.cronJob(job, args, "restore"), child);
    }
    this.facts = backupFacts(args.jobs);
    this.claims = this.facts.claims;
    this.registerOutputs(this.facts);
  }

  private cronJob(job: BackupJobPlan, args: BackupsArgs, mode: "backup" | "restore"): k8s.batch.v1.CronJobArgs {
    const labels = { [LABEL.app]: job.name, [LABEL.component]: mode };
    const script = SCRIPT[job.kind][mode];
    const volumeDir = mode === "backup" ? "/source" : "/target";
    const env = toK8sEnv(backupEnvironment(job, mode, `${job.source}.${job.namespace}.svc`, { backup: "/backup", volume: volumeDir }));
    const mounts: k8s.types.input.core.v1.VolumeMount[] = [
      { name: "scripts", mountPath: "/scripts", readOnly: true },
      { name: "backup", mountPath: "/backup", readOnly: mode === "restore" },
      { name: "tmp", mountPath: "/tmp" },
    ];
    const volumes: k8s.types.input.core.v1.Volume[] = [
      { name: "scripts", configMap: { name: "backup-scripts", defaultMode: 0o555 } },
      { name: "backup", persistentVolumeClaim: { claimName: job.claim } },
      { name: "tmp", emptyDir: {} },
    ];
    let affinity: k8s.types.input.core.v1.Affinity | undefined;
    if (job.kind === "files") {
      mounts.push({ name: "volume", mountPath: volumeDir, readOnly: mode === "backup" });
      volumes.push({ name: "volume", persistentVolumeClaim: { claimName: job.source, readOnly: mode === "backup" } });
      affinity = {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { [LABEL.app]: job.app } }, topologyKey: "kubernetes.io/hostname" }],
        },
      };
    }
    return {
      metadata: {
        name: mode === "backup" ? job.name : job.restoreName,
        namespace: job.namespace,
        labels,
        annotations: {
          "regency.go.id/backup-policy": job.policy,
          "regency.go.id/backup-site": job.targetSite,
          ...(mode === "restore" ? { "regency.go.id/run": `kubectl -n ${job.namespace} create job --from=cronjob/${job.restoreName} ${job.restoreName}-manual` } : {}),
        },
      },
      spec: {
        schedule: mode === "backup" ? job.schedule : NEVER,
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
