/**
 * What each component registers as its outputs: the facts the policy pack judges. Under the real
 * engine a component resource's `props` ARE its registered outputs (not its args), so these types
 * are the contract between the components (both back ends) and the rules. Every value here is
 * known at preview time (it comes from the plan); secrets and provider-assigned values never are.
 */
import type { Regulation, RuleCitation } from "./citations";
import type { Segment } from "./ipplan";
import type { BackupJobPlan, Platform, RegencyPlan, TenantPlan } from "./plan";
import type { BackupRepositoryPlan } from "./backup";
import type { RuleId } from "./rules";
import type { Exemption, Interconnection, Site } from "./spec";

/** `regency:regency:Regency`: the regency's own facts, which every other resource is checked against. */
export interface RegencyFacts {
  /** Display name, e.g. "Kabupaten Bulukumba". */
  regency: string;
  slug: string;
  /** "Peraturan Bupati Bulukumba Nomor 143 Tahun 2017". */
  regulation: string;
  regulationRef: Pick<Regulation, "title" | "number" | "year">;
  /** A fork's own quoted articles (seed regencies use the registry). */
  citations?: Partial<Record<RuleId, RuleCitation>>;
  custodian: string;
  domain: string;
  /** The Keputusan Bupati that set this domain, where the regulation allows another than its own. */
  domainDecree?: { number: string; date: string };
  supernet: string;
  platform: Platform;
  /** The site that hosts the estate, and every declared site with its operator. */
  mainSite: string;
  sites: Site[];
  segments: Segment[];
  /** Keputusan Bupati exemptions as declared (the policy pack decides whether they hold). */
  exemptions: Exemption[];
  /** Internet site categories the custodian blocks for OPDs. */
  blockedCategories: string[];
  /** The registry every image must come from, where the spec sets one (`imageMirror`). */
  imageMirror?: string;
  /** Networks the data center is connected to: partners, the national data center, the intra-government network. */
  interconnections?: Pick<Interconnection, "id" | "party" | "kind">[];
  /** The business-continuity plan and its last test, as the spec records them. */
  continuityPlan?: { document: string; lastTested: string };
  /** The last IT audit, as the spec records it. */
  itAudit?: { date: string; auditor: string };
  /** The officer for personal-data protection (the breach contact), as the spec records them. */
  personalDataOfficer?: { name: string; contact: string };
}

/** `regency:datacenter:DataCenter`: one site of the custodian and the provider that places resources there. */
export interface DataCenterFacts {
  site: Pick<Site, "id" | "kind" | "operator">;
  platform: Platform;
  /** Platform namespaces created on the site (Kubernetes). */
  namespaces: string[];
  /** URN of the site's provider; absent when the site is not the custodian's (nothing may be placed there). */
  provider?: string;
}

export interface DatabaseFacts {
  name: string;
  dataGroups: string[];
  waliData?: string;
  keys: string[];
  publishedPort?: number;
}

export interface ApplicationFacts {
  id: string;
  hostname: string;
  sso: { clientId: string; status: TenantPlan["apps"][number]["sso"]["status"] };
  registration?: string;
  lpse: boolean;
  database?: DatabaseFacts;
  /** Claims (Kubernetes) or volume names (Docker) of the application's files. */
  volumes: string[];
}

/** `regency:hosting:OpdHosting` and `regency:docker:OpdHosting`: one OPD (or the common applications) as hosted. */
export interface HostingFacts {
  namespace: string;
  /** Undefined for the custodian's common applications. */
  opd?: string;
  hostnames: string[];
  /** Whether everything not planned is denied (a default-deny NetworkPolicy, or Docker networks of the planned flows only). */
  defaultDeny: boolean;
  /** Planned flows the platform can only approximate (Docker: egress opened wide), each with what it becomes. */
  unenforcedFlows?: string[];
  /** Kubernetes: the NetworkPolicies it created (the default deny, then the planned flows); no other may exist in the namespace. */
  networkPolicies?: string[];
  applications: ApplicationFacts[];
}

export type BackupJobFacts = Pick<
  BackupJobPlan,
  "name" | "namespace" | "kind" | "source" | "policy" | "targetSite" | "retention" | "drill"
>;

/** `regency:backup:Backups` and `regency:docker:BackupRunner`. */
export interface BackupFacts {
  jobs: BackupJobFacts[];
}

/** `regency:backup:BackupRepository` and `regency:docker:BackupRepository`: a target site's repository server. */
export interface BackupRepositoryFacts {
  /** The target site whose copies it holds. */
  site: string;
  /** The site whose cluster or host it is meant to run on (the primary for portable media plugged in there). */
  runsOn: string;
  /** Jobs can add snapshots but neither delete nor rewrite them. */
  appendOnly: boolean;
  /** Every snapshot is encrypted (restic: AES-256 with a key per repository). */
  encrypted: boolean;
  /** Repository (namespace) names. */
  repositories: string[];
  sizeGi: number;
}

/** `regency:sso:Keycloak` and `regency:docker:Keycloak` (besides the secret admin password). */
export interface SsoFacts {
  issuer: string;
  /** Where it is published, e.g. sso.bulukumbakab.go.id. */
  hostname: string;
  /** Client ids of the realm. */
  clients: string[];
  namespace: string;
  /** Keycloak's own database (service name). */
  database: string;
}

/** `regency:hosting:UnconsolidatedServer`: an application still on an OPD's own server. */
/** `regency:datacenter:AdmissionPolicies`: the admission policies a custodian cluster enforces. */
export interface AdmissionPoliciesFacts {
  site: string;
  /** Each policy and the pack rule it mirrors. */
  policies: { name: string; rules: string[] }[];
}

/** What the Docker back end's reverse proxy publishes. */
export interface ReverseProxyFacts {
  hostnames: string[];
  routes: { hostname: string; intranetOnly: boolean }[];
}

export interface UnconsolidatedFacts {
  opd: string;
  application: string;
  hostname: string;
  site: Pick<Site, "id" | "kind" | "operator">;
}

export const siteFacts = (s: Site): DataCenterFacts["site"] => ({ id: s.id, kind: s.kind, operator: s.operator });

export function hostingFacts(
  t: TenantPlan,
  defaultDeny: boolean,
  unenforcedFlows?: string[],
  networkPolicies?: string[],
): HostingFacts {
  return {
    namespace: t.namespace,
    ...(t.opd ? { opd: t.opd } : {}),
    hostnames: t.apps.map((a) => a.hostname),
    defaultDeny,
    ...(unenforcedFlows && unenforcedFlows.length > 0 ? { unenforcedFlows } : {}),
    ...(networkPolicies ? { networkPolicies } : {}),
    applications: t.apps.map((a) => ({
      id: a.id,
      hostname: a.hostname,
      sso: { clientId: a.sso.clientId, status: a.sso.status },
      ...(a.registration ? { registration: a.registration } : {}),
      lpse: a.lpse,
      ...(a.database
        ? {
            database: {
              name: a.database.name,
              dataGroups: a.database.dataGroups,
              ...(a.database.waliData ? { waliData: a.database.waliData } : {}),
              keys: a.database.keys,
              ...(a.database.publishedPort !== undefined ? { publishedPort: a.database.publishedPort } : {}),
            },
          }
        : {}),
      volumes: a.volumes.map((v) => v.claim),
    })),
  };
}

export const backupFacts = (jobs: BackupJobPlan[]): BackupFacts => ({
  jobs: jobs.map(({ name, namespace, kind, source, policy, targetSite, retention, drill }) => ({
    name,
    namespace,
    kind,
    source,
    policy,
    targetSite,
    retention,
    ...(drill ? { drill } : {}),
  })),
});

export const repositoryFacts = (r: BackupRepositoryPlan): BackupRepositoryFacts => ({
  site: r.site,
  runsOn: r.runsOn,
  appendOnly: true,
  encrypted: true,
  repositories: r.repositories.map((x) => x.name),
  sizeGi: r.sizeGi,
});

export const ssoFacts = (sso: RegencyPlan["sso"], issuer: string): SsoFacts => ({
  issuer,
  hostname: sso.hostname,
  clients: sso.clients.map((c) => c.clientId),
  namespace: sso.namespace,
  database: sso.database.name,
});
