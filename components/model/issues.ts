import { ResolvedCitation } from "./citations";
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

export function formatIssue(i: SpecIssue): string {
  const where = i.location ? `${i.location} ` : "";
  let s = `✗ ${where}${formatPath(i.path)}\n    ${i.id}\n    ${i.en}`;
  if (i.citation) s += `\n    ↳ ${i.citation.summary}`;
  return s;
}

export function formatIssues(issues: SpecIssue[], source?: string): string {
  const head = `${source ?? "spec"}: ${issues.length} kesalahan / ${issues.length} error${issues.length === 1 ? "" : "s"}`;
  return [head, ...issues.map(formatIssue)].join("\n");
}
