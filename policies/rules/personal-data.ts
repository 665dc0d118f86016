import { backupJobsOf, Finding, hostingsOf, repositoriesOf, Rule } from "../model";

/** Identity keys that make a database a store of personal data: citizens' NIK, civil servants' NIP. */
const PERSONAL_KEYS = ["NIK", "NIP"];

/**
 * Databases of personal data (keyed by NIK or NIP) are protected from unlawful access where they are
 * copied too — every repository holding their backups encrypts them — and the regency names the officer
 * for personal-data protection, who is the contact when a breach must be notified within 3 × 24 hours.
 */
export const personalData: Rule = {
  name: "personal-data",
  description:
    "Backups of personal data (databases keyed by NIK or NIP) are encrypted, and an officer for personal-data protection is named as the contact for breaches.",
  cites: ["personal-data-security", "personal-data-officer"],
  severity: "high",
  enforcement: "mandatory",
  remediation:
    "Keep the copies of personal data only in encrypted repositories (this library's restic repositories always are); name the officer under `personalData: { officer: { name, contact } }`.",
  check(ctx) {
    const findings: Finding[] = [];
    const encryptedAt = new Map(repositoriesOf(ctx).map(({ facts }) => [facts.site, facts.encrypted]));
    const personal = hostingsOf(ctx).flatMap(({ urn, facts }) =>
      facts.applications.flatMap((a) =>
        a.database && a.database.keys.some((k) => PERSONAL_KEYS.includes(k))
          ? [{ urn, namespace: facts.namespace, database: a.database }]
          : [],
      ),
    );
    for (const { job, urn } of backupJobsOf(ctx)) {
      const db = personal.find((p) => p.namespace === job.namespace && p.database.name === job.source);
      // A target without a repository is backup-separation's finding; here, what the repository does.
      if (!db || encryptedAt.get(job.targetSite) !== false) continue;
      findings.push({
        urn,
        message: `personal data (${db.database.keys.join(", ")}) of database ${job.namespace}/${job.source} is copied to site "${job.targetSite}" by ${job.name}, whose repository is not encrypted`,
        cites: ["personal-data-security"],
      });
    }
    if (personal.length > 0 && !ctx.regency.personalDataOfficer)
      findings.push({
        urn: ctx.rootUrn,
        message: `${personal.length} database(s) hold personal data (${personal.map((p) => `${p.namespace}/${p.database.name}`).join(", ")}) and no officer for personal-data protection is named (personalData.officer)`,
        cites: ["personal-data-officer"],
      });
    return findings;
  },
};
