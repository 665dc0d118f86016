/**
 * Turns raw spec input into a validated regency model, or every problem with it.
 * Structure comes from the zod schema (spec.ts); the rules across fields are here, each
 * citing the regency's own article when one applies. Compliance rules (who operates a
 * site, exemptions, backup separation …) are the policy pack's, not this module's.
 */
import type { IpLock } from "./iplock";
import { z } from "zod";
import { citationEntryOf, loadRegistry, resolveCitation, ResolvedCitation, RuleCitation } from "./citations";
import { IpPlan } from "./ipplan";
import { SpecIssue } from "./issues";
import { FieldPath } from "./paths";
import { RuleId } from "./rules";
import { RegencySpec, RegencySpecSchema } from "./spec";
import { HostedApplication, SPEC_CHECKS, specContext } from "./spec-checks";

export type { HostedApplication } from "./spec-checks";
export { addressesFor, asList, mainSiteOf, opdSegmentName } from "./spec-checks";

/** A spec that passed every check, with what is derived from it. */
export interface RegencyModel {
  spec: RegencySpec;
  ipPlan: IpPlan;
  /** The article(s) of this regency's regulation for a rule, or "not mandated". */
  cite(rule: RuleId): ResolvedCitation;
  /** Every application with its owner: the custodian (common apps) or an OPD. */
  applications: HostedApplication[];
  /** Where a spec field stands in the stack file it was loaded from (the deepest existing node of the path). */
  locate?: (path: FieldPath) => SpecLocation | undefined;
}

/** A place in a stack file. */
export interface SpecLocation {
  file: string;
  line: number;
  column: number;
}

export type ValidationResult = { ok: true; model: RegencyModel } | { ok: false; issues: SpecIssue[] };

/** The rule a field serves, so a malformed field is refused with the regency's article as a wrong value is. */
const RULE_OF_FIELD: [RegExp, RuleId][] = [
  [/^domain(\.|$)/, "official-domain"],
  [/^sites\.\d+\.operator$/, "custodian-data-center"],
  [/^network(\.|$)/, "ip-numbering"],
  [/^backup(\.|$)/, "backup"],
  [/^exemptions(\.|$)/, "bupati-exemption"],
  [/\.dataGroups(\.|$)/, "data-groups"],
  [/\.waliData$/, "wali-data"],
  [/^sso(\.|$)/, "sso"],
];

/** `lock`: the stack's frozen IP allocation (iplock.ts); its segments keep their CIDRs unless the spec pins another. */
export function validateSpec(input: unknown, options: { lock?: IpLock; lockFile?: string } = {}): ValidationResult {
  const parsed = RegencySpecSchema.safeParse(input);
  // A template's placeholder is a fact still to be given: said as such, never as the wrong type it also is.
  const placeholders = placeholdersIn(input);
  if (placeholders.length > 0) {
    const at = new Set(placeholders.map((i) => i.path.join(".")));
    const rest = parsed.success
      ? checkSpec(parsed.data, options)
      : { ok: false as const, issues: parsed.error.issues.map((i) => fromZod(i, input)) };
    return {
      ok: false,
      issues: [...placeholders, ...(rest.ok ? [] : rest.issues.filter((i) => !at.has(i.path.join("."))))],
    };
  }
  if (parsed.success) return checkSpec(parsed.data, options);
  // Cite what can be cited: the registry's articles by the slug, else a fork's own quotes where they parse.
  const raw = (input ?? {}) as {
    regency?: {
      slug?: unknown;
      regulation?: { title?: unknown; number?: unknown; year?: unknown; citations?: unknown };
    };
  };
  const registry = typeof raw.regency?.slug === "string" ? loadRegistry(raw.regency.slug) : undefined;
  const own = raw.regency?.regulation;
  const regulation =
    registry?.regulation ??
    (typeof own?.title === "string" && typeof own.number === "string" && typeof own.year === "number"
      ? { title: own.title, number: own.number, year: own.year }
      : undefined);
  const ownCitations =
    own?.citations && typeof own.citations === "object"
      ? (own.citations as Partial<Record<RuleId, RuleCitation>>)
      : undefined;
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => {
      const issue = fromZod(i, input);
      const rule = RULE_OF_FIELD.find(([re]) => re.test(issue.path.join(".")))?.[1];
      if (!rule || !regulation) return issue;
      return {
        ...issue,
        rule,
        citation: resolveCitation(rule, regulation, citationEntryOf(registry, ownCitations, rule)),
      };
    }),
  };
}

/** The rules across fields, in the order of SPEC_CHECKS (spec-checks.ts); a model only when none finds an issue. */
function checkSpec(spec: RegencySpec, options: { lock?: IpLock; lockFile?: string }): ValidationResult {
  const c = specContext(spec, options);
  for (const check of SPEC_CHECKS) check.check(c);
  if (c.issues.length > 0 || !c.ipPlan) return { ok: false, issues: c.issues };
  return { ok: true, model: { spec, ipPlan: c.ipPlan, cite: (rule) => c.cite(rule), applications: c.applications } };
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** How `regency new` marks what only the regency can say: `<isi: …>` ("fill in"). */
export const PLACEHOLDER = /<isi:[^>]*>/;

/** Every string of the spec that still holds a placeholder. */
function placeholdersIn(input: unknown): SpecIssue[] {
  const found: SpecIssue[] = [];
  const walk = (v: unknown, path: FieldPath) => {
    if (typeof v === "string") {
      const m = PLACEHOLDER.exec(v);
      if (m)
        found.push({
          path,
          id: `isian templat belum diganti: ${m[0]}`,
          en: `placeholder from the template not replaced yet: ${m[0]}`,
        });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(input, []);
  return found;
}

/** Zod's issue, said in Indonesian and English. */
function fromZod(i: z.core.$ZodIssue, input: unknown): SpecIssue {
  const path = i.path.filter((p): p is string | number => typeof p !== "symbol");
  const bilingual = (msg: string): [string, string] => {
    const k = msg.indexOf(" / ");
    return k > 0 ? [msg.slice(0, k), msg.slice(k + 3)] : [msg, msg];
  };
  if (
    (i.code === "invalid_type" || i.code === "invalid_value" || i.code === "invalid_union") &&
    valueAt(input, path) === undefined
  ) {
    return { path, id: "wajib diisi", en: "is required" };
  }
  switch (i.code) {
    case "invalid_type": {
      // A schema's own bilingual message says what the field wants (e.g. retention by time).
      if (i.message.includes(" / ")) {
        const [id, en] = bilingual(i.message);
        return { path, id, en };
      }
      return { path, id: `tipe salah: harus ${i.expected}`, en: `wrong type: expected ${i.expected}` };
    }
    case "unrecognized_keys": {
      const key = i.keys[0];
      const more = i.keys.length > 1 ? ` (+${i.keys.length - 1})` : "";
      return { path: [...path, key], id: `kolom tidak dikenal "${key}"${more}`, en: `unknown field "${key}"${more}` };
    }
    case "too_small":
      return i.origin === "array"
        ? { path, id: `minimal ${i.minimum} entri`, en: `needs at least ${i.minimum} entries` }
        : i.origin === "string"
          ? { path, id: `minimal ${i.minimum} karakter`, en: `needs at least ${i.minimum} characters` }
          : { path, id: `minimal ${i.minimum}`, en: `must be at least ${i.minimum}` };
    case "too_big": {
      // A schema's own bilingual message says why (e.g. the national limit on restore drills).
      if (i.message.includes(" / ")) {
        const [id, en] = bilingual(i.message);
        return { path, id, en };
      }
      return { path, id: `maksimal ${i.maximum}`, en: `must be at most ${i.maximum}` };
    }
    case "invalid_value":
      return {
        path,
        id: `harus salah satu dari: ${i.values.join(", ")}`,
        en: `must be one of: ${i.values.join(", ")}`,
      };
    case "invalid_union":
      return { path, id: "bentuk tidak sesuai", en: "does not match any allowed form" };
    default: {
      const [id, en] = bilingual(i.message);
      return { path, id, en };
    }
  }
}
