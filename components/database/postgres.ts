import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DatabasePlan, LABEL, POSTGRES_PORT, POSTGRES_UID } from "../model/plan";
import { DATABASE_RESOURCES } from "../model/sizing";
import { postgresEnvironment, walArchiveEnvironment } from "../model/env";
import { toK8sEnv } from "../kubernetes/env";
import { databasePassword } from "./password";
import { restrictedContainer, restrictedPod } from "../kubernetes/pod-security";
import { RESTIC_IN_TOOLS, resticInitContainer, TOOLS_DIR } from "../backup/restic-tools";
import { serviceHostOf } from "../model/names";

export interface PostgresArgs {
  database: DatabasePlan;
  /** Storage class of live data (the primary site's). */
  storageClass: string;
  image: string;
  /** The backup client's image (restic), copied into the pod when the database has point-in-time recovery. */
  resticImage?: string;
  labels?: Record<string, string>;
}

/**
 * Client authentication of a database with point-in-time recovery: as the official image (local
 * trust, passwords over the network) plus password-checked replication, which base backups use.
 */
export const PITR_HBA = [
  "local all all trust",
  "host all all all scram-sha-256",
  "host replication all all scram-sha-256",
  "",
].join("\n");

/** The server's command line with point-in-time recovery: WAL archived by wal-archive.sh at least every rpoSeconds, the plan's pg_hba.conf. */
export const postgresArgs = (db: DatabasePlan): string[] | undefined =>
  db.pointInTime
    ? [
        "postgres",
        "-c",
        "archive_mode=on",
        "-c",
        "archive_command=sh /scripts/wal-archive.sh %p %f",
        "-c",
        `archive_timeout=${db.pointInTime.rpoSeconds}`,
        "-c",
        "hba_file=/etc/regency/pg_hba.conf",
      ]
    : undefined;

/**
 * One PostgreSQL server for one application: StatefulSet with its volume, a Service, and a Secret
 * whose password comes from RandomPassword (a Pulumi secret, never in plain text).
 */
export class Postgres extends pulumi.ComponentResource {
  readonly password: pulumi.Output<string>;
  readonly secretName: string;
  readonly serviceHost: string;

  constructor(name: string, args: PostgresArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:database:Postgres", name, args, opts);
    const db = args.database;
    const ns = db.namespace;
    const labels = { ...args.labels, [LABEL.app]: db.name, [LABEL.component]: "database" };
    this.password = databasePassword(name, this);
    this.secretName = db.secretName;
    this.serviceHost = serviceHostOf(db.name, ns);
    new k8s.core.v1.Secret(
      `${name}/credentials`,
      {
        metadata: { name: db.secretName, namespace: ns, labels },
        type: "Opaque",
        stringData: { username: db.user, password: this.password, database: db.database, host: this.serviceHost },
      },
      { parent: this },
    );
    new k8s.core.v1.Service(
      `${name}/service`,
      {
        metadata: { name: db.name, namespace: ns, labels },
        spec: {
          selector: { [LABEL.app]: db.name },
          ports: [{ name: "postgres", port: POSTGRES_PORT, targetPort: POSTGRES_PORT }],
        },
      },
      { parent: this },
    );
    if (db.publishedPort !== undefined) {
      new k8s.core.v1.Service(
        `${name}/published`,
        {
          metadata: { name: `${db.name}-published`, namespace: ns, labels },
          spec: {
            type: "LoadBalancer",
            selector: { [LABEL.app]: db.name },
            ports: [{ name: "postgres", port: db.publishedPort, targetPort: POSTGRES_PORT }],
          },
        },
        { parent: this },
      );
    }
    // Point-in-time recovery: PostgreSQL archives each WAL segment into the namespace's repository on
    // the target site (wal-archive.sh, restic copied in by an init container), at least every rpoSeconds.
    const pitr = db.pointInTime;
    if (pitr && !args.resticImage)
      throw new Error(`${db.namespace}/${db.name} has point-in-time recovery but no restic image was given`);
    if (pitr) {
      new k8s.core.v1.ConfigMap(
        `${name}/hba`,
        { metadata: { name: `${db.name}-hba`, namespace: ns, labels }, data: { "pg_hba.conf": PITR_HBA } },
        { parent: this },
      );
    }
    const pitrArgs = postgresArgs(db);
    new k8s.apps.v1.StatefulSet(
      `${name}/statefulset`,
      {
        metadata: {
          name: db.name,
          namespace: ns,
          labels,
          annotations: {
            [LABEL.dataGroups]: db.dataGroups.join(","),
            ...(db.waliData ? { "regency.go.id/wali-data": db.waliData } : {}),
            ...(db.keys.length ? { "regency.go.id/keys": db.keys.join(",") } : {}),
          },
        },
        spec: {
          serviceName: db.name,
          replicas: 1,
          selector: { matchLabels: { [LABEL.app]: db.name } },
          template: {
            metadata: { labels },
            spec: {
              securityContext: restrictedPod(POSTGRES_UID),
              ...(pitr
                ? {
                    initContainers: [resticInitContainer(args.resticImage!, DATABASE_RESOURCES)],
                  }
                : {}),
              containers: [
                {
                  name: "postgres",
                  image: args.image,
                  ...(pitrArgs ? { args: pitrArgs } : {}),
                  ports: [{ name: "postgres", containerPort: POSTGRES_PORT }],
                  env: toK8sEnv([...postgresEnvironment(db), ...walArchiveEnvironment(db, RESTIC_IN_TOOLS)]),
                  securityContext: restrictedContainer(),
                  resources: DATABASE_RESOURCES,
                  readinessProbe: {
                    exec: { command: ["pg_isready", "-U", db.user, "-d", db.database] },
                    periodSeconds: 10,
                  },
                  livenessProbe: { tcpSocket: { port: POSTGRES_PORT }, initialDelaySeconds: 30, periodSeconds: 20 },
                  volumeMounts: [
                    { name: "data", mountPath: "/var/lib/postgresql/data" },
                    { name: "run", mountPath: "/var/run/postgresql" },
                    { name: "tmp", mountPath: "/tmp" },
                    ...(pitr
                      ? [
                          { name: "tools", mountPath: TOOLS_DIR, readOnly: true },
                          { name: "scripts", mountPath: "/scripts", readOnly: true },
                          { name: "hba", mountPath: "/etc/regency", readOnly: true },
                        ]
                      : []),
                  ],
                },
              ],
              volumes: [
                { name: "run", emptyDir: {} },
                { name: "tmp", emptyDir: {} },
                ...(pitr
                  ? [
                      { name: "tools", emptyDir: {} },
                      // The namespace's backup scripts (the Backups component's ConfigMap).
                      { name: "scripts", configMap: { name: "backup-scripts", defaultMode: 0o555 } },
                      { name: "hba", configMap: { name: `${db.name}-hba` } },
                    ]
                  : []),
              ],
            },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: "data", labels },
              spec: {
                accessModes: ["ReadWriteOnce"],
                storageClassName: args.storageClass,
                resources: { requests: { storage: `${db.sizeGi}Gi` } },
              },
            },
          ],
        },
      },
      { parent: this },
    );
    this.registerOutputs({ secretName: this.secretName, serviceHost: this.serviceHost, password: this.password });
  }
}
