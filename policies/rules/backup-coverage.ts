import { TenantPlan } from "../../components/model/plan";
import { backupJobsOf, COMPONENTS, Finding, ofComponent, ResourceView, Rule } from "../model";

/** Every database and every file volume has a backup. */
export const backupCoverage: Rule = {
  name: "backup-coverage",
  description: "Every database and every persistent volume is backed up (file systems and databases).",
  cites: ["backup"],
  severity: "high",
  enforcement: "mandatory",
  remediation: "Give the database or volume a backup policy (`backupPolicy`, or `backup.default`) so a backup job is planned for it.",
  check(ctx) {
    const covered = new Set(backupJobsOf(ctx).map(({ job }) => `${job.namespace}/${job.source}`));
    const findings: Finding[] = [];
    const need = (r: ResourceView, ns: string, source: string, what: string) => {
      if (!covered.has(`${ns}/${source}`)) findings.push({ urn: r.urn, message: `${what} ${ns}/${source} has no backup` });
    };
    for (const h of ofComponent(ctx, COMPONENTS.hosting)) {
      const t = h.props.tenant as TenantPlan;
      for (const a of t.apps) {
        if (a.database) need(h, t.namespace, a.database.name, "database");
        for (const v of a.volumes) need(h, t.namespace, v.claim, "volume");
      }
    }
    for (const s of ofComponent(ctx, COMPONENTS.sso)) need(s, s.props.sso.namespace, s.props.sso.database.name, "database");
    return findings;
  },
};
