/**
 * Verdicts for people and machines: text for a terminal, Markdown for a pull-request comment,
 * GitHub workflow annotations, and a stable JSON document (schemaVersion 1, see README).
 */
import { articleLabel } from "../components/model/citations";
import type { SpecIssue } from "../components/model/issues";
import { formatPath } from "../components/model/paths";
import { createHash } from "crypto";
import { sep } from "path";
import { Violation, violationText } from "./engine";
import { policiesOf, RULES } from "./rules";

export interface Verdict {
  regency: { slug: string; name: string; regulation: string };
  platform: string;
  today: string;
  rulesChecked: number;
  /** Rules that would block elsewhere but are advisory here: no article of this regulation (or none recorded, for a fork) mandates them. */
  cannotBlock?: string[];
  /** False for a regency outside the registry (a fork): its articles are whatever its stack file records. */
  articlesRecorded?: boolean;
  violations: Violation[];
  /** Errors the program itself logged (e.g. a refused data center), and rules that failed. */
  programErrors: string[];
  /** Rules that read a value unknown until apply and so could not decide (advisory, as CrossGuard reports them). */
  undecided: { policy: string; message: string }[];
  /** The fingerprints of the violations the base branch already had (`check --baseline`): the rest are new. */
  baseline?: ReadonlySet<string>;
}

/** One cause: one policy's violations at one place of the stack file, with every resource it affects. */
export interface Finding {
  policy: string;
  level: Violation["level"];
  location?: Violation["location"];
  violations: Violation[];
  /** Not in the baseline (always true without one). */
  isNew: boolean;
}

const fingerprint = (...parts: string[]) =>
  createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
/** A violation's identity across commits: not its line, which moves when other lines do. */
export const violationFingerprint = (slug: string, v: Pick<Violation, "policy" | "urn" | "message">) =>
  fingerprint(slug, v.policy, v.urn, v.message);

/** The violations grouped by cause (policy and stack-file place), mandatory first, then new before old. */
export function findingsOf(d: Verdict): Finding[] {
  const groups = new Map<string, Finding>();
  for (const v of d.violations) {
    const key = [
      v.policy,
      v.level,
      ...(v.location ? [v.location.file, v.location.line, v.location.column] : [v.urn, v.message]),
    ].join("\u0000");
    const isNew = !d.baseline?.has(violationFingerprint(d.regency.slug, v));
    const group = groups.get(key);
    if (group) {
      group.violations.push(v);
      group.isNew ||= isNew;
    } else
      groups.set(key, {
        policy: v.policy,
        level: v.level,
        ...(v.location ? { location: v.location } : {}),
        violations: [v],
        isNew,
      });
  }
  const rank = (f: Finding) => (f.level === "mandatory" ? 0 : 2) + (f.isNew ? 0 : 1);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b));
}

/** The fingerprints of a base branch's `check --format json` report; an invalid or unreadable one has none. */
export function baselineOf(report: unknown): Set<string> {
  const r = report as {
    regency?: { slug?: string };
    violations?: { policy?: string; resource?: { urn?: string }; message?: string }[];
  };
  const slug = r?.regency?.slug;
  if (typeof slug !== "string" || !Array.isArray(r.violations)) return new Set();
  return new Set(
    r.violations.map((v) =>
      violationFingerprint(slug, {
        policy: String(v.policy),
        urn: String(v.resource?.urn),
        message: String(v.message),
      }),
    ),
  );
}

/** What a violation's message is about: the first `<namespace>/<name>` it names, if any. */
export const subjectOf = (v: Pick<Violation, "message">): string | undefined =>
  /\b[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9.-]*[a-z0-9]/.exec(v.message)?.[0];

/** The articles that mandate a violation's rule, each once: the Perbup's, then each national regulation's after its articles. */
export const mandatedArticles = (v: Pick<Violation, "citations">): string[] =>
  v.citations
    .filter((c) => c.mandated)
    .flatMap((c) => {
      const labels = c.citations.map(articleLabel);
      return c.layer === "national" ? [`${labels.join(", ")} ${c.regulation}`] : labels;
    })
    .filter((a, i, all) => all.indexOf(a) === i);

/** A finding's messages: each resource's, at most `most`, then how many more. */
function messagesOf(f: Finding, most = 5): string[] {
  const lines = f.violations.slice(0, most).map((v) => `${v.message}.`);
  // The rest by what each message is about, else by resource.
  const rest = [...new Set(f.violations.slice(most).map((v) => subjectOf(v) ?? resourceOf(v.urn)))];
  if (f.violations.length > most) lines.push(`… and ${f.violations.length - most} more: ${rest.join(", ")}`);
  return lines;
}
const affected = (f: Finding) =>
  f.violations.length === 1 ? resourceOf(f.violations[0].urn) : `${f.violations.length} resources`;

export const OFFLINE_NOTE =
  "Offline check: the program ran under Pulumi's mock runtime. Values that exist only after deployment (generated passwords, cluster-assigned addresses, image digests) are placeholders here; a real `pulumi preview --policy-pack policies` checks the same rules on the engine's view.";

const count = (v: Violation[], level: Violation["level"]) => v.filter((x) => x.level === level).length;
const resourceOf = (urn: string) => {
  const parts = urn.split("::");
  return `${parts[2]?.split("$").pop()?.split(":").pop() ?? "?"} ${parts[3] ?? urn}`;
};
const where = (v: Violation) =>
  v.location
    ? `${v.location.file}:${v.location.line}:${v.location.column} ${formatPath(v.location.path) || "(spec)"}`
    : "";
const articles = (v: Violation) => mandatedArticles(v).join(", ") || "not mandated";

export function summaryLine(d: Verdict): string {
  const m = count(d.violations, "mandatory");
  const a = count(d.violations, "advisory");
  const verdict = m > 0 ? "❌ BLOCKED" : "✅ PASSED";
  const findings = findingsOf(d);
  const fresh = d.baseline ? `, ${findings.filter((f) => f.isNew).length} new` : "";
  return `${verdict} — ${d.regency.name}: ${m} mandatory, ${a} advisory violation(s) in ${findings.length} finding(s)${fresh}; ${d.rulesChecked} rules checked (${d.regency.regulation}, ${d.platform}, ${d.today})`;
}

/** Said plainly: which rules cannot block here, and why. */
export function cannotBlockLine(d: Verdict): string | undefined {
  const n = d.cannotBlock?.length ?? 0;
  if (n === 0) return undefined;
  const rules = d.cannotBlock!.join(", ");
  return d.articlesRecorded === false
    ? `⚠ ${n} rule(s) cannot block: no article of ${d.regency.regulation} is recorded for them, so they only advise — ${rules}. Quote the regulation's articles under regency.regulation.citations to enforce them.`
    : `${n} rule(s) only advise here: ${d.regency.regulation} does not mandate them — ${rules}.`;
}

export function toText(d: Verdict): string {
  const lines = [summaryLine(d)];
  const advisoryOnly = cannotBlockLine(d);
  if (advisoryOnly) lines.push(advisoryOnly);
  for (const e of d.programErrors) lines.push(`  program error: ${e}`);
  for (const u of d.undecided) lines.push(`  undecided [${u.policy}]: ${u.message}`);
  const findings = findingsOf(d);
  for (const level of ["mandatory", "advisory"] as const) {
    for (const isNew of d.baseline ? [true, false] : [true]) {
      const fs = findings.filter((f) => f.level === level && f.isNew === isNew);
      if (fs.length === 0) continue;
      lines.push(
        "",
        `${level.toUpperCase()}${d.baseline ? (isNew ? ", NEW IN THIS CHANGE" : ", ALREADY ON THE BASE") : ""} (${fs.length})`,
      );
      for (const f of fs) {
        lines.push(`✗ [${f.policy}] ${affected(f)}`);
        if (f.location) lines.push(`    at ${where(f.violations[0])}`);
        for (const l of [...messagesOf(f), ...violationText(f.violations[0]).split("\n").slice(1)])
          lines.push(`    ${l}`);
      }
    }
  }
  lines.push("", OFFLINE_NOTE);
  return lines.join("\n") + "\n";
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function toMarkdown(d: Verdict): string {
  const out = [`### Regency compliance — ${d.regency.name}`, "", `**${summaryLine(d)}**`, ""];
  const advisoryOnly = cannotBlockLine(d);
  if (advisoryOnly) out.push(`> ${md(advisoryOnly)}`, "");
  for (const e of d.programErrors) out.push(`> ⚠️ program error: ${md(e)}`, "");
  for (const u of d.undecided) out.push(`> ⚠️ undecided \`${u.policy}\`: ${md(u.message)}`, "");
  if (d.violations.length > 0) {
    const head = ["| | Policy | Stack file | Affects | Violation | Pasal |", "|---|---|---|---|---|---|"];
    const row = (f: Finding) => {
      const v = f.violations[0];
      const more = f.violations.length > 1 ? ` (and ${f.violations.length - 1} more like it)` : "";
      return `| ${f.level === "mandatory" ? "❌" : "⚠️"} | \`${f.policy}\` | ${f.location ? `\`${md(`${f.location.file}:${f.location.line}`)}\` \`${md(formatPath(f.location.path))}\`` : ""} | ${f.violations.length === 1 ? `\`${md(resourceOf(v.urn))}\`` : `${f.violations.length} resources`} | ${md(v.message)}${more} | ${md(articles(v))} |`;
    };
    const findings = findingsOf(d);
    const fresh = findings.filter((f) => f.isNew);
    const old = findings.filter((f) => !f.isNew);
    if (d.baseline) out.push(`#### New in this change (${fresh.length})`, "");
    if (fresh.length > 0) out.push(...head, ...fresh.map(row));
    else out.push("None: every finding below was already on the base branch.");
    if (old.length > 0)
      out.push(
        "",
        `<details><summary>${old.length} finding(s) already on the base branch</summary>`,
        "",
        ...head,
        ...old.map(row),
        "",
        "</details>",
      );
    const byRule = [...new Set(findings.map((f) => f.policy))];
    out.push("", "<details><summary>Citations and fixes / Dasar hukum dan perbaikan</summary>", "");
    for (const p of byRule) {
      const v = d.violations.find((x) => x.policy === p)!;
      out.push(`#### \`${p}\``, "", `**Fix / perbaikan:** ${v.remediation}`, "");
      const lines = v.citations.flatMap((c) =>
        c.mandated
          ? c.citations.map((q) => `- **${c.regulation}, ${articleLabel(q)}**: “${q.text}”`)
          : [`- ${c.summary}`],
      );
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
  const prop = (s: string) => esc(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const at = (v: Violation) =>
    v.location ? `file=${prop(v.location.file)},line=${v.location.line},col=${v.location.column},` : "";
  const lines = findingsOf(d).map((f) => {
    const v = f.violations[0];
    const [first, ...more] = messagesOf(f);
    const text = [`${affected(f)}: ${first}`, ...more, ...violationText(v).split("\n").slice(1)].join("\n");
    return `::${f.level === "mandatory" ? "error" : "warning"} ${at(v)}title=${prop(`${f.policy} (${articles(v)})`)}::${esc(text)}`;
  });
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
        summary: {
          mandatory: count(d.violations, "mandatory"),
          advisory: count(d.violations, "advisory"),
          rulesChecked: d.rulesChecked,
          cannotBlock: d.cannotBlock ?? [],
          passed: count(d.violations, "mandatory") === 0 && d.programErrors.length === 0,
        },
        programErrors: d.programErrors,
        undecided: d.undecided,
        findings: findingsOf(d).map((f) => ({
          policy: f.policy,
          level: f.level,
          new: f.isNew,
          ...(f.location
            ? {
                location: {
                  file: f.location.file,
                  line: f.location.line,
                  column: f.location.column,
                  path: formatPath(f.location.path),
                },
              }
            : {}),
          resources: f.violations.map((v) => resourceOf(v.urn)),
          fingerprints: f.violations.map((v) => violationFingerprint(d.regency.slug, v)),
        })),
        violations: d.violations.map((v) => ({
          fingerprint: violationFingerprint(d.regency.slug, v),
          policy: v.policy,
          rule: v.rule,
          level: v.level,
          severity: v.severity,
          resource: { urn: v.urn, label: resourceOf(v.urn) },
          ...(v.location
            ? {
                location: {
                  file: v.location.file,
                  line: v.location.line,
                  column: v.location.column,
                  path: formatPath(v.location.path),
                },
              }
            : {}),
          message: v.message,
          remediation: v.remediation,
          citations: v.citations.map((c) => ({
            rule: c.rule,
            regulation: c.regulation,
            layer: c.layer,
            mandated: c.mandated,
            articles: c.citations.map((q) => ({ article: articleLabel(q), text: q.text })),
            summary: c.summary,
          })),
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
  return [
    `### Regency compliance — ${d.file}`,
    "",
    `**${invalidSummary(d)}**`,
    "",
    "| where | field | problem | article |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
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
          ...(i.citation
            ? {
                citation: {
                  regulation: i.citation.regulation,
                  mandated: i.citation.mandated,
                  articles: i.citation.citations.map((a) => ({ article: articleLabel(a), text: a.text })),
                  summary: i.citation.summary,
                },
              }
            : {}),
        })),
      },
      null,
      2,
    ) + "\n"
  );
}

// --- SARIF 2.1.0, for GitHub code scanning --------------------------------------------------------

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/regency-dc/regency-dc#compliance-the-policy-pack";
/** Every policy of the pack as a SARIF rule (stable ids: the policy names `check` reports), its help with the fix and, where this run saw it, the regency's articles. */
function sarifRules(d: Verdict) {
  return RULES.flatMap((r) =>
    policiesOf(r).map((p) => {
      const seen = d.violations.find((v) => v.policy === p.name);
      const cites = seen
        ? seen.citations
            .map((c) =>
              c.mandated
                ? c.citations.map((q) => `- ${c.regulation}, ${articleLabel(q)}: “${q.text}”`).join("\n")
                : `- ${c.summary}`,
            )
            .join("\n")
        : "";
      return {
        id: p.name,
        name: p.name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
        shortDescription: { text: r.description },
        fullDescription: { text: r.description },
        help: {
          text: `${r.remediation}${cites ? `\n\n${cites}` : ""}`,
          markdown: `**Fix / perbaikan:** ${r.remediation}${cites ? `\n\n${cites}` : ""}`,
        },
        defaultConfiguration: { level: p.level === "mandatory" ? "error" : "warning" },
        properties: {
          tags: ["compliance", "regency", ...(r.cites.length ? r.cites : ["integrity"])],
          precision: "high",
          "problem.severity": p.level === "mandatory" ? "error" : "warning",
        },
      };
    }),
  );
}

export function toSarif(d: Verdict): string {
  const rules = sarifRules(d);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = d.violations.map((v) => ({
    ruleId: v.policy,
    ruleIndex: index.get(v.policy) ?? -1,
    level: v.level === "mandatory" ? "error" : "warning",
    message: { text: `${resourceOf(v.urn)}: ${violationText(v)}` },
    ...(v.location
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: v.location.file.split(sep).join("/") },
                region: { startLine: v.location.line, startColumn: v.location.column },
              },
              logicalLocations: [{ fullyQualifiedName: formatPath(v.location.path) || "spec", kind: "member" }],
            },
          ],
        }
      : {}),
    partialFingerprints: { "regencyFinding/v1": violationFingerprint(d.regency.slug, v) },
  }));
  return sarifLog(rules, results, d.programErrors);
}

export function invalidSarif(d: Invalid): string {
  const rule = {
    id: "invalid-spec",
    name: "InvalidSpec",
    shortDescription: { text: "The stack file does not validate: nothing was checked." },
    fullDescription: {
      text: "The stack file does not validate against the regency spec (schema, references, IP plan): nothing was checked.",
    },
    help: {
      text: "Correct the field as the message says; `npx regency validate <file>` shows every error.",
      markdown: "Correct the field as the message says; `npx regency validate <file>` shows every error.",
    },
    defaultConfiguration: { level: "error" },
    properties: { tags: ["compliance", "regency", "validation"], precision: "very-high", "problem.severity": "error" },
  };
  const results = d.issues.map((i) => {
    const w = whereOf(i, d.file);
    return {
      ruleId: rule.id,
      ruleIndex: 0,
      level: "error",
      message: {
        text: `${formatPath(i.path) || "(spec)"}: ${i.en} / ${i.id}${i.citation ? `\n↳ ${i.citation.summary}` : ""}`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: w.file.split(sep).join("/") },
            ...("line" in w ? { region: { startLine: w.line, startColumn: w.column } } : {}),
          },
        },
      ],
      partialFingerprints: { "regencyFinding/v1": fingerprint(d.file, formatPath(i.path), i.en) },
    };
  });
  return sarifLog([rule], results, []);
}

function sarifLog(rules: unknown[], results: unknown[], programErrors: string[]): string {
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "regency-check", informationUri: INFORMATION_URI, semanticVersion: "0.1.0", rules } },
        invocations: [
          {
            executionSuccessful: programErrors.length === 0,
            toolExecutionNotifications: programErrors.map((e) => ({ level: "error", message: { text: e } })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
