import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { restrictedContainer, restrictedPod } from "../kubernetes/pod-security";
import { toK8sEnv } from "../kubernetes/env";
import {
  BackupRepositoryPlan,
  MAINTENANCE_SCHEDULE,
  REPOSITORY_NAMESPACE,
  repositoryServerArgs,
  retentionFile,
} from "../model/backup";
import { maintenanceEnvironment } from "../model/env";
import { BackupRepositoryFacts, repositoryFacts } from "../model/facts";
import { LABEL } from "../model/plan";
import { BACKUP_JOB_RESOURCES } from "../model/sizing";
import { RepositoryCredentials, repositorySecrets } from "./credentials";
import { backupScripts } from "./scripts";

export interface BackupRepositoryArgs {
  /** The target site's repository server, as planned. */
  repository: BackupRepositoryPlan;
  /** The repository server image (rclone) and the backup client image (restic). */
  images: { repositoryServer: string; restic: string };
  /** Daily maintenance (retention, prune, check), in the repository plan's `timeZone`. Default: 05:00, after the night's backups. */
  maintenanceSchedule?: string;
}

/** restic's image runs as root; the jobs here run as this unprivileged user instead. */
const RESTIC_UID = 65532;
const SERVER = "repository-server";
const MAINTENANCE = "repository-maintenance";

/**
 * The backup repository server of one target site, created through that site's own provider (its
 * cluster), in the `backup` namespace no OPD teardown touches: `rclone serve restic` in append-only
 * mode with one private repository per namespace, its storage on the site's storage class, and a daily
 * maintenance job beside it that alone applies retention and prunes. The storage claim is retained on
 * delete (not protected): `pulumi destroy` forgets it and leaves the copies on the site.
 * Pass the target site's provider in `opts` (for portable media: the cluster it is plugged into).
 */
export class BackupRepository extends pulumi.ComponentResource {
  /** Credentials by repository (namespace) name, generated here as Pulumi secrets. */
  readonly credentials: Record<string, RepositoryCredentials>;
  readonly facts: BackupRepositoryFacts;

  constructor(name: string, args: BackupRepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:backup:BackupRepository", name, args, opts);
    const r = args.repository;
    const ns = REPOSITORY_NAMESPACE;
    const child = { parent: this };
    const server = `${SERVER}-${r.site}`;
    const labels = { [LABEL.app]: server, [LABEL.component]: "backup-repository", "regency.go.id/backup-site": r.site };
    const secrets = repositorySecrets(name, r, this);
    this.credentials = secrets.credentials;
    const meta = (n: string, extra: Record<string, string> = {}) => ({
      name: n,
      namespace: ns,
      labels: { ...labels, ...extra },
    });
    new k8s.core.v1.Secret(
      `${name}/htpasswd`,
      { metadata: meta(`${server}-htpasswd`), stringData: { htpasswd: secrets.htpasswd } },
      child,
    );
    new k8s.core.v1.Secret(`${name}/keys`, { metadata: meta(`${server}-keys`), stringData: secrets.keys }, child);
    const claim = new k8s.core.v1.PersistentVolumeClaim(
      `${name}/storage`,
      {
        metadata: { ...meta(server), annotations: { "regency.go.id/backup-site": r.site } },
        spec: {
          accessModes: ["ReadWriteOnce"],
          storageClassName: r.storageClass,
          resources: { requests: { storage: `${r.sizeGi}Gi` } },
        },
      },
      // The copies outlive the stack: `pulumi destroy` forgets the claim and leaves it (and its namespace) on the site.
      { parent: this, retainOnDelete: true },
    );
    const retention = retentionFile(r);
    new k8s.core.v1.ConfigMap(
      `${name}/maintenance`,
      { metadata: meta(MAINTENANCE + `-${r.site}`), data: { retention: retention, ...backupScripts() } },
      child,
    );
    const storage = { name: "storage", persistentVolumeClaim: { claimName: server } };
    new k8s.apps.v1.Deployment(
      `${name}/server`,
      {
        metadata: meta(server),
        spec: {
          replicas: 1,
          // One writer of a ReadWriteOnce volume at a time.
          strategy: { type: "Recreate" },
          selector: { matchLabels: { [LABEL.app]: server } },
          template: {
            metadata: { labels },
            spec: {
              automountServiceAccountToken: false,
              securityContext: restrictedPod(RESTIC_UID),
              containers: [
                {
                  name: "rclone",
                  image: args.images.repositoryServer,
                  args: repositoryServerArgs({ root: "/data", htpasswd: "/etc/rclone/htpasswd", listen: `:${r.port}` }),
                  ports: [{ name: "restic", containerPort: r.port }],
                  readinessProbe: { tcpSocket: { port: r.port } },
                  livenessProbe: { tcpSocket: { port: r.port }, periodSeconds: 30 },
                  securityContext: restrictedContainer(),
                  resources: BACKUP_JOB_RESOURCES,
                  volumeMounts: [
                    { name: "storage", mountPath: "/data" },
                    { name: "htpasswd", mountPath: "/etc/rclone", readOnly: true },
                    { name: "config", mountPath: "/config" },
                  ],
                  env: [
                    { name: "XDG_CONFIG_HOME", value: "/config" },
                    { name: "XDG_CACHE_HOME", value: "/config" },
                  ],
                },
              ],
              volumes: [
                storage,
                { name: "htpasswd", secret: { secretName: `${server}-htpasswd`, defaultMode: 0o400 } },
                { name: "config", emptyDir: {} },
              ],
            },
          },
        },
      },
      { parent: this, dependsOn: [claim] },
    );
    new k8s.core.v1.Service(
      `${name}/service`,
      {
        metadata: { ...meta(server), annotations: { "metallb.io/loadBalancerIPs": r.address } },
        // Reached from the other sites' clusters at the address the IP plan gives it in the backup segment.
        spec: {
          type: "LoadBalancer",
          loadBalancerIP: r.address,
          selector: { [LABEL.app]: server },
          ports: [{ name: "restic", port: r.port, targetPort: r.port }],
        },
      },
      child,
    );
    new k8s.batch.v1.CronJob(
      `${name}/maintenance`,
      {
        metadata: meta(`${MAINTENANCE}-${r.site}`),
        spec: {
          schedule: args.maintenanceSchedule ?? MAINTENANCE_SCHEDULE,
          timeZone: r.timeZone,
          concurrencyPolicy: "Forbid",
          jobTemplate: {
            spec: {
              backoffLimit: 0,
              template: {
                metadata: { labels: { ...labels, [LABEL.app]: `${MAINTENANCE}-${r.site}` } },
                spec: {
                  restartPolicy: "Never",
                  automountServiceAccountToken: false,
                  securityContext: restrictedPod(RESTIC_UID),
                  // Beside the server: its volume is ReadWriteOnce.
                  affinity: {
                    podAffinity: {
                      requiredDuringSchedulingIgnoredDuringExecution: [
                        {
                          labelSelector: { matchLabels: { [LABEL.app]: server } },
                          topologyKey: "kubernetes.io/hostname",
                        },
                      ],
                    },
                  },
                  containers: [
                    {
                      name: "maintenance",
                      image: args.images.restic,
                      command: ["/bin/sh", "/scripts/repository-maintenance.sh"],
                      env: toK8sEnv(maintenanceEnvironment(r.site)),
                      securityContext: restrictedContainer(),
                      resources: BACKUP_JOB_RESOURCES,
                      volumeMounts: [
                        { name: "storage", mountPath: "/data" },
                        { name: "scripts", mountPath: "/scripts", readOnly: true },
                        { name: "keys", mountPath: "/keys", readOnly: true },
                        { name: "tmp", mountPath: "/tmp" },
                      ],
                    },
                  ],
                  volumes: [
                    storage,
                    { name: "scripts", configMap: { name: `${MAINTENANCE}-${r.site}`, defaultMode: 0o555 } },
                    { name: "keys", secret: { secretName: `${server}-keys`, defaultMode: 0o400 } },
                    { name: "tmp", emptyDir: {} },
                  ],
                },
              },
            },
          },
        },
      },
      child,
    );
    this.facts = repositoryFacts(r);
    this.registerOutputs(this.facts);
  }
}
