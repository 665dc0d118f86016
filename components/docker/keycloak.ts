import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { keycloakEnvironment, SECRETS } from "../model/env";
import { ssoFacts } from "../model/facts";
import { KEYCLOAK_MANAGEMENT_PORT, LABEL, REALM_SYNC, RegencyPlan } from "../model/plan";
import { quantity } from "../model/sizing";
import { realmSyncScript } from "../sso/scripts";
import { issuerOf, realmFileText, realmSyncFiles, realmSyncRunOf } from "../model/realm";
import { BOOTSTRAP_ADMIN, ssoSecrets } from "../sso/secrets";
import { DockerPostgres } from "./postgres";
import { Attachments, DOCKER, labelsOf, toDockerEnv } from "./naming";
import type { DatabaseCredentials } from "./postgres";

export interface DockerKeycloakArgs {
  sso: RegencyPlan["sso"];
  /** The networks of Keycloak, its database and the realm sync container (by container name). */
  attachments: Record<string, Attachments>;
  images: (ref: string) => pulumi.Output<string>;
  keycloakImage: string;
  postgresImage: string;
}

const REALM_DIR = "/opt/keycloak/data/import";

/** The custodian's single sign-on on one server: the same Keycloak, realm and sync as on Kubernetes. */
export class DockerKeycloak extends pulumi.ComponentResource {
  readonly clientSecrets: Record<string, pulumi.Output<string>>;
  readonly issuer: string;
  /** Keycloak's database, for the backup runner. */
  readonly database: { host: string; credentials: DatabaseCredentials };

  constructor(name: string, args: DockerKeycloakArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:Keycloak", name, args, opts);
    const child = { parent: this };
    const secrets = ssoSecrets(name, args.sso, this);
    this.clientSecrets = secrets.clientSecrets;
    this.issuer = issuerOf(args.sso);
    const db = new DockerPostgres(
      `${name}/db`,
      {
        database: args.sso.database,
        containerName: DOCKER.keycloakDb,
        image: args.images(args.postgresImage),
        networks: args.attachments[DOCKER.keycloakDb] ?? [],
        labels: {},
      },
      child,
    );
    this.database = { host: db.host, credentials: db.credentials };
    const entries = keycloakEnvironment(args.sso, db.host);
    const secretValues = {
      [args.sso.database.secretName]: db.credentials,
      [SECRETS.keycloakAdmin]: { username: BOOTSTRAP_ADMIN, password: secrets.adminPassword },
      [SECRETS.keycloakClients]: secrets.byEnv,
    };
    const env = toDockerEnv(entries, secretValues);
    const realmJson = realmFileText(args.sso.realm);
    const labels = labelsOf({ [LABEL.app]: "keycloak", [LABEL.component]: "sso" });
    const keycloak = new docker.Container(
      `${name}/container`,
      {
        name: DOCKER.keycloak,
        image: args.images(args.keycloakImage),
        command: ["start", "--import-realm"],
        envs: env,
        uploads: [{ file: `${REALM_DIR}/realm.json`, content: realmJson }],
        networksAdvanced: args.attachments[DOCKER.keycloak] ?? [],
        restart: "unless-stopped",
        // The limits the sizing gives Kubernetes (model/sizing.ts): one server has no requests.
        memory: Math.ceil(quantity(args.sso.resources.limits.memory) / 2 ** 20),
        cpus: String(quantity(args.sso.resources.limits.cpu)),
        securityOpts: ["no-new-privileges:true"],
        healthcheck: {
          // Keycloak's own kc.sh needs bash, so the image has it (CMD-SHELL would be /bin/sh, dash on Debian).
          tests: [
            "CMD",
            "bash",
            "-c",
            `exec 3<>/dev/tcp/127.0.0.1/${KEYCLOAK_MANAGEMENT_PORT} && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && grep -q '"UP"' <&3`,
          ],
          interval: "15s",
          timeout: "5s",
          retries: 5,
          startPeriod: "90s",
        },
        labels,
      },
      child,
    );
    // Realm changes after the first import: a one-shot container per realm version (see realm-sync.sh).
    new docker.Container(
      `${name}/realm-sync`,
      {
        name: `sso-${realmSyncRunOf(realmJson)}`,
        image: args.images(args.keycloakImage),
        entrypoints: ["/bin/bash", "/realm-sync/realm-sync.sh"],
        envs: [
          ...toDockerEnv(
            entries.filter((e) => e.name.startsWith("REALM_CLIENT_SECRET_")),
            secretValues,
          ),
          pulumi.output(`KEYCLOAK_URL=http://keycloak:8080`),
          pulumi.output(`REALM=${args.sso.realm.realm}`),
          pulumi.output(`REMOVED=${args.sso.removed}`),
          pulumi.output(`KC_ADMIN_USER=${BOOTSTRAP_ADMIN}`),
          pulumi.interpolate`KC_ADMIN_PASSWORD=${secrets.adminPassword}`,
        ],
        uploads: [
          { file: "/realm-sync/realm.json", content: realmJson },
          ...Object.entries(realmSyncFiles(args.sso.realm)).map(([name, content]) => ({
            file: `/realm-sync/${name}`,
            content,
          })),
          { file: "/realm-sync/realm-sync.sh", content: realmSyncScript(), executable: true },
        ],
        networksAdvanced: args.attachments[DOCKER.realmSync] ?? [],
        restart: "no",
        mustRun: false,
        labels: labelsOf({ [LABEL.app]: REALM_SYNC, [LABEL.component]: "sso" }),
      },
      { parent: this, dependsOn: [keycloak] },
    );
    this.registerOutputs(ssoFacts(args.sso, this.issuer));
  }
}
