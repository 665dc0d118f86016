import { articleLabel, ResolvedCitation } from "./citations";
import { FieldPath, formatPath } from "./paths";
import { RuleId } from "./rules";

/** One problem in a spec: where, what (Indonesian and English), and the article when one applies. */
export interface SpecIssue {
  path: FieldPath;
  id: string;
  en: string;
  rule?: RuleId;
  citation?: ResolvedCitation;
  /** "file:line:column" when the spec came from a file. */
  location?: string;
}

/** Thrown by the loaders; carries every issue found, never a partial result. */
export class SpecError extends Error {
  constructor(
    readonly issues: SpecIssue[],
    readonly source?: string,
  ) {
    super(formatIssues(issues, source));
    this.name = "SpecError";
  }
}

/** One issue as text; `quoted` holds the citations already quoted in full above it, which it only names. */
export function formatIssue(i: SpecIssue, quoted?: Set<string>): string {
  const where = i.location ? `${i.location} ` : "";
  let s = `✗ ${where}${formatPath(i.path)}\n    ${i.id}\n    ${i.en}`;
  if (i.citation) {
    const c = i.citation;
    const short = c.citations.length > 0 ? `${c.regulation}, ${c.citations.map(articleLabel).join("; ")}` : undefined;
    s += `\n    ↳ ${short !== undefined && quoted?.has(c.summary) ? `${short} (dikutip di atas / quoted above)` : c.summary}`;
    quoted?.add(c.summary);
  }
  return s;
}

/** Every issue, each article quoted once: 300 OPDs breaking one rule repeat its name, not its text. */
export function formatIssues(issues: SpecIssue[], source?: string): string {
  const head = `${source ?? "spec"}: ${issues.length} kesalahan / ${issues.length} error${issues.length === 1 ? "" : "s"}`;
  const quoted = new Set<string>();
  return [head, ...issues.map((i) => formatIssue(i, quoted))].join("\n");
}
