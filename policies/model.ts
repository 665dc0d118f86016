/**
 * What every rule works on: the stack's resources exactly as the Pulumi engine hands them to a
 * policy pack (from a real `pulumi preview` through CrossGuard, or built the same way by the offline
 * synthesis): a component's `props` are its registered outputs (components/model/facts.ts), a
 * custom resource's are its state; values unknown during a preview throw when read. Plus the
 * regency's facts from its root component and the regulation's citations.
 */
import {
  citationEntryOf,
  loadRegistry,
  Registry,
  Regulation,
  resolveCitation,
  ResolvedCitation,
  RuleCitation,
} from "../components/model/citations";
import type {
  BackupFacts,
  BackupJobFacts,
  BackupRepositoryFacts,
  DataCenterFacts,
  HostingFacts,
  RegencyFacts,
  ReverseProxyFacts,
  SsoFacts,
  UnconsolidatedFacts,
} from "../components/model/facts";
import type * as DockerOut from "@pulumi/docker/types/output";
import type * as K8s from "@pulumi/kubernetes/types/output";
import { CLUSTER_NAMESPACES, WORKLOAD_KINDS } from "../components/model/plan";
import { RuleId } from "../components/model/rules";
import type { LedgerLine } from "../components/model/drills";
import type { Estate } from "./estate";

/** The provider a custom resource is placed through: its URN and its inputs (CrossGuard's `PolicyResource.provider`). */
export interface ProviderView {
  urn: string;
  type: string;
  name: string;
  props: Record<string, unknown>;
}

export interface ResourceView {
  urn: string;
  type: string;
  name: string;
  props: Record<string, unknown>;
  /** URN of the parent resource. */
  parent?: string;
  protect: boolean;
  /** Known offline; CrossGuard does not expose it. */
  retainOnDelete?: boolean;
  /** Custom resources: the provider that places them (explicit or default). */
  provider?: ProviderView;
}

export interface Finding {
  urn: string;
  message: string;
  /** Reported as advisory whatever the regulation says (e.g. SSO in transition). */
  advisory?: boolean;
  /** The registry rules this finding breaks, where it is fewer than the rule's `cites` (a missing Wali Data is not a NIK matter). */
  cites?: RuleId[];
}

export interface CheckContext {
  resources: ResourceView[];
  regency: RegencyFacts;
  /** YYYY-MM-DD: the day exemptions are judged on. */
  today: string;
  /** The root (Regency) resource's URN, for findings about the stack as a whole. */
  rootUrn: string;
  /** The regency's regulation as the registry shipped with the pack records it (absent for a fork). */
  registry?: Registry;
  /** The estate, where the pack was given one: what any stack of the regency is judged against. */
  estate?: Estate;
  /** The recovery sites' restore-drill ledger, where the pack was given one (its config, set by the custodian). */
  drills?: LedgerLine[];
  /** A stack without the regency's root: only the rules for any stack run. */
  foreign: boolean;
  cite(rule: RuleId): ResolvedCitation;
}

export type Severity = "low" | "medium" | "high" | "critical";

export interface Rule {
  /** Policy name in the pack; the advisory twin is `<name>-advisory`. */
  name: string;
  description: string;
  /** Registry rules whose articles this rule enforces; it is mandatory where any of them is mandated. */
  cites: RuleId[];
  severity: Severity;
  /** "advisory" rules never block, whatever the regulation says. */
  enforcement: "mandatory" | "advisory";
  /** Run only where the regency's regulation mandates one of `cites` (regulation-specific rules). */
  onlyWhereMandated?: boolean;
  /** Not a rule of the regulation but the integrity of the check itself: always mandatory, no advisory twin, cites nothing. */
  integrity?: boolean;
  /** Judges any stack of the regency with the estate (otherwise: only the regency's own stack). */
  anyStack?: boolean;
  remediation: string;
  check(ctx: CheckContext): Finding[];
}

export const ROOT_TYPE = "regency:regency:Regency";

/** The components of either back end that carry each part of the plan. */
export const COMPONENTS = {
  hosting: new Set(["regency:hosting:OpdHosting", "regency:docker:OpdHosting"]),
  backups: new Set(["regency:backup:Backups", "regency:docker:BackupRunner"]),
  sso: new Set(["regency:sso:Keycloak", "regency:docker:Keycloak"]),
  repositories: new Set(["regency:backup:BackupRepository", "regency:docker:BackupRepository"]),
  dataCenters: new Set(["regency:datacenter:DataCenter"]),
  reverseProxies: new Set(["regency:docker:ReverseProxy"]),
  unconsolidated: new Set(["regency:hosting:UnconsolidatedServer"]),
};
export const ofComponent = (ctx: CheckContext, kinds: Set<string>) => ctx.resources.filter((r) => kinds.has(r.type));
/** The facts a component registered (its props under the engine), typed, with its URN. */
const factsOf = <T>(ctx: CheckContext, kinds: Set<string>) =>
  ofComponent(ctx, kinds).map((r) => ({ urn: r.urn, facts: r.props as T }));
export const hostingsOf = (ctx: CheckContext) => factsOf<HostingFacts>(ctx, COMPONENTS.hosting);
export const ssoOf = (ctx: CheckContext) => factsOf<SsoFacts>(ctx, COMPONENTS.sso);
export const repositoriesOf = (ctx: CheckContext) => factsOf<BackupRepositoryFacts>(ctx, COMPONENTS.repositories);
export const dataCentersOf = (ctx: CheckContext) => factsOf<DataCenterFacts>(ctx, COMPONENTS.dataCenters);
export const reverseProxiesOf = (ctx: CheckContext) => factsOf<ReverseProxyFacts>(ctx, COMPONENTS.reverseProxies);
export const unconsolidatedOf = (ctx: CheckContext) => factsOf<UnconsolidatedFacts>(ctx, COMPONENTS.unconsolidated);

/** Every planned backup job, with the component that carries it. */
export const backupJobsOf = (ctx: CheckContext): { job: BackupJobFacts; urn: string }[] =>
  factsOf<BackupFacts>(ctx, COMPONENTS.backups).flatMap(({ urn, facts }) => facts.jobs.map((job) => ({ job, urn })));

/** The facts every rule relies on; a root without them was built by components older than this pack. */
const REQUIRED_FACTS: (keyof RegencyFacts)[] = [
  "slug",
  "regulation",
  "custodian",
  "domain",
  "supernet",
  "platform",
  "mainSite",
  "sites",
  "segments",
  "exemptions",
  "blockedCategories",
];

/**
 * Builds the context, or undefined when the stack has no regency root (not a regency stack).
 * Throws when the root lacks the facts the rules need: the pack cannot judge such a stack and says so.
 */
export function contextOf(
  resources: ResourceView[],
  today: string,
  slugOverride?: string,
  estate?: Estate,
): CheckContext | undefined {
  const root = resources.find((r) => r.type === ROOT_TYPE);
  if (!root) return estate ? foreignContext(resources, today, estate) : undefined;
  const missing = REQUIRED_FACTS.filter((k) => !(k in root.props));
  if (missing.length > 0) {
    throw new Error(
      `${ROOT_TYPE} ${root.urn} publishes no ${missing.join(", ")} among its outputs: it was built by components older than this policy pack, which cannot judge the stack until it is built again with this version of regency-dc`,
    );
  }
  // The facts components/model/facts.ts publishes; the required ones were checked just above.
  const regency = root.props as unknown as RegencyFacts;
  const registry = loadRegistry(slugOverride ?? regency.slug);
  const regulation: Pick<Regulation, "title" | "number" | "year"> = registry?.regulation ??
    regency.regulationRef ?? { title: regency.regulation, number: "?", year: 0 };
  const entry = (rule: RuleId): RuleCitation | undefined => citationEntryOf(registry, regency.citations, rule);
  return {
    resources,
    regency,
    today,
    rootUrn: root.urn,
    foreign: false,
    ...(registry ? { registry } : {}),
    ...(estate ? { estate } : {}),
    cite: (rule) => resolveCitation(rule, regulation, entry(rule)),
  };
}

/** Any other stack of the regency: the regency's facts come from the estate, its articles from the registry. */
function foreignContext(resources: ResourceView[], today: string, estate: Estate): CheckContext {
  const registry = loadRegistry(estate.regency);
  const regulation = registry?.regulation ?? { title: `the regulation of ${estate.name}`, number: "?", year: 0 };
  const regency: RegencyFacts = {
    regency: estate.name,
    slug: estate.regency,
    regulation: `${regulation.title} Nomor ${regulation.number} Tahun ${regulation.year}`,
    regulationRef: regulation,
    custodian: estate.custodian,
    domain: estate.domain,
    ...(estate.domainDecree ? { domainDecree: estate.domainDecree } : {}),
    supernet: estate.supernet,
    platform: "kubernetes",
    mainSite: estate.sites.find((s) => s.kind === "primary" && s.operator === "custodian")?.id ?? "",
    sites: estate.sites.map((s) => ({
      id: s.id,
      kind: s.kind,
      operator: s.operator,
      country: s.country,
      name: s.id,
      location: "",
    })),
    interconnections: [],
    segments: [],
    exemptions: estate.exemptions,
    blockedCategories: [],
  };
  return {
    resources,
    regency,
    today,
    rootUrn: "",
    foreign: true,
    estate,
    ...(registry ? { registry } : {}),
    cite: (rule) => resolveCitation(rule, regulation, registry?.rules[rule]),
  };
}

/** Namespaces the regency's components create: hosting, platform, single sign-on. */
export function plannedNamespaces(ctx: CheckContext): Set<string> {
  return new Set<string>([
    ...hostingsOf(ctx).map(({ facts }) => facts.namespace),
    ...dataCentersOf(ctx).flatMap(({ facts }) => facts.namespaces ?? []),
    ...ssoOf(ctx).map(({ facts }) => facts.namespace),
  ]);
}

/** The planned namespaces, the cluster's own and the sites' declared system namespaces: where workloads may run. */
export function declaredNamespaces(ctx: CheckContext): Set<string> {
  return new Set<string>([
    ...CLUSTER_NAMESPACES,
    ...plannedNamespaces(ctx),
    ...ctx.regency.sites.flatMap((s) => s.systemNamespaces ?? []),
  ]);
}

export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];
type PodSpec = Loose<K8s.core.v1.PodSpec>;

/** The pod spec of a workload object (Pod, a controller's template, a CronJob's job template). */
export function podSpecOf(obj: KubernetesObject<WorkloadKind>): PodSpec {
  if (obj.kind === "Pod") return obj.spec ?? {};
  if (obj.kind === "CronJob") return obj.spec?.jobTemplate?.spec?.template?.spec ?? {};
  return (obj as KubernetesObject<"Deployment">).spec?.template?.spec ?? {};
}

/** A host name is the domain itself or a subdomain of it. */
export const isUnderDomain = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** Anything may be missing from a resource written by hand: every field optional, all the way down. */
export type Loose<T> = T extends (infer U)[]
  ? Loose<U>[]
  : T extends string | number | boolean
    ? T
    : T extends object
      ? { [K in keyof T]?: Loose<T[K]> }
      : T;

/** The Kubernetes kinds the rules read, as the provider's own types (loosened: a hand-written object may lack any field). */
export interface KubernetesKinds {
  Namespace: K8s.core.v1.Namespace;
  Service: K8s.core.v1.Service;
  ConfigMap: K8s.core.v1.ConfigMap;
  PersistentVolumeClaim: K8s.core.v1.PersistentVolumeClaim;
  Pod: K8s.core.v1.Pod;
  Deployment: K8s.apps.v1.Deployment;
  ReplicaSet: K8s.apps.v1.ReplicaSet;
  StatefulSet: K8s.apps.v1.StatefulSet;
  DaemonSet: K8s.apps.v1.DaemonSet;
  Job: K8s.batch.v1.Job;
  CronJob: K8s.batch.v1.CronJob;
  Ingress: K8s.networking.v1.Ingress;
  NetworkPolicy: K8s.networking.v1.NetworkPolicy;
  /** Calico's address pool (a custom resource the provider has no type for). */
  IPPool: { metadata: K8s.meta.v1.ObjectMeta; spec: { cidr: string } };
}
export type KubernetesObject<K extends keyof KubernetesKinds> = Loose<KubernetesKinds[K]>;

/** The Kubernetes objects of one kind, typed, with their URNs. */
export const kind = <K extends keyof KubernetesKinds>(ctx: CheckContext, k: K) =>
  ctx.resources
    .filter((r) => r.type.startsWith("kubernetes:") && r.props.kind === k)
    .map((r) => ({ urn: r.urn, type: r.type, obj: r.props as KubernetesObject<K> }));

/** The Docker provider's resources the rules read, as its own types. */
export interface DockerTypes {
  "docker:index/container:Container": {
    name: string;
    labels: DockerOut.ContainerLabel[];
    ports: DockerOut.ContainerPort[];
    networksAdvanced: DockerOut.ContainerNetworksAdvanced[];
  };
  "docker:index/network:Network": {
    name: string;
    internal: boolean;
    labels: DockerOut.NetworkLabel[];
    ipamConfigs: DockerOut.NetworkIpamConfig[];
  };
  "docker:index/volume:Volume": { name: string; labels: DockerOut.VolumeLabel[] };
}

/** The Docker resources of one type, typed, with their URNs. */
export const dockerOf = <T extends keyof DockerTypes>(ctx: CheckContext, type: T) =>
  ctx.resources.filter((r) => r.type === type).map((r) => ({ urn: r.urn, obj: r.props as Loose<DockerTypes[T]> }));
export const isMandated = (ctx: CheckContext, rule: Rule) => rule.cites.some((c) => ctx.cite(c).mandated);
