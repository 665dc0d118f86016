import { backupJobsOf, Finding, kind, ResourceView, Rule } from "../model";

/** Backups are kept away from the server room: on another site, retained and protected. */
export const backupSeparation: Rule = {
  name: "backup-separation",
  description: "Backups are stored apart from the data center (DR center or portable media) and survive `pulumi destroy`.",
  cites: ["backup-separation"],
  severity: "critical",
  enforcement: "mandatory",
  remediation: "Point the backup policy's `targetSite` at the DR site or portable media of the custodian; keep `retainOnDelete` and `protect` on backup volumes.",
  check(ctx) {
    const sites = new Map(ctx.regency.sites.map((s) => [s.id, s]));
    const main = sites.get(ctx.regency.mainSite);
    const findings: Finding[] = [];
    for (const { job, urn } of backupJobsOf(ctx)) {
      const target = sites.get(job.targetSite);
      if (job.targetSite === ctx.regency.mainSite || target?.kind === "primary") {
        findings.push({ urn, message: `backup ${job.namespace}/${job.name} is kept on "${job.targetSite}", the data center it protects` });
      } else if (target && target.operator !== "custodian") {
        findings.push({ urn, message: `backup ${job.namespace}/${job.name} is kept on "${job.targetSite}", operated by ${target.operator}, not by the custodian` });
      }
    }
    for (const pvc of kind(ctx, "PersistentVolumeClaim").filter((r) => r.props.metadata?.labels?.["app.kubernetes.io/component"] === "backup")) {
      if (main?.storageClass && pvc.props.spec?.storageClassName === main.storageClass) {
        findings.push({ urn: pvc.urn, message: `backup claim ${pvc.props.metadata?.namespace}/${pvc.props.metadata?.name} uses the data center's own storage class ${main.storageClass}` });
      }
      checkRetained(pvc, `backup claim ${pvc.props.metadata?.namespace}/${pvc.props.metadata?.name}`, findings);
    }
    for (const vol of ctx.resources.filter((r) => r.type === "docker:index/volume:Volume" && String(r.props.name).startsWith("regency-backup-"))) {
      checkRetained(vol, `backup volume ${vol.props.name}`, findings);
    }
    return findings;
  },
};

function checkRetained(r: ResourceView, what: string, findings: { urn: string; message: string }[]) {
  if (!r.protect) findings.push({ urn: r.urn, message: `${what} is not protected: \`pulumi destroy\` would delete it` });
  if (r.retainOnDelete === false) findings.push({ urn: r.urn, message: `${what} is not retained on delete` });
}
