/**
 * Restore-drill evidence read back (components/model/drills.ts) and judged by the pack's `restore-drills`:
 * the ledger's parser, the status of each source, and the rule on a seed stack with a ledger in the pack's
 * config — a source with no successful drill within the custodian's period is blocked, citing
 * Permenkominfo 4/2024 Pasal 46 ayat (3); the stack cannot stretch that period past two years.
 * The ledger itself, from real restic, is tested in backup-scripts and realworld-docker.
 */
import { drillStatuses, LedgerLine, parseLedger } from "../components/model/drills";
import { loadStack } from "../components/model/load";
import { buildPlan } from "../components/model/plan";
import { checkSynthesis } from "../infra/check";
import { drillsConfig } from "../infra/estate";
import { synthesize, Synthesis } from "../infra/synth";
import { parsePolicyConfig } from "../policies/config";

const ID = (n: number) => n.toString(16).padStart(64, "0");
const source = (site: string, repository: string, tag: string, first: string): LedgerLine => ({
  type: "source",
  site,
  repository,
  source: tag,
  snapshots: 3,
  first,
  last: first,
});
const drill = (
  site: string,
  repository: string,
  tag: string,
  time: string,
  result: "ok" | "failed",
  n = 1,
): LedgerLine => ({
  type: "drill",
  site,
  repository,
  snapshot: ID(n),
  time,
  source: tag,
  kind: "postgres",
  startedAt: time,
  seconds: 4,
  result,
  detail: result === "ok" ? "3 tables, 120 rows" : "pg_restore into the scratch database failed: out of disk",
});
const JOB = {
  name: "backup-simpeg-db-drc",
  namespace: "opd-bkpsdm",
  kind: "postgres" as const,
  source: "simpeg-db",
  targetSite: "drc",
  drill: { maxAgeDays: 35 },
};

describe("the drill ledger", () => {
  it("reads a maintenance log: the ledger lines, not the rest of the log", () => {
    const log = [
      "backup: opd-bkpsdm pruned and checked",
      `drill-ledger: ${JSON.stringify(source("drc", "opd-bkpsdm", JOB.name, "2026-10-01T01:30:00+07:00"))}`,
      `drill-ledger: ${JSON.stringify(drill("drc", "opd-bkpsdm", JOB.name, "2026-11-21T04:00:00+07:00", "ok"))}`,
    ].join("\n");
    expect(parseLedger(log, "log").map((l) => l.type)).toEqual(["source", "drill"]);
  });

  it("names the file, line and field of a bad line, and refuses a file with no ledger", () => {
    const bad = { ...drill("drc", "opd-bkpsdm", JOB.name, "2026-11-21T04:00:00Z", "ok"), result: "maybe" };
    expect(() => parseLedger(`backup: ok\ndrill-ledger: ${JSON.stringify(bad)}`, "dr.log")).toThrow(
      /^dr\.log:2: result: Invalid option/,
    );
    expect(() => parseLedger(`drill-ledger: {"type":"drill",`, "dr.log")).toThrow(/^dr\.log:1: not a JSON ledger line/);
    expect(() => parseLedger("backup: opd-bkpsdm pruned and checked\n", "dr.log")).toThrow(/dr\.log: no ledger lines/);
  });

  it("judges each source on its period: ok, overdue, never, not due yet, not reported", () => {
    const first = "2026-09-01T01:30:00Z";
    const ledger = [
      source("drc", "opd-bkpsdm", JOB.name, first),
      drill("drc", "opd-bkpsdm", JOB.name, "2026-11-01T04:00:00Z", "ok"),
    ];
    const state = (today: string, l = ledger, job = JOB) => drillStatuses([job], l, today)[0];
    expect(state("2026-11-20").state).toBe("ok");
    expect(state("2026-11-20").dueBy).toBe("2026-12-06");
    expect(state("2026-12-07").state).toBe("overdue");
    // A newer failed drill is reported beside the last good one.
    const withFailure = [...ledger, drill("drc", "opd-bkpsdm", JOB.name, "2026-11-08T04:00:00Z", "failed", 2)];
    expect(state("2026-11-20", withFailure).lastFailed?.detail).toContain("out of disk");
    // Copies older than the period and no successful drill at all.
    expect(
      state("2026-11-20", [ledger[0], drill("drc", "opd-bkpsdm", JOB.name, "2026-11-08T04:00:00Z", "failed")]).state,
    ).toBe("never");
    // A source whose first copy is recent: its first drill is not due yet.
    expect(state("2026-09-20", [ledger[0]]).state).toBe("new");
    // The ledger has nothing from the source's site.
    expect(state("2026-11-20", [source("lain", "opd-bkpsdm", JOB.name, first)]).state).toBe("not-reported");
  });

  it("never lets a period exceed the national two years, whatever the facts say", () => {
    const ledger = [
      source("drc", "opd-bkpsdm", JOB.name, "2020-01-01T00:00:00Z"),
      drill("drc", "opd-bkpsdm", JOB.name, "2024-01-01T00:00:00Z", "ok"),
    ];
    const s = drillStatuses([{ ...JOB, drill: { maxAgeDays: 5000 } }], ledger, "2026-11-20")[0];
    expect([s.maxAgeDays, s.state]).toEqual([730, "overdue"]);
  });
});

describe("restore-drills in the pack", () => {
  let synthesis: Synthesis;
  const model = loadStack("konawe-selatan");
  const jobs = buildPlan(model).backupJobs;
  const drilled = jobs.filter((j) => j.drill);
  /** A ledger where every drilled source has copies since September and a good drill on `okOn`, except `skip`. */
  const ledger = (okOn: string, skip?: string): LedgerLine[] =>
    drilled.flatMap((j, i) => [
      source(j.targetSite, j.namespace, j.name, "2026-09-01T01:30:00Z"),
      ...(j.name === skip ? [] : [drill(j.targetSite, j.namespace, j.name, okOn, "ok", i + 1)]),
    ]);
  beforeAll(async () => {
    synthesis = await synthesize(model);
  }, 120000);
  const verdict = (today: string, drills?: LedgerLine[]) =>
    checkSynthesis(model, synthesis, { today, ...(drills ? { config: drillsConfig(drills) } : {}) });
  const mandatory = (v: ReturnType<typeof verdict>) =>
    v.violations.filter((x) => x.rule === "restore-drills" && x.level === "mandatory");

  it("passes every source drilled within the period", () => {
    expect(drilled.length).toBeGreaterThan(5);
    expect(mandatory(verdict("2026-11-25", ledger("2026-11-21T04:00:00Z")))).toEqual([]);
  });

  it("blocks the one source with no successful drill, citing Permenkominfo 4/2024 Pasal 46 ayat (3) where the Perbup is silent", () => {
    const skipped = drilled[2];
    const v = mandatory(verdict("2026-11-25", ledger("2026-11-21T04:00:00Z", skipped.name)));
    expect(v.map((x) => x.message)).toEqual([
      `${skipped.kind === "postgres" ? "database" : "volume"} ${skipped.namespace}/${skipped.source} (copies at ${skipped.targetSite}): copies since 2026-09-01 at ${skipped.targetSite}, but no successful restore drill ever`,
    ]);
    expect(v[0].citations[0].summary).toMatch(
      /^Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024, Pasal 46 ayat \(3\): "Rencana keberlangsungan kegiatan yang telah disusun harus diuji coba secara berkala/,
    );
    expect(v[0].citations[0].summary).toContain(
      "Peraturan Bupati Konawe Selatan Nomor 4 Tahun 2018 does not regulate this",
    );
  });

  it("blocks every source once the last drills are older than the period", () => {
    expect(mandatory(verdict("2026-12-27", ledger("2026-11-21T04:00:00Z")))).toHaveLength(drilled.length);
  });

  it("judges nothing without a ledger: the stack under review cannot supply its own evidence", () => {
    expect(verdict("2027-06-01").violations.filter((x) => x.rule === "restore-drills")).toEqual([]);
  });

  it("the ledger in a policy config is validated, naming the key and the field", () => {
    const config = drillsConfig([{ ...ledger("2026-11-21T04:00:00Z")[1], snapshot: "abc" } as LedgerLine]);
    expect(() => parsePolicyConfig(JSON.stringify(config), "policy.json")).toThrow(
      /policy\.json: "restore-drills\.drills\.0\.snapshot": /,
    );
  });
});
