import { backupJobsOf, Finding, hostingsOf, Rule, ssoOf } from "../model";

/** Every database and every file volume has a backup. */
export const backupCoverage: Rule = {
  name: "backup-coverage",
  description: "Every database and every persistent volume is backed up (file systems and databases).",
  cites: ["backup"],
  severity: "high",
  enforcement: "mandatory",
  remediation:
    "Give the database or volume a backup policy (`backupPolicy`, or `backup.default`) so a backup job is planned for it.",
  check(ctx) {
    const covered = new Set(backupJobsOf(ctx).map(({ job }) => `${job.namespace}/${job.source}`));
    const findings: Finding[] = [];
    const need = (urn: string, ns: string, source: string, what: string) => {
      if (!covered.has(`${ns}/${source}`)) findings.push({ urn, message: `${what} ${ns}/${source} has no backup` });
    };
    for (const { urn, facts } of hostingsOf(ctx)) {
      for (const a of facts.applications) {
        if (a.database) need(urn, facts.namespace, a.database.name, "database");
        for (const claim of a.volumes) need(urn, facts.namespace, claim, "volume");
      }
    }
    for (const { urn, facts } of ssoOf(ctx)) need(urn, facts.namespace, facts.database, "database");
    return findings;
  },
};
