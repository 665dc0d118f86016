import {
  backupJobsOf,
  CheckContext,
  dataCentersOf,
  dockerOf,
  Finding,
  kind,
  repositoriesOf,
  ResourceView,
  Rule,
} from "../model";

const SITE_LABEL = "regency.go.id/backup-site";

/** Backup storage (Kubernetes claims, Docker volumes) with the target site its label names. */
function backupStorage(ctx: CheckContext): { r: ResourceView; site: string; name?: string; storageClass?: string }[] {
  const claims = new Map(kind(ctx, "PersistentVolumeClaim").map((c) => [c.urn, c.obj]));
  const volumes = new Map(dockerOf(ctx, "docker:index/volume:Volume").map((v) => [v.urn, v.obj]));
  return ctx.resources.flatMap((r) => {
    const claim = claims.get(r.urn);
    const volume = volumes.get(r.urn);
    const site = claim
      ? claim.metadata?.labels?.[SITE_LABEL]
      : volume?.labels?.find((l) => l.label === SITE_LABEL)?.value;
    if (!site) return [];
    const name = claim ? claim.metadata?.name : volume?.name;
    const storageClass = claim?.spec?.storageClassName;
    return [{ r, site, ...(name ? { name } : {}), ...(storageClass ? { storageClass } : {}) }];
  });
}

/**
 * Backups are kept away from the server room: on another site of the custodian, in storage created on
 * that site (read from the provider it is created through, not from a label), and kept by `pulumi destroy`.
 */
export const backupSeparation: Rule = {
  name: "backup-separation",
  description:
    "Backups are stored apart from the data center (DR center or portable media), on storage created at that site, and survive `pulumi destroy`.",
  cites: ["backup-separation"],
  severity: "critical",
  enforcement: "mandatory",
  remediation:
    "Point the backup policy's `targetSite` at the DR site or portable media of the custodian, create its repository through that site's provider, and keep `retainOnDelete` on its storage.",
  check(ctx) {
    const sites = new Map(ctx.regency.sites.map((s) => [s.id, s]));
    const findings: Finding[] = [];
    // A server is judged by the storage it creates, not by what it says of itself.
    const repositories = repositoriesOf(ctx);
    const storage = backupStorage(ctx);
    for (const { urn, facts } of repositories) {
      if (!storage.some((s) => s.r.parent === urn && s.site === facts.site)) {
        findings.push({
          urn,
          message: `repository server for "${facts.site}" creates no storage labelled for that site: where its copies live cannot be checked`,
        });
      }
    }
    const servers = new Set(repositories.map((r) => r.facts.site));
    const unserved = new Set<string>();
    for (const { job, urn } of backupJobsOf(ctx)) {
      const target = sites.get(job.targetSite);
      if (job.targetSite === ctx.regency.mainSite || target?.kind === "primary") {
        findings.push({
          urn,
          message: `backup ${job.namespace}/${job.name} is kept on "${job.targetSite}", the data center it protects`,
        });
      } else if (target && target.operator !== "custodian") {
        findings.push({
          urn,
          message: `backup ${job.namespace}/${job.name} is kept on "${job.targetSite}", operated by ${target.operator}, not by the custodian`,
        });
      } else if (target && !servers.has(job.targetSite) && !unserved.has(`${urn} ${job.targetSite}`)) {
        // Every target the jobs write to has its repository server in the stack (said once per component and site).
        unserved.add(`${urn} ${job.targetSite}`);
        findings.push({
          urn,
          message: `backups go to "${job.targetSite}", but the stack creates no repository server there`,
        });
      }
    }

    // Where each piece of backup storage really is: the site whose data-center provider creates it.
    const siteOfProvider = new Map(
      dataCentersOf(ctx).flatMap(({ facts }) => (facts.provider ? [[facts.provider, facts.site.id] as const] : [])),
    );
    const main = sites.get(ctx.regency.mainSite);
    for (const { r, site, name, storageClass } of storage) {
      const what = `backup storage ${name} for "${site}"`;
      const target = sites.get(site);
      const actual = r.provider ? siteOfProvider.get(r.provider.urn) : undefined;
      // Portable media is plugged into the data center's own machines, then carried to the safe.
      const expected = target?.kind === "portable-media" ? ctx.regency.mainSite : site;
      if (actual === undefined)
        findings.push({
          urn: r.urn,
          message: `${what} is created through a provider of no data center of the custodian`,
        });
      else if (actual !== expected)
        findings.push({
          urn: r.urn,
          message: `${what} is created on "${actual}"${actual === ctx.regency.mainSite ? ", the data center it protects" : ""}, not on "${expected}"`,
        });
      if (target?.kind !== "portable-media" && main?.storageClass && storageClass === main.storageClass) {
        findings.push({ urn: r.urn, message: `${what} uses the data center's own storage class ${main.storageClass}` });
      }
      // The engine does not hand `retainOnDelete` to a pack (PolicyResourceOptions has no such field): judged where known (`regency check`).
      if (r.retainOnDelete === false)
        findings.push({
          urn: r.urn,
          message: `${what} is not retained on delete: \`pulumi destroy\` would delete the copies`,
        });
    }
    return findings;
  },
};
