/**
 * Runs the rules and turns findings into violations with an enforcement level, the regency's
 * citations and the fix. The same code serves the CrossGuard pack and the offline check.
 */
import { CitationLayer, quoted } from "../components/model/citations";
import { RuleId } from "../components/model/rules";
import { CheckContext, isMandated, Rule, Severity } from "./model";
import { isUnknownValueError } from "./preview";

export type Level = "mandatory" | "advisory" | "disabled";

/** CrossGuard's policy config file: per policy (or "all") a level, or an object with `enforcementLevel`. */
export type PolicyConfig = Record<
  string,
  Level | "remediate" | { enforcementLevel?: Level | "remediate"; [key: string]: unknown }
>;

export interface Violation {
  /** The pack's policy that reports it: the rule's name, or `<name>-advisory` where the regulation does not mandate it. */
  policy: string;
  rule: string;
  level: Exclude<Level, "disabled">;
  severity: Severity;
  urn: string;
  message: string;
  citations: CitationLayer[];
  remediation: string;
  /** Where in the stack file to fix it (offline check of a stack file): file, line, column and the spec field. */
  location?: { file: string; line: number; column: number; path: (string | number)[] };
}

/** The policy a finding belongs to, before configuration. */
export function policyFor(
  rule: Rule,
  mandated: boolean,
  advisoryFinding: boolean,
): { name: string; level: "mandatory" | "advisory" } {
  if (rule.integrity) return { name: rule.name, level: "mandatory" };
  if (rule.enforcement === "advisory") return { name: rule.name, level: "advisory" };
  if (mandated && !advisoryFinding) return { name: rule.name, level: "mandatory" };
  return { name: `${rule.name}-advisory`, level: "advisory" };
}

/** The level configured for a policy (policy entry over "all"), else its default. */
export function configuredLevel(config: PolicyConfig, policy: string, fallback: Level): Level {
  const entry = config[policy] ?? config.all;
  const level = typeof entry === "string" ? entry : entry?.enforcementLevel;
  if (level === undefined) return fallback;
  return level === "remediate" ? "mandatory" : level;
}

/** A rule that could not give a verdict: a value it reads is unknown until apply, or the rule failed. */
export interface RuleFailure {
  rule: string;
  /** The policy that reports it: the rule's own (mandatory) name. */
  policy: string;
  message: string;
  error: unknown;
}

export interface Evaluation {
  violations: Violation[];
  /** Rules that read a value unknown during preview: CrossGuard reports them as advisory "can't run during preview". */
  undecided: RuleFailure[];
  /** Rules that threw: program errors, reported with the rule's name; they fail the check rather than pass it. */
  ruleErrors: RuleFailure[];
}

export function evaluate(rules: Rule[], ctx: CheckContext, config: PolicyConfig = {}): Evaluation {
  const result: Evaluation = { violations: [], undecided: [], ruleErrors: [] };
  const violations = result.violations;
  for (const rule of rules) {
    if (ctx.foreign && !rule.anyStack) continue;
    const mandated = isMandated(ctx, rule);
    if (rule.onlyWhereMandated && !mandated) continue;
    let findings;
    try {
      findings = rule.check(ctx);
    } catch (error) {
      const failure = {
        rule: rule.name,
        policy: rule.name,
        error,
        message: error instanceof Error ? error.message : String(error),
      };
      if (isUnknownValueError(error))
        result.undecided.push({
          ...failure,
          message: `can't run rule ${rule.name} during preview: ${failure.message}`,
        });
      else result.ruleErrors.push({ ...failure, message: `rule ${rule.name} failed: ${failure.message}` });
      continue;
    }
    for (const f of findings) {
      // A finding that breaks fewer registry rules than its rule cites is mandatory only where those are.
      const p = policyFor(rule, f.cites ? f.cites.some((c) => ctx.cite(c).mandated) : mandated, f.advisory === true);
      const level = configuredLevel(config, p.name, p.level);
      if (level === "disabled") continue;
      violations.push({
        policy: p.name,
        rule: rule.name,
        level,
        severity: rule.severity,
        urn: f.urn,
        message: f.message,
        citations: citationsOf(ctx, f.cites ?? rule.cites),
        remediation: rule.remediation,
      });
    }
  }
  return result;
}

/**
 * What a finding cites: each regulation's articles on its registry rules (the Perbup's first, the national
 * ones beside them), each article once (two rules often quote the same one), and where any is mandated,
 * only the mandated ones (a "not mandated" note after a mandate misleads).
 */
export function citationsOf(ctx: CheckContext, cites: RuleId[]): CitationLayer[] {
  const all = [...new Set(cites)].map((c) => ctx.cite(c));
  const binding = all.flatMap((c) => c.layers.filter((l) => l.mandated));
  // Regency layers first, then national ones, each in the order of the rule's cites.
  const ordered = [...binding.filter((l) => l.layer === "regency"), ...binding.filter((l) => l.layer === "national")];
  if (ordered.length === 0) return all.slice(0, 1).map((c) => c.layers[0]);
  const seen = new Set<string>();
  return ordered.flatMap((c) => {
    const fresh = c.citations.filter((a) => {
      const key = `${c.regulation}|${a.pasal}|${a.ayat ?? ""}|${a.angka ?? ""}|${a.huruf ?? ""}|${a.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length === 0) return [];
    return [
      fresh.length === c.citations.length
        ? c
        : { ...c, citations: fresh, summary: quoted(c.regulation, fresh, c.note) },
    ];
  });
}

export const INTEGRITY_BASIS =
  "integritas pemeriksaan / integrity of the check (the registry shipped with the policy pack), not an article of the regulation";

/** The message CrossGuard shows: what, which article, how to fix. */
export function violationText(v: Pick<Violation, "message" | "citations" | "remediation">): string {
  const cited = v.citations.filter((c) => c.mandated);
  const basis =
    cited.length > 0 ? cited.map((c) => c.summary).join(" | ") : (v.citations[0]?.summary ?? INTEGRITY_BASIS);
  return `${v.message}.\nDasar / basis: ${basis}\nPerbaikan / fix: ${v.remediation}`;
}
