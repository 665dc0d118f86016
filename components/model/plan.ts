/**
 * The platform-neutral plan: what runs where, derived once from a validated model. The
 * Kubernetes and Docker back ends only translate it; names, flows and backup jobs are decided here.
 */
import { Segment } from "./ipplan";
import { RealmRepresentation, realmFor } from "./realm";
import { Application, BackupPolicy, RegencySpec, Site } from "./spec";
import {
  BackupRepositoryPlan,
  PointInTimePlan,
  pointInTimeByDefault,
  repositoryPlans,
  repositorySecretOf,
  repositoryUrl,
  Retention,
  runsOnOf,
} from "./backup";
import { DockerIsolation, dockerIsolation } from "./docker-networks";
import { cidrEgressOf } from "./egress";
import {
  backupSourceOf,
  claimOf,
  COMMON_APPS_NAMESPACE,
  containerOf,
  credentialsOf,
  databaseOf,
  KEYCLOAK_DB,
  namespaceOfOpd,
  PLATFORM_NAMESPACES,
  REALM_SYNC,
  ssoHostnameOf,
} from "./names";
import { cpuText, keycloakSizing, memoryText, needOf } from "./sizing";
import { asList, mainSiteOf, RegencyModel } from "./validate";

export const IMAGES = {
  postgres: "docker.io/library/postgres:17.6",
  keycloak: "quay.io/keycloak/keycloak:26.4.2",
  /** Docker back end: busybox crond beside pg_dump for the backup runner. */
  backupRunner: "docker.io/library/postgres:17.6-alpine",
  /** Docker back end: the reverse proxy of the go.id subdomains. */
  proxy: "docker.io/library/caddy:2.10.2",
  /** The backup client: its static binary is copied into each backup job beside pg_dump. */
  restic: "docker.io/restic/restic:0.18.1",
  /** The append-only repository server of each backup target site (`rclone serve restic`). */
  repositoryServer: "docker.io/rclone/rclone:1.60.1",
} as const;

/** Namespaces (Kubernetes) or network/name prefixes (Docker) of the custodian's platform. */
export { PLATFORM_NAMESPACES, REALM_SYNC } from "./names";
/** Namespaces a Kubernetes cluster runs itself in: neither planned nor judged. (`default` exists too, but nothing of the plan runs there.) */
export const CLUSTER_NAMESPACES = ["kube-system", "kube-public", "kube-node-lease"] as const;
/** The NetworkPolicy that denies everything in a namespace, under which the planned flows are allowed. */
export const DEFAULT_DENY = "default-deny";
/** Kinds that run pods. */
export const WORKLOAD_KINDS = [
  "Pod",
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
] as const;
export { COMMON_APPS_NAMESPACE, namespaceOfOpd } from "./names";
export const LABEL = {
  opd: "regency.go.id/opd",
  segment: "regency.go.id/segment",
  role: "regency.go.id/role",
  dataGroups: "regency.go.id/data-groups",
  app: "app.kubernetes.io/name",
  component: "app.kubernetes.io/component",
  partOf: "app.kubernetes.io/part-of",
} as const;
export const POSTGRES_PORT = 5432;
/** The postgres user of the official image (database pods and the backup jobs that read their volumes run as it). */
export const POSTGRES_UID = 999;
export const KEYCLOAK_PORT = 8080;
export const KEYCLOAK_MANAGEMENT_PORT = 9000;
/** The job that applies realm changes to a running Keycloak. */

export interface DatabasePlan {
  /** Service / StatefulSet / container name. */
  name: string;
  /** Secret holding username, password, database and host. */
  secretName: string;
  namespace: string;
  app: string;
  database: string;
  user: string;
  sizeGi: number;
  dataGroups: string[];
  waliData?: string;
  keys: string[];
  /** A port the database is published on outside (the policy pack forbids it). */
  publishedPort?: number;
  /** Point-in-time recovery (Kubernetes): WAL archived into its namespace's repository on one target site. */
  pointInTime?: PointInTimePlan;
  /** Whether the spec asks for point-in-time recovery (explicitly, or by default for NIK/NIP records). */
  wantsPointInTime: boolean;
}

export interface VolumePlan {
  /** Claim / volume name. */
  claim: string;
  name: string;
  mountPath: string;
  sizeGi: number;
  dataGroups: string[];
}

export interface AppPlan {
  id: string;
  name: string;
  namespace: string;
  opd?: string;
  image: string;
  port: number;
  replicas: number;
  resources: { cpu: string; memory: string };
  hostname: string;
  public: boolean;
  sso: { clientId: string; status: Application["sso"]; secretEnv: string };
  database?: DatabasePlan;
  volumes: VolumePlan[];
  interconnects: { id: string; cidr: string; ports: number[] }[];
  labels: Record<string, string>;
  /** Registration number at the custodian, where declared. */
  registration?: string;
  lpse: boolean;
}

export interface BackupJobPlan {
  /** CronJob / job name, unique in its namespace; also the tag of its snapshots. */
  name: string;
  /** Name of the (suspended) restore CronJob of these copies. */
  restoreName: string;
  namespace: string;
  kind: "postgres" | "files";
  /** Database service, or the claim of a file volume. */
  source: string;
  /** For file volumes: the app whose pods hold the (ReadWriteOnce) claim. */
  app: string;
  schedule: string;
  timeZone: string;
  /** Snapshots kept by age, applied at the target site. */
  retention: Retention;
  policy: string;
  targetSite: string;
  /** The namespace's repository at the target site's server (restic URL) and the Secret with its key and server password. */
  repository: { url: string; name: string; secret: string };
  /** For databases: the Secret with its credentials. */
  credentials?: string;
  /** Size of the source (the database or the volume). */
  sizeGi: number;
  /** For a database with point-in-time recovery, on the job that writes to its WAL's site: the tag of its base backups. */
  baseTag?: string;
  /** On one job per source (its recovery site's, else its first): the restore drill of its newest copy. */
  drill?: { name: string; schedule: string; maxAgeDays: number };
}

export interface TenantPlan {
  namespace: string;
  /** OPD slug; undefined for the custodian's common applications. */
  opd?: string;
  displayName: string;
  segment: Segment;
  dataGroups: string[];
  quota: { cpu: string; memory: string; storageGi: number };
  apps: AppPlan[];
  backups: BackupJobPlan[];
}

/** One allowed connection; everything not listed is denied. */
export interface FlowPlan {
  from: { namespace: string; app?: string };
  to: { namespace: string; app?: string } | { cidr: string; except?: string[] };
  port: number;
  protocol: "TCP" | "UDP";
  purpose: string;
}

export type Platform = "kubernetes" | "docker";

export interface RegencyPlan {
  /** The back end this plan is for: the primary site's, unless overridden. */
  platform: Platform;
  /** Applications declared on an OPD's own server (not deployed here; the policy pack checks their exemption). */
  unconsolidated: { opd: string; application: string; hostname: string; site: Site }[];
  slug: string;
  name: string;
  domain: string;
  sites: Site[];
  primary: Site;
  tenants: TenantPlan[];
  sso: {
    namespace: string;
    hostname: string;
    realm: RealmRepresentation;
    database: DatabasePlan;
    /** Keycloak's CPU and memory, from the user count (sizing.ts) and the load assumed for it. */
    resources: ReturnType<typeof keycloakSizing>;
    /** What the realm sync does with a client or group the spec no longer declares. */
    removed: "delete" | "disable";
    clients: { clientId: string; secretEnv: string; namespace: string; status: Application["sso"] }[];
    /** Keycloak's own database is backed up like any other. */
    backups: BackupJobPlan[];
  };
  flows: FlowPlan[];
  /** The flows as Docker networks on one server (the Docker back end's only isolation). */
  docker: DockerIsolation;
  backupJobs: BackupJobPlan[];
  /** The repository server of each backup target site. */
  backupRepositories: BackupRepositoryPlan[];
  cni: "calico" | "generic";
  supernet: string;
  images: Record<keyof typeof IMAGES, string>;
}

/** Pod labels that select a flow endpoint (kube-dns carries its own label). */
export function podLabelsOf(app: string): Record<string, string> {
  return app === "kube-dns" ? { "k8s-app": "kube-dns" } : { [LABEL.app]: app };
}

/** The image as pulled: upstream, or through the spec's registry mirror. */
export const image = (mirror: string | undefined, ref: string) =>
  mirror ? `${mirror.replace(/\/$/, "")}/${ref.replace(/^[^/]+\.[^/]+\//, "")}` : ref;
export const secretEnvOf = (clientId: string) => `REALM_CLIENT_SECRET_${clientId.toUpperCase().replace(/-/g, "_")}`;

/** A Kubernetes name of at most `max` characters: shortened with a hash when longer. */
export function kubernetesName(name: string, max: number): string {
  if (name.length <= max) return name;
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${name.slice(0, max - 9).replace(/-+$/, "")}-${h.toString(16).padStart(8, "0")}`;
}

/** Where a site keeps volumes when the stack does not say (only when planning for another platform). */
export { pathOf, storageClassOf } from "./names";

/** What the planning steps share: the spec's lookups and the platform planned for. */
interface Planning {
  model: RegencyModel;
  spec: RegencySpec;
  primary: Site;
  platform: Platform;
  sites: Map<string, Site>;
  segments: Map<string, Segment>;
}

export function buildPlan(model: RegencyModel, options: { platform?: Platform } = {}): RegencyPlan {
  const { spec, ipPlan } = model;
  const primary = mainSiteOf(spec)!;
  const p: Planning = {
    model,
    spec,
    primary,
    platform: options.platform ?? primary.platform ?? "kubernetes",
    sites: new Map(spec.sites.map((s) => [s.id, s])),
    segments: new Map(ipPlan.segments.map((s) => [s.name, s])),
  };
  const { platform, sites } = p;
  const jobsFor = backupJobPlanner(p);
  const tenants = tenantPlans(p, jobsFor);
  const ssoDb = ssoDatabase();
  const ssoBackups = jobsFor(
    PLATFORM_NAMESPACES.sso,
    "postgres",
    ssoDb.name,
    "keycloak",
    undefined,
    ssoDb.sizeGi,
    ssoDb.secretName,
  );
  const unconsolidated = model.applications
    .filter((h) => !isConsolidated(h.app, primary))
    .map((h) => ({
      opd: h.opd ?? "custodian",
      application: h.app.id,
      hostname: h.hostname,
      site: sites.get(h.app.site!)!,
    }));
  const backupJobList = [...ssoBackups, ...tenants.flatMap((t) => t.backups)];
  assignDrills(p, backupJobList);
  const pitrWanted = pointInTimeWanted(p, tenants, backupJobList);
  const repositories = repositoryPlans(
    backupJobList,
    sites,
    primary,
    p.segments.get("backup"),
    spec.backup.dailyChangePercent,
    platform === "docker",
    pitrWanted.map((w) => ({
      namespace: w.db.namespace,
      targetSite: w.job.targetSite,
      walTag: w.walTag,
      baseTag: w.baseTag,
      sizeGi: w.db.sizeGi,
      windowDays: spec.backup.pointInTime.windowDays,
    })),
  ).map((r): BackupRepositoryPlan => ({ ...r, timeZone: spec.backup.timeZone }));
  const serverOf = new Map(repositories.map((r) => [r.site, r]));
  for (const j of backupJobList) j.repository.url = repositoryUrl(serverOf.get(j.targetSite)!, j.repository.name);
  for (const w of pitrWanted) {
    w.db.pointInTime = {
      rpoSeconds: spec.backup.pointInTime.rpoSeconds,
      windowDays: spec.backup.pointInTime.windowDays,
      walTag: w.walTag,
      baseTag: w.baseTag,
      targetSite: w.job.targetSite,
      repository: w.job.repository,
    };
  }
  const flows = flowsFor(tenants, ssoBackups, ipPlan.supernet, model);
  if (platform === "kubernetes") flows.push(...repositoryFlows(backupJobList, pitrWanted, serverOf));
  const ssoHostname = ssoHostnameOf(spec);
  return {
    platform,
    unconsolidated,
    slug: spec.regency.slug,
    name: spec.regency.name,
    domain: spec.domain.name,
    sites: spec.sites,
    primary,
    tenants,
    sso: {
      namespace: PLATFORM_NAMESPACES.sso,
      hostname: ssoHostname,
      realm: realmFor(model, tenants),
      removed: spec.sso.removed,
      resources: keycloakSizing(spec.sso.users),
      database: ssoDb,
      clients: tenants
        .flatMap((t) => t.apps)
        .map((a) => ({
          clientId: a.sso.clientId,
          secretEnv: a.sso.secretEnv,
          namespace: a.namespace,
          status: a.sso.status,
        })),
      backups: ssoBackups,
    },
    flows,
    docker: dockerIsolation(
      tenants,
      flows,
      backupJobList,
      ipPlan.segments,
      { namespace: PLATFORM_NAMESPACES.sso, hostname: ssoHostname },
      platform === "docker"
        ? repositories.map((r) => ({ container: r.container!, local: r.runsOn === primary.id }))
        : [],
      platform === "docker"
        ? pitrWanted.map((w) => ({
            database: containerOf(w.db.namespace, w.db.name),
            namespace: w.db.namespace,
            server: serverOf.get(w.job.targetSite)!.container!,
          }))
        : [],
    ),
    backupJobs: backupJobList,
    backupRepositories: repositories,
    cni: spec.network.cni,
    supernet: ipPlan.supernet,
    images: Object.fromEntries(Object.entries(IMAGES).map(([k, ref]) => [k, image(spec.imageMirror, ref)])) as Record<
      keyof typeof IMAGES,
      string
    >,
  };
}

/** An application runs in the custodian's data center unless it names another site. */
const isConsolidated = (app: Application, primary: Site) => app.site === undefined || app.site === primary.id;

type BackupJobsFor = (
  namespace: string,
  kind: BackupJobPlan["kind"],
  source: string,
  app: string,
  policyIds: string | string[] | undefined,
  sizeGi: number,
  credentials?: string,
) => BackupJobPlan[];

/** The backup jobs of one source: one per backup policy it follows (the spec's default when it names none). */
function backupJobPlanner({ spec, sites }: Planning): BackupJobsFor {
  const policies = new Map(spec.backup.policies.map((p) => [p.id, p]));
  return (namespace, kind, source, app, policyIds, sizeGi, credentials) => {
    const ids = asList(policyIds ?? spec.backup.default);
    return ids.map((id) => {
      const policy: BackupPolicy = policies.get(id)!;
      const target = sites.get(policy.targetSite)!;
      const name = kubernetesName(ids.length === 1 ? `backup-${source}` : `backup-${source}-${policy.id}`, 52);
      return {
        name,
        restoreName: kubernetesName(`restore-${name.slice("backup-".length)}`, 52),
        namespace,
        kind,
        source,
        app,
        schedule: policy.schedule,
        timeZone: spec.backup.timeZone,
        retention: policy.retention,
        policy: policy.id,
        targetSite: target.id,
        repository: { url: "", name: namespace, secret: repositorySecretOf(target.id) },
        ...(credentials ? { credentials } : {}),
        sizeGi,
      };
    });
  };
}

/** One tenant per OPD, and one for the custodian's common applications (first). */
function tenantPlans(p: Planning, jobsFor: BackupJobsFor): TenantPlan[] {
  const { spec, model, primary } = p;
  const owners: { namespace: string; opd?: string; displayName: string; segmentName: string }[] = [
    {
      namespace: COMMON_APPS_NAMESPACE,
      displayName: `${spec.custodian.name} — aplikasi umum`,
      segmentName: "common-apps",
    },
    ...spec.opds.map((o) => ({
      namespace: namespaceOfOpd(o.slug),
      opd: o.slug,
      displayName: o.name,
      segmentName: namespaceOfOpd(o.slug),
    })),
  ];
  return owners.map((owner) => {
    const hosted = model.applications.filter((h) => h.opd === owner.opd && isConsolidated(h.app, primary));
    const opd = spec.opds.find((o) => o.slug === owner.opd);
    const backups = hosted.flatMap(({ app }) => [
      ...(app.database
        ? jobsFor(
            owner.namespace,
            "postgres",
            databaseOf(app.id),
            app.id,
            app.database.backupPolicy,
            app.database.sizeGi,
            credentialsOf(databaseOf(app.id)),
          )
        : []),
      ...app.volumes.flatMap((v) =>
        jobsFor(owner.namespace, "files", claimOf(app.id, v.name), app.id, v.backupPolicy, v.sizeGi),
      ),
    ]);
    const dataGroups = [
      ...new Set(
        hosted.flatMap(({ app }) => [...(app.database?.dataGroups ?? []), ...app.volumes.flatMap((v) => v.dataGroups)]),
      ),
    ].sort();
    return {
      namespace: owner.namespace,
      ...(owner.opd ? { opd: owner.opd } : {}),
      displayName: owner.displayName,
      segment: p.segments.get(owner.segmentName)!,
      dataGroups,
      quota: opd?.quota ?? derivedQuota(hosted.map((h) => h.app)),
      apps: hosted.map(({ app, hostname }) => appPlan(p, owner, opd?.waliData, app, hostname)),
      backups,
    };
  });
}

/** One application as its tenant runs it: image, labels, database, volumes, SSO client, interconnects. */
function appPlan(
  { spec }: Planning,
  owner: { namespace: string; opd?: string },
  opdWaliData: string | undefined,
  app: Application,
  hostname: string,
): AppPlan {
  const interconnects = new Map(spec.interconnections.map((c) => [c.id, c]));
  const labels = {
    [LABEL.app]: app.id,
    [LABEL.partOf]: spec.regency.slug,
    ...(owner.opd ? { [LABEL.opd]: owner.opd } : {}),
  };
  const waliData = app.database?.waliData ?? opdWaliData;
  const database: DatabasePlan | undefined = app.database && {
    name: databaseOf(app.id),
    secretName: credentialsOf(databaseOf(app.id)),
    namespace: owner.namespace,
    app: app.id,
    database: app.id.replace(/-/g, "_"),
    user: app.id.replace(/-/g, "_"),
    sizeGi: app.database.sizeGi,
    dataGroups: app.database.dataGroups,
    ...(waliData ? { waliData } : {}),
    keys: app.database.keys,
    ...(app.database.publishedPort ? { publishedPort: app.database.publishedPort } : {}),
    wantsPointInTime: app.database.pointInTime ?? pointInTimeByDefault(app.database.keys),
  };
  return {
    id: app.id,
    name: app.name,
    namespace: owner.namespace,
    ...(owner.opd ? { opd: owner.opd } : {}),
    image: image(spec.imageMirror, app.image),
    port: app.port,
    replicas: app.replicas,
    resources: app.resources,
    hostname,
    public: app.public,
    sso: { clientId: app.id, status: app.sso, secretEnv: secretEnvOf(app.id) },
    ...(database ? { database } : {}),
    volumes: app.volumes.map((v) => ({
      claim: claimOf(app.id, v.name),
      name: v.name,
      mountPath: v.mountPath,
      sizeGi: v.sizeGi,
      dataGroups: v.dataGroups,
    })),
    interconnects: app.interconnects.map((id) => ({
      id,
      cidr: interconnects.get(id)!.remote.cidr,
      ports: interconnects.get(id)!.remote.ports,
    })),
    labels,
    ...(app.registration ? { registration: app.registration } : {}),
    lpse: app.lpse,
  };
}

/** Keycloak's own database (backed up like any other). */
const ssoDatabase = (): DatabasePlan => ({
  name: KEYCLOAK_DB,
  secretName: credentialsOf(KEYCLOAK_DB),
  namespace: PLATFORM_NAMESPACES.sso,
  app: "keycloak",
  database: "keycloak",
  user: "keycloak",
  sizeGi: 10,
  dataGroups: [],
  keys: [],
  wantsPointInTime: false,
});

/** One restore drill per source, of the copies at its recovery site where it has one. */
function assignDrills({ spec, sites }: Planning, jobs: BackupJobPlan[]): void {
  for (const source of new Set(jobs.map((j) => backupSourceOf(j.namespace, j.source)))) {
    const own = jobs.filter((j) => backupSourceOf(j.namespace, j.source) === source);
    const job = own.find((j) => sites.get(j.targetSite)?.kind === "recovery") ?? own[0];
    job.drill = {
      name: kubernetesName(`drill-${job.source}`, 52),
      schedule: spec.backup.drills.schedule,
      maxAgeDays: spec.backup.drills.maxAgeDays,
    };
  }
}

/**
 * Point-in-time recovery: WAL to the site of the database's first recovery-site policy (else its
 * first policy), base backups by that policy's job. On Docker only to a server on the same host
 * (another host's would need the database's way out opened wide): else daily copies only.
 */
function pointInTimeWanted({ platform, sites, primary }: Planning, tenants: TenantPlan[], jobs: BackupJobPlan[]) {
  return tenants
    .flatMap((t) => t.apps.flatMap((a) => (a.database?.wantsPointInTime ? [a.database] : [])))
    .flatMap((db) => {
      const own = jobs.filter((j) => j.namespace === db.namespace && j.source === db.name);
      const job = own.find((j) => sites.get(j.targetSite)?.kind === "recovery") ?? own[0];
      if (platform === "docker" && runsOnOf(sites.get(job.targetSite)!, primary) !== primary.id) return [];
      job.baseTag = `base-${db.name}`;
      return [{ db, job, walTag: `wal-${db.name}`, baseTag: job.baseTag }];
    });
}

/** Kubernetes: each job (and each database archiving WAL) reaches only its target site's repository server. */
function repositoryFlows(
  jobs: BackupJobPlan[],
  pitr: { db: DatabasePlan; job: BackupJobPlan }[],
  serverOf: Map<string, BackupRepositoryPlan>,
): FlowPlan[] {
  const to = (site: string) => serverOf.get(site)!;
  return [
    ...jobs.map((j) => ({
      from: { namespace: j.namespace, app: j.name },
      to: { cidr: `${to(j.targetSite).address}/32` },
      port: to(j.targetSite).port,
      protocol: "TCP" as const,
      purpose: `backup job to the repository server of ${to(j.targetSite).site}`,
    })),
    ...pitr.map(({ db, job }) => ({
      from: { namespace: db.namespace, app: db.name },
      to: { cidr: `${to(job.targetSite).address}/32` },
      port: to(job.targetSite).port,
      protocol: "TCP" as const,
      purpose: `WAL archiving to the repository server of ${to(job.targetSite).site}`,
    })),
  ];
}

/** What the applications need, with a quarter of headroom for growth. */
function derivedQuota(apps: Application[]): TenantPlan["quota"] {
  const need = needOf(apps);
  return {
    cpu: cpuText(need.cpu * 1.25),
    memory: memoryText(need.memory * 1.25),
    storageGi: Math.max(1, Math.ceil(need.storageGi * 1.25)),
  };
}

/** The client secrets of one tenant's applications only (component args are recorded; the estate's would be quadratic). */
export const clientSecretsFor = <T>(tenant: TenantPlan, all: Record<string, T>): Record<string, T> =>
  Object.fromEntries(tenant.apps.map((a) => [a.sso.clientId, all[a.sso.clientId]]));

/** The flows that start or end in each namespace (what its NetworkPolicies need), indexed once: one scan per namespace would be quadratic in OPDs. */
export function flowsByNamespace(flows: FlowPlan[]): (namespace: string) => FlowPlan[] {
  const index = new Map<string, FlowPlan[]>();
  const add = (ns: string, f: FlowPlan) => {
    const list = index.get(ns) ?? [];
    if (list[list.length - 1] !== f) list.push(f);
    index.set(ns, list);
  };
  for (const f of flows) {
    add(f.from.namespace, f);
    if (!("cidr" in f.to)) add(f.to.namespace, f);
  }
  return (namespace) => index.get(namespace) ?? [];
}

/** The allowed connections: DNS, SSO, the ingress controller, each app's own database, backups, declared partners and egress. */
function flowsFor(
  tenants: TenantPlan[],
  ssoBackups: BackupJobPlan[],
  supernet: string,
  model: RegencyModel,
): FlowPlan[] {
  const flows: FlowPlan[] = [];
  const sso = PLATFORM_NAMESPACES.sso;
  flows.push(
    {
      from: { namespace: PLATFORM_NAMESPACES.ingress },
      to: { namespace: sso, app: "keycloak" },
      port: KEYCLOAK_PORT,
      protocol: "TCP",
      purpose: "sso.<domain> through the ingress controller",
    },
    {
      from: { namespace: sso, app: "keycloak" },
      to: { namespace: sso, app: KEYCLOAK_DB },
      port: POSTGRES_PORT,
      protocol: "TCP",
      purpose: "Keycloak to its database",
    },
    {
      from: { namespace: sso, app: REALM_SYNC },
      to: { namespace: sso, app: "keycloak" },
      port: KEYCLOAK_PORT,
      protocol: "TCP",
      purpose: "realm sync job to the admin API",
    },
    {
      from: { namespace: sso },
      to: { namespace: "kube-system", app: "kube-dns" },
      port: 53,
      protocol: "UDP",
      purpose: "DNS",
    },
    {
      from: { namespace: sso },
      to: { namespace: "kube-system", app: "kube-dns" },
      port: 53,
      protocol: "TCP",
      purpose: "DNS",
    },
  );
  for (const b of ssoBackups)
    flows.push({
      from: { namespace: sso, app: b.name },
      to: { namespace: sso, app: b.source },
      port: POSTGRES_PORT,
      protocol: "TCP",
      purpose: "backup job to the database",
    });
  for (const t of tenants) {
    flows.push(
      {
        from: { namespace: t.namespace },
        to: { namespace: "kube-system", app: "kube-dns" },
        port: 53,
        protocol: "UDP",
        purpose: "DNS",
      },
      {
        from: { namespace: t.namespace },
        to: { namespace: "kube-system", app: "kube-dns" },
        port: 53,
        protocol: "TCP",
        purpose: "DNS",
      },
    );
    for (const a of t.apps) {
      flows.push({
        from: { namespace: PLATFORM_NAMESPACES.ingress },
        to: { namespace: t.namespace, app: a.id },
        port: a.port,
        protocol: "TCP",
        purpose: `${a.hostname} through the ingress controller`,
      });
      flows.push({
        from: { namespace: t.namespace, app: a.id },
        to: { namespace: sso, app: "keycloak" },
        port: KEYCLOAK_PORT,
        protocol: "TCP",
        purpose: "OIDC back channel to SSO",
      });
      if (a.database) {
        flows.push({
          from: { namespace: t.namespace, app: a.id },
          to: { namespace: t.namespace, app: a.database.name },
          port: POSTGRES_PORT,
          protocol: "TCP",
          purpose: "the app's own database",
        });
      }
      for (const ic of a.interconnects) {
        for (const port of ic.ports)
          flows.push({
            from: { namespace: t.namespace, app: a.id },
            to: { cidr: ic.cidr },
            port,
            protocol: "TCP",
            purpose: `interconnection ${ic.id}`,
          });
      }
    }
    for (const b of t.backups) {
      if (b.kind === "postgres") {
        flows.push({
          from: { namespace: t.namespace, app: b.name },
          to: { namespace: t.namespace, app: b.source },
          port: POSTGRES_PORT,
          protocol: "TCP",
          purpose: "backup job to the database",
        });
      }
    }
  }
  // Internet egress rules with addresses (host names need the custodian's proxy, not a NetworkPolicy).
  // Given to the OPD's applications, not to its databases or backup jobs.
  for (const t of tenants) {
    for (const { rule, cidrs } of cidrEgressOf(model.spec.internet.egress, t.opd)) {
      for (const a of t.apps) {
        for (const cidr of cidrs) {
          for (const port of rule.ports)
            flows.push({
              from: { namespace: t.namespace, app: a.id },
              to: { cidr, except: [supernet] },
              port,
              protocol: "TCP",
              purpose: `internet egress ${rule.id}`,
            });
        }
      }
    }
  }
  return flows;
}
