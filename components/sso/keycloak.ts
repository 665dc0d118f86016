import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Postgres } from "../database/postgres";
import { restrictedContainer, restrictedPod } from "../hosting/pod-security";
import { FlowPlan, KEYCLOAK_MANAGEMENT_PORT, KEYCLOAK_PORT, LABEL, RegencyPlan } from "../model/plan";
import { createNetworkPolicies } from "../network/policies";

export interface KeycloakArgs {
  /** The SSO part of the plan: namespace, hostname, realm, database, clients. */
  sso: RegencyPlan["sso"];
  flows: FlowPlan[];
  /** Storage class of live data (primary site). */
  storageClass: string;
  images: RegencyPlan["images"];
  ingressClassName?: string;
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
    super("regency:sso:Keycloak", name, args, opts);
    const ns = args.sso.namespace;
    const child = { parent: this };
    const labels = { [LABEL.app]: "keycloak", [LABEL.component]: "sso" };
    this.issuer = `https://${args.sso.hostname}/realms/${args.sso.realm.realm}`;

    createNetworkPolicies(name, ns, args.flows, child);
    const db = new Postgres(`${name}/db`, { database: args.sso.database, storageClass: args.storageClass, image: args.images.postgres }, child);

    const admin = new random.RandomPassword(`${name}-bootstrap-admin`, { length: 32, special: false }, child);
    this.adminPassword = admin.result;
    new k8s.core.v1.Secret(
      `${name}/bootstrap-admin`,
      { metadata: { name: "keycloak-bootstrap-admin", namespace: ns, labels }, type: "Opaque", stringData: { username: "regency-bootstrap", password: admin.result } },
      child,
    );
    const envSecrets: Record<string, pulumi.Output<string>> = {};
    for (const c of args.sso.clients) {
      const secret = new random.RandomPassword(`${name}-client-${c.clientId}`, { length: 40, special: false }, child);
      this.clientSecrets[c.clientId] = secret.result;
      envSecrets[c.secretEnv] = secret.result;
    }
    new k8s.core.v1.Secret(
      `${name}/client-secrets`,
      { metadata: { name: "keycloak-client-secrets", namespace: ns, labels }, type: "Opaque", stringData: envSecrets },
      child,
    );
    new k8s.core.v1.ConfigMap(
      `${name}/realm`,
      { metadata: { name: "keycloak-realm", namespace: ns, labels }, data: { [REALM_FILE]: JSON.stringify(args.sso.realm, null, 2) } },
      child,
    );
    const ref = (secret: string, key: string) => ({ valueFrom: { secretKeyRef: { name: secret, key } } });
    new k8s.apps.v1.Deployment(
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
                  env: [
                    { name: "KC_DB", value: "postgres" },
                    { name: "KC_DB_URL", value: `jdbc:postgresql://${db.serviceHost}:5432/${args.sso.database.database}` },
                    { name: "KC_DB_USERNAME", ...ref(db.secretName, "username") },
                    { name: "KC_DB_PASSWORD", ...ref(db.secretName, "password") },
                    { name: "KC_HOSTNAME", value: `https://${args.sso.hostname}` },
                    { name: "KC_PROXY_HEADERS", value: "xforwarded" },
                    { name: "KC_HTTP_ENABLED", value: "true" },
                    { name: "KC_HEALTH_ENABLED", value: "true" },
                    { name: "KC_METRICS_ENABLED", value: "true" },
                    { name: "KC_BOOTSTRAP_ADMIN_USERNAME", ...ref("keycloak-bootstrap-admin", "username") },
                    { name: "KC_BOOTSTRAP_ADMIN_PASSWORD", ...ref("keycloak-bootstrap-admin", "password") },
                  ],
                  envFrom: [{ secretRef: { name: "keycloak-client-secrets" } }],
                  ports: [
                    { name: "http", containerPort: KEYCLOAK_PORT },
                    { name: "management", containerPort: KEYCLOAK_MANAGEMENT_PORT },
                  ],
                  securityContext: restrictedContainer(false),
                  // Sizing guide: ~1250 MB base per pod; keep CPU headroom for password hashing.
                  resources: { requests: { cpu: "1", memory: "1700Mi" }, limits: { cpu: "2", memory: "2Gi" } },
                  startupProbe: { httpGet: { path: "/health/started", port: KEYCLOAK_MANAGEMENT_PORT }, periodSeconds: 5, failureThreshold: 60 },
                  readinessProbe: { httpGet: { path: "/health/ready", port: KEYCLOAK_MANAGEMENT_PORT }, periodSeconds: 10 },
                  livenessProbe: { httpGet: { path: "/health/live", port: KEYCLOAK_MANAGEMENT_PORT }, periodSeconds: 20 },
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
          rules: [{ host: args.sso.hostname, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "keycloak", port: { number: KEYCLOAK_PORT } } } }] } }],
        },
      },
      child,
    );
    this.registerOutputs({ issuer: this.issuer, clients: Object.keys(this.clientSecrets), adminPassword: this.adminPassword });
  }
}
