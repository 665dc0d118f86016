import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { z } from "zod";
import { RULE_IDS, RuleId } from "./rules";
import { PACKAGE_ROOT, packagePath } from "../root";

/** The regulation texts live beside the repository (../shared/seeds); they are not copied into it. */
export const SEEDS_DIR = process.env.REGENCY_SEEDS_DIR ?? path.resolve(PACKAGE_ROOT, "..", "shared", "seeds");

/** One quoted article: Pasal, optional ayat / angka / huruf, and the Indonesian text as in the regulation. */
export const CitationSchema = z.strictObject({
  pasal: z.number().int().positive().describe("The article (Pasal) number."),
  ayat: z.number().int().positive().optional().describe("The paragraph (ayat), if the article has them."),
  angka: z.number().int().positive().optional().describe("The numbered point (angka), if any."),
  huruf: z
    .string()
    .regex(/^[a-z]$/)
    .optional()
    .describe("The lettered point (huruf), if any."),
  text: z
    .string()
    .min(3)
    .describe("The words of the article, copied exactly from the regulation (the tests compare them with its text)."),
});
export type Citation = z.infer<typeof CitationSchema>;

/** Either the articles that mandate a rule, or an explicit statement that the regulation does not. */
export const RuleCitationSchema = z.union([
  z.array(CitationSchema).min(1),
  z.strictObject({
    notMandated: z
      .union([z.literal(true), z.string().min(3)])
      .describe("The regulation has no article for this rule: true, or a note saying why."),
  }),
]);
export type RuleCitation = z.infer<typeof RuleCitationSchema>;

export const RegulationSchema = z.strictObject({
  title: z.string().min(5),
  number: z.string().regex(/^[0-9]+$/),
  year: z.number().int().min(1945).max(2100),
  about: z.string().min(5),
  seedFile: z.string().optional(),
});
export type Regulation = z.infer<typeof RegulationSchema>;

export const RegistrySchema = z.strictObject({
  regency: z.string(),
  regulation: RegulationSchema,
  /** The domain the regulation names (its official-domain article quotes it), and whether the Bupati may decree another. */
  domain: z.strictObject({ name: z.string().regex(/\.go\.id$/), otherByDecree: z.boolean().default(false) }).optional(),
  rules: z.strictObject(
    Object.fromEntries(RULE_IDS.map((id) => [id, RuleCitationSchema])) as Record<RuleId, typeof RuleCitationSchema>,
  ),
});
export type Registry = z.infer<typeof RegistrySchema>;

/** A national regulation: the articles of the rules it mandates for every regency (citations/national/). */
export const NationalRegistrySchema = z.strictObject({
  regulation: RegulationSchema.omit({ seedFile: true }).extend({ file: z.string() }),
  rules: z.partialRecord(z.enum(RULE_IDS), z.array(CitationSchema).min(1)),
});
export type NationalRegistry = z.infer<typeof NationalRegistrySchema>;

const REGISTRY_DIR = packagePath("components", "model", "citations");
const NATIONAL_DIR = path.join(REGISTRY_DIR, "national");
let national: NationalRegistry[] | undefined;

/** The national regulations in the registry, whose rules bind every regency. */
export function loadNational(): NationalRegistry[] {
  national ??= fs
    .readdirSync(NATIONAL_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => NationalRegistrySchema.parse(YAML.parse(fs.readFileSync(path.join(NATIONAL_DIR, f), "utf8"))));
  return national;
}
const cache = new Map<string, Registry>();

/** Slugs of the regencies whose regulation is in the registry (the seed regencies). */
export function registrySlugs(): string[] {
  return fs
    .readdirSync(REGISTRY_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** The registry of one seed regency, or undefined for a regency outside it (a fork). */
export function loadRegistry(slug: string): Registry | undefined {
  if (cache.has(slug)) return cache.get(slug);
  const file = path.join(REGISTRY_DIR, `${slug}.yaml`);
  if (!fs.existsSync(file)) return undefined;
  const registry = RegistrySchema.parse(YAML.parse(fs.readFileSync(file, "utf8")));
  cache.set(slug, registry);
  return registry;
}

/** "Peraturan Bupati Bulukumba Nomor 143 Tahun 2017". */
export function regulationName(r: Pick<Regulation, "title" | "number" | "year">): string {
  return `${r.title} Nomor ${r.number} Tahun ${r.year}`;
}

/** "Pasal 6 ayat (3)", "Pasal 8 huruf a", "Pasal 1 angka 5". */
export function articleLabel(c: Pick<Citation, "pasal" | "ayat" | "angka" | "huruf">): string {
  let s = `Pasal ${c.pasal}`;
  if (c.ayat !== undefined) s += ` ayat (${c.ayat})`;
  if (c.angka !== undefined) s += ` angka ${c.angka}`;
  if (c.huruf !== undefined) s += ` huruf ${c.huruf}`;
  return s;
}

/** What a regulation says about one rule, resolved for messages and reports. */
export interface ResolvedCitation {
  rule: RuleId;
  regulation: string;
  mandated: boolean;
  citations: Citation[];
  /** A one-line reference: articles and quotes, or "not mandated by …". */
  summary: string;
}

export function resolveCitation(
  rule: RuleId,
  regulation: Pick<Regulation, "title" | "number" | "year">,
  entry: RuleCitation | undefined,
): ResolvedCitation {
  const name = regulationName(regulation);
  const above = loadNational().find((n) => n.rules[rule]);
  if ((entry === undefined || !Array.isArray(entry)) && above) {
    // The Perbup is silent; a national regulation binds the regency anyway, and its article is cited.
    const articles = above.rules[rule]!;
    const nationalName = regulationName(above.regulation);
    return {
      rule,
      regulation: nationalName,
      mandated: true,
      citations: articles,
      summary: `${nationalName}, ${articles.map((c) => `${articleLabel(c)}: "${c.text}"`).join("; ")} (${name} does not regulate this; the national rule applies)`,
    };
  }
  if (entry === undefined || !Array.isArray(entry)) {
    const note = entry && typeof entry.notMandated === "string" ? ` (${entry.notMandated})` : "";
    const recorded = entry === undefined ? "; no citation recorded for this rule" : "";
    return {
      rule,
      regulation: name,
      mandated: false,
      citations: [],
      summary: `tidak diatur dalam / not mandated by ${name}${note}${recorded}; applied as good practice`,
    };
  }
  return {
    rule,
    regulation: name,
    mandated: true,
    citations: entry,
    summary: `${name}, ${entry.map((c) => `${articleLabel(c)}: "${c.text}"`).join("; ")}`,
  };
}

/**
 * Where a rule's articles come from: for a regulation in the registry, only the registry shipped with
 * regency-dc (a stack file cannot change its own verdict); for a fork's own regulation, its quotes.
 */
export const citationEntryOf = (
  registry: Registry | undefined,
  own: Partial<Record<RuleId, RuleCitation>> | undefined,
  rule: RuleId,
): RuleCitation | undefined => (registry ? registry.rules[rule] : own?.[rule]);
