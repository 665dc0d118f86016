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

/** What one regulation says about one rule, resolved for messages and reports. */
export interface CitationLayer {
  rule: RuleId;
  regulation: string;
  /** The regency's own Peraturan Bupati, or a national regulation above it. */
  layer: "regency" | "national";
  mandated: boolean;
  citations: Citation[];
  /** A one-line reference: articles and quotes, or "not mandated by …". */
  summary: string;
  /** Said after the quotes: why a national article binds where the Perbup is silent. */
  note?: string;
}

/**
 * What the regulations say about one rule: the regency's Perbup first, the national ones beside it.
 * The top-level fields are the binding layer's (the Perbup's where it mandates the rule, else the first
 * national one), with a summary of every binding layer; `layers` has each regulation apart.
 */
export interface ResolvedCitation extends CitationLayer {
  layers: CitationLayer[];
}

/** "<regulation>, Pasal 6 ayat (1): "…"; Pasal 7: "…"", then the note in brackets where there is one. */
export const quoted = (regulation: string, articles: Citation[], note?: string) =>
  `${regulation}, ${articles.map((c) => `${articleLabel(c)}: "${c.text}"`).join("; ")}${note ? ` (${note})` : ""}`;

/** The national regulations' articles on one rule, each its own layer. */
function nationalLayers(rule: RuleId, regency: string, regencyMandates: boolean): CitationLayer[] {
  return loadNational().flatMap((n) => {
    const articles = n.rules[rule];
    if (!articles) return [];
    const name = regulationName(n.regulation);
    // Where the Perbup is silent the national article alone makes the rule mandatory: say so.
    const note = regencyMandates ? undefined : `${regency} does not regulate this; the national rule applies`;
    return [
      {
        rule,
        regulation: name,
        layer: "national",
        mandated: true,
        citations: articles,
        summary: quoted(name, articles, note),
        ...(note ? { note } : {}),
      },
    ];
  });
}

export function resolveCitation(
  rule: RuleId,
  regulation: Pick<Regulation, "title" | "number" | "year">,
  entry: RuleCitation | undefined,
): ResolvedCitation {
  const name = regulationName(regulation);
  const mandates = Array.isArray(entry);
  const note = !mandates && entry && typeof entry.notMandated === "string" ? ` (${entry.notMandated})` : "";
  const recorded = entry === undefined ? "; no citation recorded for this rule" : "";
  const own: CitationLayer = mandates
    ? { rule, regulation: name, layer: "regency", mandated: true, citations: entry, summary: quoted(name, entry) }
    : {
        rule,
        regulation: name,
        layer: "regency",
        mandated: false,
        citations: [],
        summary: `tidak diatur dalam / not mandated by ${name}${note}${recorded}; applied as good practice`,
      };
  const layers = [own, ...nationalLayers(rule, name, mandates)];
  const binding = layers.filter((l) => l.mandated);
  if (binding.length === 0) return { ...own, layers };
  return { ...binding[0], summary: binding.map((l) => l.summary).join(" | "), layers };
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
