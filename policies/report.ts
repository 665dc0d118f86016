/**
 * Verdicts for people and machines: text for a terminal, Markdown for a pull-request comment,
 * GitHub workflow annotations, and a stable JSON document (schemaVersion 1, see README).
 */
import { articleLabel } from "../components/model/citations";
import type { SpecIssue } from "../components/model/issues";
import { formatPath } from "../components/model/paths";
import { Violation, violationText } from "./engine";

export interface Verdict {
  regency: { slug: string; name: string; regulation: string };
  platform: string;
  today: string;
  rulesChecked: number;
  violations: Violation[];
  /** Errors the program itself logged (e.g. a refused data center), and rules that failed. */
  programErrors: string[];
  /** Rules that read a value unknown until apply and so could not decide (advisory, as CrossGuard reports them). */
  undecided: { policy: string; message: string }[];
}

export const OFFLINE_NOTE =
  "Offline check: the program ran under Pulumi's mock runtime. Values that exist only after deployment (generated passwords, cluster-assigned addresses, image digests) are placeholders here; a real `pulumi preview --policy-pack policies` checks the same rules on the engine's view.";

const count = (v: Violation[], level: Violation["level"]) => v.filter((x) => x.level === level).length;
const resourceOf = (urn: string) => {
  const parts = urn.split("::");
  return `${parts[2]?.split("$").pop()?.split(":").pop() ?? "?"} ${parts[3] ?? urn}`;
};
const articles = (v: Violation) =>
  v.citations.filter((c) => c.mandated).flatMap((c) => c.citations.map(articleLabel)).filter((a, i, all) => all.indexOf(a) === i).join(", ") || "not mandated";

export function summaryLine(d: Verdict): string {
  const m = count(d.violations, "mandatory");
  const a = count(d.violations, "advisory");
  const verdict = m > 0 ? "❌ BLOCKED" : "✅ PASSED";
  return `${verdict} — ${d.regency.name}: ${m} mandatory, ${a} advisory violation(s); ${d.rulesChecked} rules checked (${d.regency.regulation}, ${d.platform}, ${d.today})`;
}

export function toText(d: Verdict): string {
  const lines = [summaryLine(d)];
  for (const e of d.programErrors) lines.push(`  program error: ${e}`);
  for (const u of d.undecided) lines.push(`  undecided [${u.policy}]: ${u.message}`);
  for (const level of ["mandatory", "advisory"] as const) {
    const vs = d.violations.filter((v) => v.level === level);
    if (vs.length === 0) continue;
    lines.push("", `${level.toUpperCase()} (${vs.length})`);
    for (const v of vs) {
      lines.push(`✗ [${v.policy}] ${resourceOf(v.urn)}`);
      for (const l of violationText(v).split("\n")) lines.push(`    ${l}`);
    }
  }
  lines.push("", OFFLINE_NOTE);
  return lines.join("\n") + "\n";
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function toMarkdown(d: Verdict): string {
  const out = [`### Regency compliance — ${d.regency.name}`, "", `**${summaryLine(d)}**`, ""];
  for (const e of d.programErrors) out.push(`> ⚠️ program error: ${md(e)}`, "");
  for (const u of d.undecided) out.push(`> ⚠️ undecided \`${u.policy}\`: ${md(u.message)}`, "");
  if (d.violations.length > 0) {
    out.push("| | Policy | Resource | Violation | Pasal |", "|---|---|---|---|---|");
    const byRule = [...new Set(d.violations.map((v) => v.policy))];
    for (const p of byRule) {
      for (const v of d.violations.filter((x) => x.policy === p)) {
        out.push(`| ${v.level === "mandatory" ? "❌" : "⚠️"} | \`${v.policy}\` | \`${md(resourceOf(v.urn))}\` | ${md(v.message)} | ${md(articles(v))} |`);
      }
    }
    out.push("", "<details><summary>Citations and fixes / Dasar hukum dan perbaikan</summary>", "");
    for (const p of byRule) {
      const v = d.violations.find((x) => x.policy === p)!;
      out.push(`#### \`${p}\``, "", `**Fix / perbaikan:** ${v.remediation}`, "");
      const lines = v.citations.flatMap((c) => (c.mandated ? c.citations.map((q) => `- **${c.regulation}, ${articleLabel(q)}**: “${q.text}”`) : [`- ${c.summary}`]));
      out.push(...lines.filter((l, i) => lines.indexOf(l) === i));
      out.push("");
    }
    out.push("</details>", "");
  }
  out.push(`<sub>${OFFLINE_NOTE}</sub>`, "");
  return out.join("\n");
}

export function toGithub(d: Verdict): string {
  const esc = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const lines = d.violations.map((v) => `::${v.level === "mandatory" ? "error" : "warning"} title=${v.policy} (${articles(v)})::${esc(`${resourceOf(v.urn)}: ${violationText(v)}`)}`);
  for (const e of d.programErrors) lines.push(`::error title=program::${esc(e)}`);
  for (const u of d.undecided) lines.push(`::warning title=${u.policy} (undecided)::${esc(u.message)}`);
  lines.push(`::notice title=regency check::${esc(summaryLine(d))}`);
  return lines.join("\n") + "\n";
}

export function toJson(d: Verdict): string {
  return (
    JSON.stringify(
      {
        schemaVersion: 1,
        regency: d.regency,
        platform: d.platform,
        today: d.today,
        offline: true,
        summary: { mandatory: count(d.violations, "mandatory"), advisory: count(d.violations, "advisory"), rulesChecked: d.rulesChecked, passed: count(d.violations, "mandatory") === 0 && d.programErrors.length === 0 },
        programErrors: d.programErrors,
        undecided: d.undecided,
        violations: d.violations.map((v) => ({
          policy: v.policy,
          rule: v.rule,
          level: v.level,
          severity: v.severity,
          resource: { urn: v.urn, label: resourceOf(v.urn) },
          message: v.message,
          remediation: v.remediation,
          citations: v.citations.map((c) => ({ rule: c.rule, regulation: c.regulation, mandated: c.mandated, articles: c.citations.map((q) => ({ article: articleLabel(q), text: q.text })), summary: c.summary })),
        })),
      },
      null,
      2,
    ) + "\n"
  );
}

/** A stack file that does not validate, in the same formats as a verdict: a pull request still gets its comment and annotations. */
export interface Invalid {
  file: string;
  issues: SpecIssue[];
}

const whereOf = (i: SpecIssue, file: string) => {
  const m = /^(.*):(\d+):(\d+)$/.exec(i.location ?? "");
  return m ? { file: m[1], line: Number(m[2]), column: Number(m[3]) } : { file };
};
const cited = (i: SpecIssue) => (i.citation?.mandated ? i.citation.citations.map(articleLabel).join(", ") : "");

export function invalidSummary(d: Invalid): string {
  return `❌ INVALID — ${d.file}: ${d.issues.length} error(s) in the stack file; nothing was checked`;
}

export function invalidMarkdown(d: Invalid): string {
  const rows = d.issues.map((i) => {
    const w = whereOf(i, d.file);
    return `| \`${w.file}${"line" in w ? `:${w.line}` : ""}\` | \`${md(formatPath(i.path))}\` | ${md(i.en)} (${md(i.id)}) | ${md(cited(i) ? `${i.citation!.regulation}, ${cited(i)}` : "—")} |`;
  });
  return [`### Regency compliance — ${d.file}`, "", `**${invalidSummary(d)}**`, "", "| where | field | problem | article |", "|---|---|---|---|", ...rows, ""].join("\n");
}

export function invalidGithub(d: Invalid): string {
  const esc = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const prop = (s: string) => esc(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const lines = d.issues.map((i) => {
    const w = whereOf(i, d.file);
    const at = `file=${prop(w.file)}${"line" in w ? `,line=${w.line},col=${w.column}` : ""}`;
    return `::error ${at},title=${prop(`invalid ${formatPath(i.path)}${cited(i) ? ` (${cited(i)})` : ""}`)}::${esc(`${i.en}\n${i.id}${i.citation ? `\n↳ ${i.citation.summary}` : ""}`)}`;
  });
  lines.push(`::notice title=regency check::${esc(invalidSummary(d))}`);
  return lines.join("\n") + "\n";
}

export function invalidJson(d: Invalid): string {
  return (
    JSON.stringify(
      {
        schemaVersion: 1,
        valid: false,
        file: d.file,
        summary: { errors: d.issues.length, mandatory: 0, advisory: 0, blocked: true },
        errors: d.issues.map((i) => ({
          path: formatPath(i.path),
          location: whereOf(i, d.file),
          message: i.en,
          pesan: i.id,
          ...(i.rule ? { rule: i.rule } : {}),
          ...(i.citation ? { citation: { regulation: i.citation.regulation, mandated: i.citation.mandated, articles: i.citation.citations.map((a) => ({ article: articleLabel(a), text: a.text })), summary: i.citation.summary } } : {}),
        })),
      },
      null,
      2,
    ) + "\n"
  );
}
