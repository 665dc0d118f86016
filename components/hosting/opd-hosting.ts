import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Postgres } from "../database/postgres";
import { createNetworkPolicies } from "../network/policies";
import { isDefaultDeny } from "../model/network-policies";
import { HostingFacts, hostingFacts } from "../model/facts";
import { appEnvironment, SECRETS } from "../model/env";
import { AppPlan, FlowPlan, LABEL, TenantPlan } from "../model/plan";
import { toK8sEnv } from "../kubernetes/env";
import { restrictedContainer, restrictedPod } from "../kubernetes/pod-security";

export interface OpdHostingArgs {
  /** The OPD's (or the custodian's common applications') part of the plan. */
  tenant: TenantPlan;
  /** Every allowed flow of the estate; this component applies those of its namespace. */
  flows: FlowPlan[];
  /** Storage class of live data on the primary site. */
  storageClass: string;
  /** OIDC issuer of the regency realm, e.g. https://sso.bulukumbakab.go.id/realms/bulukumba. */
  ssoIssuer: string;
  /** Client secret of each application, by client id (from the Keycloak component). */
  clientSecrets: Record<string, pulumi.Input<string>>;
  postgresImage: string;
  /** The backup client's image (restic), for databases with point-in-time recovery. */
  resticImage?: string;
  /** Calico: pods take addresses from the OPD's own segment. */
  cni: "calico" | "generic";
  /** The custodian's supernet: intranet-only applications accept only it at the ingress. */
  supernet: string;
  ingressClassName?: string;
}

/**
 * One OPD consolidated in the custodian's data center: its namespace with quota and limits, a
 * default-deny network with only the planned flows, and per application a Deployment, Service,
 * Ingress on its go.id subdomain, volumes and its own PostgreSQL.
 */
export class OpdHosting extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  readonly hostnames: string[];
  readonly facts: HostingFacts;

  constructor(name: string, args: OpdHostingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:hosting:OpdHosting", name, args, opts);
    const t = args.tenant;
    const ns = t.namespace;
    const child = { parent: this };
    this.namespace = new k8s.core.v1.Namespace(
      `${name}/namespace`,
      {
        metadata: {
          name: ns,
          labels: {
            [LABEL.segment]: t.segment.name,
            [LABEL.role]: t.opd ? "opd" : "common-apps",
            ...(t.opd ? { [LABEL.opd]: t.opd } : {}),
            ...Object.fromEntries(t.dataGroups.map((g) => [`data-group.regency.go.id/${g}`, "true"])),
          },
          annotations: {
            "regency.go.id/name": t.displayName,
            "regency.go.id/segment-cidr": t.segment.cidr,
            ...(args.cni === "calico" ? { "cni.projectcalico.org/ipv4pools": JSON.stringify([t.segment.name]) } : {}),
          },
        },
      },
      child,
    );
    const inNs = { parent: this, dependsOn: [this.namespace] };
    new k8s.core.v1.ResourceQuota(
      `${name}/quota`,
      {
        metadata: { name: "quota", namespace: ns },
        spec: {
          // Live data only: backup claims use the recovery site's storage class and are not counted here.
          hard: {
            "requests.cpu": t.quota.cpu,
            "requests.memory": t.quota.memory,
            [`${args.storageClass}.storageclass.storage.k8s.io/requests.storage`]: `${t.quota.storageGi}Gi`,
            persistentvolumeclaims: String(
              t.apps.reduce((n, a) => n + (a.database ? 1 : 0) + a.volumes.length, 0) + t.backups.length + 2,
            ),
            "services.loadbalancers": "0",
            "services.nodeports": "0",
          },
        },
      },
      inNs,
    );
    new k8s.core.v1.LimitRange(
      `${name}/limits`,
      {
        metadata: { name: "limits", namespace: ns },
        spec: {
          limits: [
            {
              type: "Container",
              default: { cpu: "500m", memory: "512Mi" },
              defaultRequest: { cpu: "100m", memory: "128Mi" },
              max: { cpu: "4", memory: "8Gi" },
            },
          ],
        },
      },
      inNs,
    );
    const policies = createNetworkPolicies(name, ns, args.flows, inNs, this.namespace);
    for (const app of t.apps) this.application(name, app, args, inNs);
    this.facts = hostingFacts(
      t,
      policies.some((p) => isDefaultDeny(p.spec)),
      undefined,
      policies.map((p) => p.name),
    );
    this.hostnames = this.facts.hostnames;
    this.registerOutputs(this.facts);
  }

  private application(name: string, app: AppPlan, args: OpdHostingArgs, opts: pulumi.CustomResourceOptions) {
    const ns = app.namespace;
    const base = `${name}/${app.id}`;
    const labels = app.labels;
    const db = app.database
      ? new Postgres(
          `${base}/db`,
          {
            database: app.database,
            storageClass: args.storageClass,
            image: args.postgresImage,
            ...(args.resticImage ? { resticImage: args.resticImage } : {}),
            labels: { [LABEL.partOf]: labels[LABEL.partOf] },
          },
          opts,
        )
      : undefined;
    new k8s.core.v1.Secret(
      `${base}/oidc`,
      {
        metadata: { name: SECRETS.oidcOf(app.id), namespace: ns, labels },
        type: "Opaque",
        stringData: {
          "client-id": app.sso.clientId,
          "client-secret": args.clientSecrets[app.sso.clientId],
          issuer: args.ssoIssuer,
        },
      },
      opts,
    );
    const env = toK8sEnv(appEnvironment(app, args.ssoIssuer, db?.serviceHost));
    for (const v of app.volumes) {
      new k8s.core.v1.PersistentVolumeClaim(
        `${base}/pvc/${v.name}`,
        {
          metadata: {
            name: v.claim,
            namespace: ns,
            labels,
            annotations: { [LABEL.dataGroups]: v.dataGroups.join(",") },
          },
          spec: {
            accessModes: ["ReadWriteOnce"],
            storageClassName: args.storageClass,
            resources: { requests: { storage: `${v.sizeGi}Gi` } },
          },
        },
        opts,
      );
    }
    new k8s.apps.v1.Deployment(
      `${base}/deployment`,
      {
        metadata: { name: app.id, namespace: ns, labels, annotations: { "regency.go.id/sso": app.sso.status } },
        spec: {
          replicas: app.replicas,
          selector: { matchLabels: { [LABEL.app]: app.id } },
          template: {
            metadata: { labels },
            spec: {
              securityContext: restrictedPod(),
              automountServiceAccountToken: false,
              containers: [
                {
                  name: app.id,
                  image: app.image,
                  ports: [{ name: "http", containerPort: app.port }],
                  env,
                  securityContext: restrictedContainer(),
                  resources: { requests: { ...app.resources }, limits: { ...app.resources } },
                  readinessProbe: { tcpSocket: { port: app.port }, periodSeconds: 10 },
                  livenessProbe: { tcpSocket: { port: app.port }, initialDelaySeconds: 30, periodSeconds: 20 },
                  volumeMounts: [
                    { name: "tmp", mountPath: "/tmp" },
                    ...app.volumes.map((v) => ({ name: v.name, mountPath: v.mountPath })),
                  ],
                },
              ],
              volumes: [
                { name: "tmp", emptyDir: {} },
                ...app.volumes.map((v) => ({ name: v.name, persistentVolumeClaim: { claimName: v.claim } })),
              ],
            },
          },
        },
      },
      opts,
    );
    new k8s.core.v1.Service(
      `${base}/service`,
      {
        metadata: { name: app.id, namespace: ns, labels },
        spec: { selector: { [LABEL.app]: app.id }, ports: [{ name: "http", port: 80, targetPort: app.port }] },
      },
      opts,
    );
    new k8s.networking.v1.Ingress(
      `${base}/ingress`,
      {
        metadata: {
          name: app.id,
          namespace: ns,
          labels,
          annotations: app.public ? {} : { "nginx.ingress.kubernetes.io/whitelist-source-range": args.supernet },
        },
        spec: {
          ingressClassName: args.ingressClassName ?? "nginx",
          tls: [{ hosts: [app.hostname], secretName: `${app.id}-tls` }],
          rules: [
            {
              host: app.hostname,
              http: {
                paths: [
                  { path: "/", pathType: "Prefix", backend: { service: { name: app.id, port: { number: 80 } } } },
                ],
              },
            },
          ],
        },
      },
      opts,
    );
  }
}
