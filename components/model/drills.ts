/**
 * Restore-drill evidence read back: the ledger a target site's maintenance job prints (lines
 * "drill-ledger: {…}" in its log, repository-maintenance.sh) and the status of every drilled source
 * computed from it. One computation for the CLI, the report and the pack.
 *
 * The ledger comes from the append-only repositories at the recovery site, where a drill's evidence is
 * a snapshot the primary cannot erase. The pack takes it from its policy config, set by the custodian,
 * never from the stack under review.
 */
import { z } from "zod";
import type { BackupJobPlan } from "./plan";
import { NATIONAL_PERIOD_YEARS } from "./periodic";

/** Permenkominfo 4/2024 Pasal 46 ayat (3): a continuity plan is tested at least once every 2 years (in days, for drills). */
export const NATIONAL_MAX_DRILL_AGE_DAYS = 365 * NATIONAL_PERIOD_YEARS;
/** Default period within which each source must have a successful drill (the custodian may set up to 730). */
export const DEFAULT_MAX_DRILL_AGE_DAYS = 35;

const timestamp = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: "a date and time (RFC 3339) expected" });

export const LedgerSourceSchema = z.strictObject({
  type: z.literal("source"),
  site: z.string(),
  repository: z.string().min(1),
  source: z.string().min(1),
  snapshots: z.number().int().min(0),
  first: z.union([timestamp, z.literal("")]),
  last: z.union([timestamp, z.literal("")]),
});

export const LedgerDrillSchema = z.strictObject({
  type: z.literal("drill"),
  site: z.string(),
  repository: z.string().min(1),
  /** The evidence snapshot's id in the repository. */
  snapshot: z.string().regex(/^[0-9a-f]{64}$/),
  time: timestamp,
  // What restore-drill.sh recorded:
  source: z.string().min(1),
  kind: z.enum(["postgres", "files"]),
  startedAt: timestamp,
  seconds: z.number().int().min(0),
  result: z.enum(["ok", "failed"]),
  detail: z.string(),
});

export const LedgerLineSchema = z.discriminatedUnion("type", [LedgerSourceSchema, LedgerDrillSchema]);
export type LedgerLine = z.infer<typeof LedgerLineSchema>;
export type LedgerDrill = z.infer<typeof LedgerDrillSchema>;
export type LedgerSource = z.infer<typeof LedgerSourceSchema>;
export const LedgerSchema = z.array(LedgerLineSchema);

export class LedgerError extends Error {}

const PREFIX = "drill-ledger: ";

/**
 * Reads a ledger: a maintenance job's log (the lines after "drill-ledger: "; other lines are its log)
 * or plain JSON lines. A malformed ledger line is an error naming the file, the line and the field.
 */
export function parseLedger(text: string, file: string): LedgerLine[] {
  const lines: LedgerLine[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const at = raw.indexOf(PREFIX);
    const body = at >= 0 ? raw.slice(at + PREFIX.length).trim() : raw.trim().startsWith("{") ? raw.trim() : undefined;
    if (body === undefined) return;
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (e) {
      problems.push(`${file}:${i + 1}: not a JSON ledger line: ${(e as Error).message}`);
      return;
    }
    const parsed = LedgerLineSchema.safeParse(data);
    if (parsed.success) lines.push(parsed.data);
    else
      problems.push(
        ...parsed.error.issues.map((p) => `${file}:${i + 1}: ${p.path.join(".") || "(line)"}: ${p.message}`),
      );
  });
  if (problems.length > 0) throw new LedgerError(problems.join("\n"));
  if (lines.length === 0)
    throw new LedgerError(`${file}: no ledger lines (a maintenance job's log has lines "drill-ledger: {…}")`);
  return lines;
}

export type DrillState = "ok" | "overdue" | "never" | "new" | "not-reported";

export interface DrillStatus {
  namespace: string;
  /** The job's name: the tag of its snapshots. */
  job: string;
  source: string;
  kind: BackupJobPlan["kind"];
  site: string;
  maxAgeDays: number;
  /** ok: a successful drill within maxAgeDays; overdue: the newest successful one is older; never: copies older than maxAgeDays and no successful drill;
   *  new: the oldest copy is younger than maxAgeDays (the first drill is not due yet); not-reported: the ledger has nothing from this site. */
  state: DrillState;
  lastOk?: LedgerDrill;
  /** The newest drill, where it failed after `lastOk`. */
  lastFailed?: LedgerDrill;
  firstCopy?: string;
  /** The day by which the next successful drill is due (YYYY-MM-DD). */
  dueBy?: string;
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The period that applies: the custodian's, never longer than the national two years. */
export const drillPeriod = (maxAgeDays: number | undefined) =>
  Math.min(maxAgeDays ?? DEFAULT_MAX_DRILL_AGE_DAYS, NATIONAL_MAX_DRILL_AGE_DAYS);

type DrilledJob = Pick<BackupJobPlan, "name" | "namespace" | "kind" | "source" | "targetSite"> & {
  drill?: { maxAgeDays?: number };
};

/** The drill status of every backed-up source, judged on `today` (YYYY-MM-DD, UTC days). */
export function drillStatuses(jobs: DrilledJob[], ledger: LedgerLine[], today: string): DrillStatus[] {
  const sites = new Set(ledger.map((l) => l.site));
  const key = (site: string, repository: string, tag: string) => `${site}\u0000${repository}\u0000${tag}`;
  const sources = new Map(
    ledger.filter((l): l is LedgerSource => l.type === "source").map((l) => [key(l.site, l.repository, l.source), l]),
  );
  const drills = new Map<string, LedgerDrill[]>();
  for (const l of ledger)
    if (l.type === "drill")
      drills.set(key(l.site, l.repository, l.source), [...(drills.get(key(l.site, l.repository, l.source)) ?? []), l]);
  // One status per source: the job that drills it (a job without drill facts falls back to its source's first, at the default period).
  const bySource = new Map<string, DrilledJob>();
  for (const j of jobs) {
    const k = `${j.namespace}/${j.source}`;
    if (!bySource.has(k) || (j.drill && !bySource.get(k)!.drill)) bySource.set(k, j);
  }
  return [...bySource.values()].map((j) => {
    const maxAgeDays = drillPeriod(j.drill?.maxAgeDays);
    const base = {
      namespace: j.namespace,
      job: j.name,
      source: j.source,
      kind: j.kind,
      site: j.targetSite,
      maxAgeDays,
    };
    if (!sites.has(j.targetSite)) return { ...base, state: "not-reported" as const };
    const k = key(j.targetSite, j.namespace, j.name);
    const own = (drills.get(k) ?? []).sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
    const lastOk = own.find((d) => d.result === "ok");
    const newest = own[0];
    const lastFailed = newest && newest.result === "failed" ? newest : undefined;
    const first = sources.get(k)?.first || undefined;
    const from = lastOk ? Date.parse(lastOk.time) : first ? Date.parse(first) : undefined;
    const dueBy = from === undefined ? undefined : day(from + maxAgeDays * DAY);
    // Judged by the day: a drill of day D covers up to and including D + maxAgeDays.
    const within = (t: number) => today <= day(t + maxAgeDays * DAY);
    const state: DrillState = lastOk
      ? within(Date.parse(lastOk.time))
        ? "ok"
        : "overdue"
      : first && !within(Date.parse(first))
        ? "never"
        : "new";
    return {
      ...base,
      state,
      ...(lastOk ? { lastOk } : {}),
      ...(lastFailed ? { lastFailed } : {}),
      ...(first ? { firstCopy: first } : {}),
      ...(dueBy ? { dueBy } : {}),
    };
  });
}

/** One line for people: what the ledger says of a source. */
export function drillStatusText(s: DrillStatus): string {
  const failed = s.lastFailed
    ? `; the newest drill, ${s.lastFailed.time.slice(0, 10)}, FAILED: ${s.lastFailed.detail}`
    : "";
  switch (s.state) {
    case "ok":
      return `restored and checked ${s.lastOk!.time.slice(0, 10)} in ${s.lastOk!.seconds} s (${s.lastOk!.detail}); next due by ${s.dueBy}${failed}`;
    case "overdue":
      return `no successful restore drill within ${s.maxAgeDays} days: the newest, ${s.lastOk!.time.slice(0, 10)}, is older${failed}`;
    case "never":
      return `copies since ${s.firstCopy!.slice(0, 10)} at ${s.site}, but no successful restore drill ever${failed}`;
    case "new":
      return s.firstCopy
        ? `copies since ${s.firstCopy.slice(0, 10)}: the first drill is due by ${s.dueBy}${failed}`
        : `no copies at ${s.site} yet${failed}`;
    case "not-reported":
      return `the ledger has nothing from ${s.site}: its maintenance log was not given`;
  }
}
