import { drillStatuses, drillStatusText } from "../../components/model/drills";
import { backupJobsOf, Finding, Rule } from "../model";

/**
 * Every database and volume restored from its copy and checked within the period the custodian sets,
 * as the recovery site's drill ledger records it. The ledger comes from the pack's config (set by the
 * custodian from the site's maintenance log), never from the stack under review; without one the rule
 * has nothing to judge.
 */
export const restoreDrills: Rule = {
  name: "restore-drills",
  description:
    "Every database and volume has a successful restore drill within the period the custodian sets (at most two years), as recorded at its recovery site.",
  cites: ["continuity-testing"],
  severity: "high",
  enforcement: "mandatory",
  remediation:
    "Find why the drill fails or does not run (`kubectl -n <namespace> logs job/<drill job>`, Docker: the backup runner's log), run it now, then hand the pack the site's new ledger (`regency drills --ledger <maintenance log>`, `regency estate --ledger …`).",
  check(ctx) {
    if (!ctx.drills) return [];
    const jobs = backupJobsOf(ctx);
    const urnOf = new Map(jobs.map(({ job, urn }) => [`${job.namespace}/${job.name}`, urn]));
    const findings: Finding[] = [];
    for (const s of drillStatuses(
      jobs.map(({ job }) => job),
      ctx.drills,
      ctx.today,
    )) {
      const what = `${s.kind === "postgres" ? "database" : "volume"} ${s.namespace}/${s.source} (copies at ${s.site})`;
      const urn = urnOf.get(`${s.namespace}/${s.job}`)!;
      if (s.state === "overdue" || s.state === "never" || s.state === "not-reported")
        findings.push({ urn, message: `${what}: ${drillStatusText(s)}` });
      else if (s.lastFailed) findings.push({ urn, advisory: true, message: `${what}: ${drillStatusText(s)}` });
    }
    return findings;
  },
};
