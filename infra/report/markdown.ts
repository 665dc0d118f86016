/** The report as Markdown (for the repository or a wiki); the network picture is network.svg beside it. */
import { recoverySummary, retentionText } from "../../components/model/backup";
import { articleLabel } from "../../components/model/citations";
import { lastRestoreOf, ReportData, ssoProgress } from "./data";

const cell = (s: string | number) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");
const table = (head: string[], rows: (string | number)[][]) => [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");

export function reportMarkdown(d: ReportData): string {
  const { model, plan, verdict } = d;
  const spec = model.spec;
  const sso = ssoProgress(plan);
  const apps = plan.tenants.flatMap((t) => t.apps);
  const mandatory = verdict.violations.filter((v) => v.level === "mandatory").length;
  return [
    `# Laporan Penyelenggaraan E-Government — ${spec.regency.name}`,
    "",
    `${spec.regency.province} · ${d.reporting.regulation} · Pengelola: ${spec.custodian.name} · Disusun ${d.generatedOn}`,
    "",
    `> Dasar pelaporan: ${d.reporting.mandated ? d.reporting.citations.map((c) => `${articleLabel(c)}: “${c.text}”`).join("; ") : d.reporting.summary}`,
    "",
    "## Ringkasan",
    "",
    `${spec.opds.length} OPD · ${apps.length} aplikasi · ${apps.filter((a) => a.database).length} basis data · ${plan.backupJobs.length} jadwal backup · SSO ${sso.onboarded}/${sso.total} (${sso.percent}%) · ${mandatory} pelanggaran wajib`,
    "",
    "## Pusat data dan pusat pemulihan data",
    "",
    table(["Lokasi", "Jenis", "Alamat", "Pengelola"], spec.sites.map((s) => [s.name, s.kind, s.location, s.operator === "custodian" ? spec.custodian.name : s.operator])),
    "",
    "## Peta jaringan",
    "",
    "![Peta jaringan](network.svg)",
    "",
    `## Rencana alamat IP — ${model.ipPlan.supernet}`,
    "",
    table(["Segmen", "CIDR", "Gateway", "Alamat"], model.ipPlan.segments.map((s) => [s.name, `\`${s.cidr}\``, s.gateway, s.usable])),
    "",
    "## Inventaris hosting OPD",
    "",
    table(["OPD", "Aplikasi", "Alamat", "Basis data", "Wali Data", "SSO"], apps.map((a) => [plan.tenants.find((t) => t.namespace === a.namespace)!.displayName, a.id, a.hostname, a.database?.dataGroups.join(", ") ?? "—", a.database?.waliData ?? "—", a.sso.status === "onboarded" ? "terhubung" : "transisi"])),
    "",
    "## Cakupan backup",
    "",
    ((r) =>
      r.pointInTime
        ? `Pemulihan ke titik waktu (PITR) untuk ${r.pointInTime} basis data: kehilangan data paling lama ${Math.round(r.rpoSeconds! / 60)} menit, dapat dipulihkan hingga ${r.windowDays} hari ke belakang; sumber lain dipulihkan ke salinan harian terakhir.\n`
        : "Semua sumber dipulihkan ke salinan harian terakhir.\n")(recoverySummary(plan)),
    table(["Sumber", "Jenis", "Disimpan di", "Jadwal", "Retensi", "Uji pemulihan terakhir"], plan.backupJobs.map((j) => {
      const r = lastRestoreOf(d, j);
      const said = r ? `${r.date} (${r.ok ? "berhasil" : "gagal"}${r.drill ? ", uji rutin" : ", dicatat manual"}${r.overdue ? ", lewat tenggat" : ""})` : "belum tercatat";
      return [`${j.namespace}/${j.source}`, j.kind, j.targetSite, `\`${j.schedule}\``, retentionText(j.retention), said];
    })),
    "",
    "## Kepatuhan terhadap peraturan",
    "",
    verdict.violations.length ? table(["Tingkat", "Aturan", "Temuan"], verdict.violations.map((v) => [v.level, v.policy, v.message])) : "Tidak ada temuan.",
    "",
    "## Pengecualian (Keputusan Bupati)",
    "",
    spec.exemptions.length ? table(["Nomor", "Tanggal", "Cakupan", "Disetujui", "Berakhir"], spec.exemptions.map((e) => [e.decree.number, e.decree.date, e.scope.opd, e.approver, e.expires])) : "Tidak ada.",
    "",
  ].join("\n");
}
