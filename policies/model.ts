/**
 * What every rule works on: a platform-neutral view of the stack's resources (from a real
 * `pulumi preview` through CrossGuard, or from the offline synthesis), the regency's facts from
 * its root component, and the regulation's citations.
 */
import { loadRegistry, Regulation, resolveCitation, ResolvedCitation, RuleCitation } from "../components/model/citations";
import { BackupJobPlan } from "../components/model/plan";
import { RuleId } from "../components/model/rules";
import type { RegencyArgs } from "../components/regency/regency";

export interface ResourceView {
  urn: string;
  type: string;
  name: string;
  props: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** URN of the parent resource. */
  parent?: string;
  protect: boolean;
  /** Known offline; CrossGuard does not expose it. */
  retainOnDelete?: boolean;
}

export interface Finding {
  urn: string;
  message: string;
  /** Reported as advisory whatever the regulation says (e.g. SSO in transition). */
  advisory?: boolean;
}

export interface CheckContext {
  resources: ResourceView[];
  regency: RegencyArgs;
  /** YYYY-MM-DD: the day exemptions are judged on. */
  today: string;
  /** The root (Regency) resource's URN, for findings about the stack as a whole. */
  rootUrn: string;
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
  remediation: string;
  check(ctx: CheckContext): Finding[];
}

export const ROOT_TYPE = "regency:regency:Regency";

/** The components of either back end that carry each part of the plan. */
export const COMPONENTS = {
  hosting: new Set(["regency:hosting:OpdHosting", "regency:docker:OpdHosting"]),
  backups: new Set(["regency:backup:Backups", "regency:docker:BackupRunner"]),
  sso: new Set(["regency:sso:Keycloak", "regency:docker:Keycloak"]),
};
export const ofComponent = (ctx: CheckContext, kinds: Set<string>) => ctx.resources.filter((r) => kinds.has(r.type));

/** Every planned backup job, with the component that carries it. */
export const backupJobsOf = (ctx: CheckContext): { job: BackupJobPlan; urn: string }[] =>
  ofComponent(ctx, COMPONENTS.backups).flatMap((r) => ((r.props.jobs ?? []) as BackupJobPlan[]).map((job) => ({ job, urn: r.urn })));

/** Builds the context, or undefined when the stack has no regency root (not a regency stack). */
export function contextOf(resources: ResourceView[], today: string, slugOverride?: string): CheckContext | undefined {
  const root = resources.find((r) => r.type === ROOT_TYPE);
  if (!root) return undefined;
  const regency = root.props as RegencyArgs;
  const registry = loadRegistry(slugOverride ?? regency.slug);
  const regulation: Pick<Regulation, "title" | "number" | "year"> = regency.regulationRef ?? registry?.regulation ?? { title: regency.regulation, number: "?", year: 0 };
  const entry = (rule: RuleId): RuleCitation | undefined => regency.citations?.[rule] ?? registry?.rules[rule];
  return { resources, regency, today, rootUrn: root.urn, cite: (rule) => resolveCitation(rule, regulation, entry(rule)) };
}

export const ofType = (ctx: CheckContext, type: string) => ctx.resources.filter((r) => r.type === type);
export const kind = (ctx: CheckContext, k: string) => ctx.resources.filter((r) => r.type.startsWith("kubernetes:") && r.props.kind === k);
export const isMandated = (ctx: CheckContext, rule: Rule) => rule.cites.some((c) => ctx.cite(c).mandated);
