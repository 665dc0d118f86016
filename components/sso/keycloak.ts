import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Postgres } from "../database/postgres";
import { restrictedContainer, restrictedPod } from "../kubernetes/pod-security";
import { FlowPlan, KEYCLOAK_MANAGEMENT_PORT, KEYCLOAK_PORT, LABEL, REALM_SYNC, RegencyPlan } from "../model/plan";
import { realmSyncScript } from "./scripts";
import { issuerOf, realmFileText, realmSyncFiles, realmSyncRunOf } from "../model/realm";
import { keycloakEnvironment, SECRETS } from "../model/env";
import { toK8sEnv } from "../kubernetes/env";
import { BOOTSTRAP_ADMIN, ssoSecrets } from "./secrets";
import { createNetworkPolicies } from "../network/policies";
import { ssoFacts } from "../model/facts";
import { serviceHostOf } from "../model/names";

export interface KeycloakArgs {
  /** The SSO part of the plan: namespace, hostname, realm, database, clients. */
  sso: RegencyPlan["sso"];
  flows: FlowPlan[];
  /** Storage class of live data (primary site). */
  storageClass: string;
  images: RegencyPlan["images"];
  ingressClassName?: string;
  /** The SSO Namespace object, where the caller created it: its NetworkPolicies go with it (`createNetworkPolicies`). */
  namespace?: pulumi.Resource;
}

/** The keycloak user of the official image. */
const KEYCLOAK_UID = 1000;
export const REALM_FILE = "realm.json";

/**
 * The custodian's single sign-on: Keycloak 26 on PostgreSQL, serving sso.<domain>, with the
 * regency realm imported at first start (`--import-realm`). Client secrets and the bootstrap
 * admin password come from RandomPassword; the realm file holds only `${ENV}` placeholders.
 */
export class Keycloak extends pulumi.ComponentResource {
  /** By client id: the secret each application authenticates with (Pulumi secrets). */
  readonly clientSecrets: Record<string, pulumi.Output<string>> = {};
  readonly issuer: string;
  readonly adminPassword: pulumi.Output<string>;

  constructor(name: string, args: KeycloakArgs, opts?: pulumi.ComponentResourceOptions) {
    // The Namespace object is an option for its children, not an input of the component.
    super("regency:sso:Keycloak", name, { ...args, namespace: undefined }, opts);
    const ns = args.sso.namespace;
    const child = { parent: this };
    const labels = { [LABEL.app]: "keycloak", [LABEL.component]: "sso" };
    this.issuer = issuerOf(args.sso);

    createNetworkPolicies(name, ns, args.flows, child, args.namespace);
    const db = new Postgres(
      `${name}/db`,
      { database: args.sso.database, storageClass: args.storageClass, image: args.images.postgres },
      child,
    );

    const secrets = ssoSecrets(name, args.sso, this);
    this.adminPassword = secrets.adminPassword;
    Object.assign(this.clientSecrets, secrets.clientSecrets);
    new k8s.core.v1.Secret(
      `${name}/bootstrap-admin`,
      {
        metadata: { name: SECRETS.keycloakAdmin, namespace: ns, labels },
        type: "Opaque",
        stringData: { username: BOOTSTRAP_ADMIN, password: secrets.adminPassword },
      },
      child,
    );
    new k8s.core.v1.Secret(
      `${name}/client-secrets`,
      { metadata: { name: SECRETS.keycloakClients, namespace: ns, labels }, type: "Opaque", stringData: secrets.byEnv },
      child,
    );
    const realmJson = realmFileText(args.sso.realm);
    new k8s.core.v1.ConfigMap(
      `${name}/realm`,
      { metadata: { name: "keycloak-realm", namespace: ns, labels }, data: { [REALM_FILE]: realmJson } },
      child,
    );
    const syncScript = realmSyncScript();
    new k8s.core.v1.ConfigMap(
      `${name}/realm-sync`,
      {
        metadata: { name: "keycloak-realm-sync", namespace: ns, labels },
        data: {
          [REALM_FILE]: realmJson,
          ...realmSyncFiles(args.sso.realm),
          "realm-sync.sh": syncScript,
        },
      },
      child,
    );
    const deployment = keycloakServer(name, args, db.serviceHost, child);
    realmSyncJob(name, args, realmJson, { parent: this, dependsOn: [deployment] });
    this.registerOutputs({ ...ssoFacts(args.sso, this.issuer), adminPassword: this.adminPassword });
  }
}

/** Keycloak itself: its Deployment (imports the realm at first start), Service and Ingress on the SSO host. */
function keycloakServer(
  name: string,
  args: KeycloakArgs,
  dbHost: string,
  child: pulumi.CustomResourceOptions,
): k8s.apps.v1.Deployment {
  const ns = args.sso.namespace;
  const labels = { [LABEL.app]: "keycloak", [LABEL.component]: "sso" };
  const deployment = new k8s.apps.v1.Deployment(
    `${name}/deployment`,
    {
      metadata: { name: "keycloak", namespace: ns, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { [LABEL.app]: "keycloak" } },
        template: {
          metadata: { labels },
          spec: {
            securityContext: restrictedPod(KEYCLOAK_UID),
            automountServiceAccountToken: false,
            containers: [
              {
                name: "keycloak",
                image: args.images.keycloak,
                args: ["start", "--import-realm"],
                env: toK8sEnv(keycloakEnvironment(args.sso, dbHost)),
                ports: [
                  { name: "http", containerPort: KEYCLOAK_PORT },
                  { name: "management", containerPort: KEYCLOAK_MANAGEMENT_PORT },
                ],
                securityContext: restrictedContainer(false),
                // From the regency's user count with Keycloak's sizing guide (model/sizing.ts).
                resources: { requests: args.sso.resources.requests, limits: args.sso.resources.limits },
                startupProbe: {
                  httpGet: { path: "/health/started", port: KEYCLOAK_MANAGEMENT_PORT },
                  periodSeconds: 5,
                  failureThreshold: 60,
                },
                readinessProbe: {
                  httpGet: { path: "/health/ready", port: KEYCLOAK_MANAGEMENT_PORT },
                  periodSeconds: 10,
                },
                livenessProbe: {
                  httpGet: { path: "/health/live", port: KEYCLOAK_MANAGEMENT_PORT },
                  periodSeconds: 20,
                },
                volumeMounts: [{ name: "realm", mountPath: "/opt/keycloak/data/import", readOnly: true }],
              },
            ],
            volumes: [{ name: "realm", configMap: { name: "keycloak-realm" } }],
          },
        },
      },
    },
    child,
  );
  new k8s.core.v1.Service(
    `${name}/service`,
    {
      metadata: { name: "keycloak", namespace: ns, labels },
      spec: {
        selector: { [LABEL.app]: "keycloak" },
        ports: [
          { name: "http", port: KEYCLOAK_PORT, targetPort: KEYCLOAK_PORT },
          { name: "management", port: KEYCLOAK_MANAGEMENT_PORT, targetPort: KEYCLOAK_MANAGEMENT_PORT },
        ],
      },
    },
    child,
  );
  new k8s.networking.v1.Ingress(
    `${name}/ingress`,
    {
      metadata: { name: "keycloak", namespace: ns, labels },
      spec: {
        ingressClassName: args.ingressClassName ?? "nginx",
        tls: [{ hosts: [args.sso.hostname], secretName: "keycloak-tls" }],
        rules: [
          {
            host: args.sso.hostname,
            http: {
              paths: [
                {
                  path: "/",
                  pathType: "Prefix",
                  backend: { service: { name: "keycloak", port: { number: KEYCLOAK_PORT } } },
                },
              ],
            },
          },
        ],
      },
    },
    child,
  );
  return deployment;
}

/** A new job for every realm change (its name carries the realm's hash); Pulumi waits for it. */
function realmSyncJob(name: string, args: KeycloakArgs, realmJson: string, opts: pulumi.CustomResourceOptions): void {
  const ns = args.sso.namespace;
  const ref = (secret: string, key: string) => ({ valueFrom: { secretKeyRef: { name: secret, key } } });
  const syncLabels = { [LABEL.app]: REALM_SYNC, [LABEL.component]: "sso" };
  new k8s.batch.v1.Job(
    `${name}/realm-sync`,
    {
      metadata: { name: realmSyncRunOf(realmJson), namespace: ns, labels: syncLabels },
      spec: {
        backoffLimit: 3,
        ttlSecondsAfterFinished: 86400,
        template: {
          metadata: { labels: syncLabels },
          spec: {
            restartPolicy: "Never",
            automountServiceAccountToken: false,
            securityContext: restrictedPod(KEYCLOAK_UID),
            containers: [
              {
                name: REALM_SYNC,
                image: args.images.keycloak,
                command: ["/bin/bash", "/realm-sync/realm-sync.sh"],
                env: [
                  { name: "KEYCLOAK_URL", value: `http://${serviceHostOf("keycloak", ns)}:${KEYCLOAK_PORT}` },
                  { name: "REALM", value: args.sso.realm.realm },
                  { name: "REMOVED", value: args.sso.removed },
                  { name: "KC_ADMIN_USER", ...ref(SECRETS.keycloakAdmin, "username") },
                  { name: "KC_ADMIN_PASSWORD", ...ref(SECRETS.keycloakAdmin, "password") },
                ],
                envFrom: [{ secretRef: { name: SECRETS.keycloakClients } }],
                securityContext: restrictedContainer(),
                resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
                volumeMounts: [
                  { name: REALM_SYNC, mountPath: "/realm-sync", readOnly: true },
                  { name: "tmp", mountPath: "/tmp" },
                ],
              },
            ],
            volumes: [
              { name: REALM_SYNC, configMap: { name: "keycloak-realm-sync" } },
              { name: "tmp", emptyDir: {} },
            ],
          },
        },
      },
    },
    opts,
  );
}
