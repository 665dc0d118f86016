import type { LedgerLine } from "../../components/model/drills";
import { restoreDrills } from "../../policies/rules/restore-drills";
import { findingsOf, fixture, TODAY } from "./fixture";

const SNAPSHOT = "a".repeat(64);
/** A ledger in which every drilled source was restored `daysAgo` days before the fixture's day. */
function ledger(
  jobs: { namespace: string; name: string; source: string; kind: string; targetSite: string }[],
  daysAgo: number,
  result: "ok" | "failed" = "ok",
): LedgerLine[] {
  const time = new Date(Date.parse(`${TODAY}T03:00:00Z`) - daysAgo * 86_400_000).toISOString();
  return jobs.map((j) => ({
    type: "drill",
    site: j.targetSite,
    repository: j.namespace,
    snapshot: SNAPSHOT,
    time,
    source: j.name,
    kind: j.kind as "postgres" | "files",
    startedAt: time,
    seconds: 12,
    result,
    detail: "restored and compared",
  }));
}
const drilledJobs = (views: any[]) =>
  views
    .filter((r) => r.type === "regency:backup:Backups")
    .flatMap((r) => r.props.jobs)
    .filter((j: any) => j.drill);

describe("restore-drills", () => {
  it("passes the fixture with every source drilled a week ago", async () => {
    const fx = await fixture();
    expect(findingsOf(restoreDrills, fx, () => {}, { drills: ledger(drilledJobs(fx.views), 7) })).toEqual([]);
  });

  it("fails a source whose last drill is older than its period", async () => {
    const fx = await fixture();
    const drills = ledger(drilledJobs(fx.views), 7).map((l) =>
      l.type === "drill" && l.source === "backup-app-0-a-db-harian"
        ? { ...l, time: "2026-09-01T03:00:00.000Z", startedAt: "2026-09-01T03:00:00.000Z" }
        : l,
    );
    const found = findingsOf(restoreDrills, fx, () => {}, { drills });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^database opd-opd-0\/app-0-a-db \(copies at pusat-pemulihan\): /);
  });

  it("reports (advisory) a drill that failed after an earlier success", async () => {
    const fx = await fixture();
    const jobs = drilledJobs(fx.views);
    const failed = ledger(
      jobs.filter((j: any) => j.source === "app-1-b-berkas"),
      1,
      "failed",
    );
    const found = findingsOf(restoreDrills, fx, () => {}, { drills: [...ledger(jobs, 7), ...failed] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^volume opd-opd-1\/app-1-b-berkas \(copies at pusat-pemulihan\): /);
  });

  it("fails every source of a site that reported nothing", async () => {
    const fx = await fixture();
    const found = findingsOf(restoreDrills, fx, () => {}, { drills: [] });
    expect(found.length).toBe(drilledJobs(fx.views).length);
    expect(found.every((m) => m.includes("the ledger has nothing from pusat-pemulihan"))).toBe(true);
  });
});
