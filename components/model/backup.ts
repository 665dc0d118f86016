/**
 * The backup scheme, platform-neutral: where each target site's repository server runs, how jobs
 * reach it, what it keeps and how big it must be. Both back ends translate this; nothing here is
 * decided twice.
 *
 * Copies are restic snapshots in encrypted repositories (AES-256, one key per repository). Every
 * target site runs one repository server (`rclone serve restic`) in append-only mode with one
 * private repository per namespace: a backup job's credentials add snapshots and read its own, but
 * can neither delete nor rewrite one, nor see another namespace's. Retention and pruning run at the
 * target site, beside the server, with direct access to the repositories.
 */
import * as ipaddr from "ipaddr.js";
import { Segment, toIp, toNum } from "./ipplan";
import { pathOf, repositoryContainerOf, storageClassOf } from "./names";
import type { Site } from "./spec";

export const REPOSITORY_PORT = 8000;
/** When a site's maintenance (retention, prune, check) runs, in the regency's time zone: after the night's backups. */
export const MAINTENANCE_SCHEDULE = "0 5 * * *";
/** The namespace (Kubernetes) that holds a site's repository server and its storage; never an OPD's. */
export const REPOSITORY_NAMESPACE = "backup";

/** Snapshots kept by age, as `restic forget --keep-daily/-weekly/-monthly/-yearly`. */
export interface Retention {
  daily: number;
  weekly: number;
  monthly: number;
  yearly: number;
}

export interface BackupRepositoryPlan {
  /** The target site whose copies it holds. */
  site: string;
  siteKind: Site["kind"];
  /** The site whose cluster or host runs the server: the target itself, or the primary when the target is portable media plugged in there. */
  runsOn: string;
  /** Where jobs reach the server: its address in the backup segment, or its container name on the primary's Docker host. */
  address: string;
  /** Docker: the server's container name. */
  container?: string;
  port: number;
  /** Storage class (Kubernetes) and host directory (Docker) of the repositories. */
  storageClass: string;
  path: string;
  /** Room for every source's retained snapshots, from the estimate of `repositorySizeGi`. */
  sizeGi: number;
  /** Time zone of the site's maintenance schedule: the regency's backup time zone. */
  timeZone: string;
  /** One repository per namespace; its sources (tags) and their retention (`withinDays`: WAL, kept whole that long). */
  repositories: {
    name: string;
    sources: { tag: string; retention: Retention; sizeGi: number; withinDays?: number }[];
  }[];
}

/** The site whose cluster or host runs a target site's repository server: its own, or the primary's for portable media plugged in there. */
export const runsOnOf = (site: Site, primary: Site) =>
  site.kind === "portable-media" || !site.platform ? primary.id : site.id;

/** The arguments of the repository server (rclone), the same in the plan's containers and in the tests. */
export function repositoryServerArgs(o: { root: string; htpasswd: string; listen: string }): string[] {
  return ["serve", "restic", o.root, "--addr", o.listen, "--append-only", "--private-repos", "--htpasswd", o.htpasswd];
}

/** The restic repository URL of a namespace's repository on a server (credentials come from the environment). */
export const repositoryUrl = (r: Pick<BackupRepositoryPlan, "address" | "port">, name: string) =>
  `rest:http://${r.address}:${r.port}/${name}/`;

/** The Secret (in the job's namespace) with the repository key and the server password of one target site. */
export const repositorySecretOf = (site: string) => `backup-${site}`;

/** One line of the maintenance job's retention file; `withinDays` keeps everything that recent (WAL segments). */
export const retentionLine = (repo: string, tag: string, r: Retention, withinDays?: number) =>
  `${repo} ${tag} ${r.daily} ${r.weekly} ${r.monthly} ${r.yearly}${withinDays ? ` ${withinDays}d` : ""}`;

/** The maintenance job's retention file of one repository server: a line per source of each repository. */
export const retentionFile = (r: BackupRepositoryPlan) =>
  r.repositories
    .flatMap((repo) => repo.sources.map((s) => retentionLine(repo.name, s.tag, s.retention, s.withinDays)))
    .join("\n") + "\n";

/** Point-in-time recovery of one database: WAL and base backups in its namespace's repository on one site. */
export interface PointInTimePlan {
  /** Most WAL that may be lost: PostgreSQL's archive_timeout. */
  rpoSeconds: number;
  windowDays: number;
  walTag: string;
  baseTag: string;
  targetSite: string;
  repository: { url: string; name: string; secret: string };
}

/** PITR is on by default where the records are people's: databases keyed by NIK or NIP. */
export const pointInTimeByDefault = (keys: string[]) => keys.includes("NIK") || keys.includes("NIP");

/** Days back the oldest kept snapshot may reach. */
export const retentionSpanDays = (r: Retention) => Math.max(r.daily, r.weekly * 7, r.monthly * 31, r.yearly * 366);

/**
 * An honest upper estimate of what a source takes in its repository: one full copy, plus what changes
 * over the retention span (each day's change is stored once, whatever the number of snapshots that
 * share it), but never more than a full copy per kept snapshot. Compression is not counted: encrypted
 * dumps and media files hardly compress. Padded by a fifth for restic's indexes and prune headroom.
 */
export function repositorySizeGi(sizeGi: number, r: Retention, dailyChangePercent: number): number {
  const kept = r.daily + r.weekly + r.monthly + r.yearly;
  const changed = Math.min(sizeGi * (dailyChangePercent / 100) * retentionSpanDays(r), sizeGi * kept);
  return Math.ceil((sizeGi + changed) * 1.2);
}

/**
 * The repository server of each target site, in order of first use. Kubernetes servers get the
 * addresses after the backup segment's gateway, one per target site, so a job on any cluster of the
 * regency reaches them by the IP plan.
 */
export function repositoryPlans(
  jobs: { namespace: string; name: string; targetSite: string; retention: Retention; sizeGi: number }[],
  sites: Map<string, Site>,
  primary: Site,
  backupSegment: Segment | undefined,
  dailyChangePercent: number,
  docker: boolean,
  pointInTime: {
    namespace: string;
    targetSite: string;
    walTag: string;
    baseTag: string;
    sizeGi: number;
    windowDays: number;
  }[] = [],
): Omit<BackupRepositoryPlan, "timeZone">[] {
  const order = [...new Set(jobs.map((j) => j.targetSite))];
  // Base backups kept daily over the window (and a day more), WAL kept whole over it: roughly three
  // times the data's daily change a day (full-page writes).
  const pitrSources = (site: string, ns: string) =>
    pointInTime
      .filter((p) => p.targetSite === site && p.namespace === ns)
      .flatMap((p) => [
        { tag: p.baseTag, retention: { daily: p.windowDays + 1, weekly: 0, monthly: 0, yearly: 0 }, sizeGi: p.sizeGi },
        {
          tag: p.walTag,
          retention: { daily: 0, weekly: 0, monthly: 0, yearly: 0 },
          withinDays: p.windowDays + 1,
          sizeGi: Math.max(1, Math.ceil(p.sizeGi * (dailyChangePercent / 100) * 3 * (p.windowDays + 1))),
        },
      ]);
  return order.map((siteId, i) => {
    const site = sites.get(siteId)!;
    const mine = jobs.filter((j) => j.targetSite === siteId);
    const names = [...new Set(mine.map((j) => j.namespace))];
    const repositories = names.map((name) => ({
      name,
      sources: [
        ...mine
          .filter((j) => j.namespace === name)
          .map((j) => ({ tag: j.name, retention: j.retention, sizeGi: j.sizeGi })),
        ...pitrSources(siteId, name),
      ],
    }));
    const sizeOf = (s: BackupRepositoryPlan["repositories"][number]["sources"][number]) =>
      s.withinDays ? Math.ceil(s.sizeGi * 1.2) : repositorySizeGi(s.sizeGi, s.retention, dailyChangePercent);
    const sizeGi = repositories.flatMap((r) => r.sources).reduce((n, s) => n + sizeOf(s), 0);
    const runsOn = runsOnOf(site, primary);
    const segmentAddress = backupSegment ? toIp(toNum(ipaddr.IPv4.parse(backupSegment.gateway)) + 1 + i) : "";
    return {
      site: siteId,
      siteKind: site.kind,
      runsOn,
      // On the primary's Docker host a container name on an internal network; elsewhere its address.
      address: docker && runsOn === primary.id ? repositoryContainerOf(siteId) : segmentAddress,
      ...(docker ? { container: repositoryContainerOf(siteId) } : {}),
      port: REPOSITORY_PORT,
      storageClass: storageClassOf(site),
      path: pathOf(site),
      sizeGi,
      repositories,
    };
  });
}

const RETENTION_WORDS = {
  id: ["harian", "mingguan", "bulanan", "tahunan"],
  en: ["daily", "weekly", "monthly", "yearly"],
} as const;
/** A retention as people read it, e.g. "14 harian · 8 mingguan · 12 bulanan". */
export function retentionText(r: Retention, lang: "id" | "en" = "id"): string {
  return [r.daily, r.weekly, r.monthly, r.yearly]
    .map((n, i) => (n > 0 ? `${n} ${RETENTION_WORDS[lang][i]}` : ""))
    .filter(Boolean)
    .join(" · ");
}

/** What the plan promises for recovery, said once for `plan`, the report and the docs. */
export function recoverySummary(plan: {
  backupJobs: { namespace: string; source: string }[];
  tenants: { apps: { database?: { pointInTime?: PointInTimePlan } }[] }[];
}) {
  const pitr = plan.tenants.flatMap((t) =>
    t.apps.flatMap((a) => (a.database?.pointInTime ? [a.database.pointInTime] : [])),
  );
  return {
    sources: new Set(plan.backupJobs.map((j) => `${j.namespace}/${j.source}`)).size,
    pointInTime: pitr.length,
    rpoSeconds: pitr.length ? Math.max(...pitr.map((p) => p.rpoSeconds)) : undefined,
    windowDays: pitr.length ? Math.min(...pitr.map((p) => p.windowDays)) : undefined,
  };
}
