/** What the periodic report to the Bupati shows, gathered once from the model, the plan and the verdict. */
import { ResolvedCitation } from "../../components/model/citations";
import type { DrillStatus } from "../../components/model/drills";
import { BackupJobPlan, RegencyPlan } from "../../components/model/plan";
import { RegencyModel } from "../../components/model/validate";
import { Verdict } from "../../policies/report";

export interface ReportData {
  model: RegencyModel;
  plan: RegencyPlan;
  verdict: Verdict;
  reporting: ResolvedCitation;
  generatedOn: string;
  /** The recovery sites' drill ledger read back (`regency report --ledger`), where given. */
  drills?: DrillStatus[];
}

/** The newest restore of a source that was checked: a drill from the ledger, else one recorded by hand in the spec. */
export function lastRestoreOf(
  data: Pick<ReportData, "model" | "drills">,
  job: Pick<BackupJobPlan, "namespace" | "source">,
): { date: string; ok: boolean; drill: boolean; overdue: boolean } | undefined {
  const status = data.drills?.find((d) => d.namespace === job.namespace && d.source === job.source);
  const newest = status?.lastFailed ?? status?.lastOk;
  if (newest)
    return {
      date: newest.time.slice(0, 10),
      ok: newest.result === "ok",
      drill: true,
      overdue: status!.state === "overdue",
    };
  const r = data.model.spec.backup.verifiedRestores
    .filter((x) => x.source === `${job.namespace}/${job.source}`)
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  return r ? { date: r.date, ok: r.result === "ok", drill: false, overdue: false } : undefined;
}
