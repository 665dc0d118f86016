/** The report as one self-contained HTML page (inline CSS, SVG and a small language toggle). */
import { recoverySummary, retentionText } from "../../components/model/backup";
import { articleLabel } from "../../components/model/citations";
import { EXEMPTION_STATUS, exemptionStatus } from "../../policies/rules/exemptions";
import { lastRestoreOf, ReportData, ssoProgress } from "./data";
import { networkSvg } from "./svg";

const esc = (s: string | number | undefined) => String(s ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** Indonesian first; English shown by the toggle. */
const t = (id: string, en: string) => `<span lang="id">${esc(id)}</span><span lang="en">${esc(en)}</span>`;
const table = (head: string[], rows: (string | number)[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

export function reportHtml(d: ReportData): string {
  const { model, plan, verdict } = d;
  const spec = model.spec;
  const sso = ssoProgress(plan);
  const apps = plan.tenants.flatMap((t) => t.apps);
  const mandatory = verdict.violations.filter((v) => v.level === "mandatory");
  const advisory = verdict.violations.filter((v) => v.level === "advisory");
  const quote = d.reporting.mandated ? d.reporting.citations.map((c) => `${esc(articleLabel(c))}: “${esc(c.text)}”`).join("; ") : esc(d.reporting.summary);
  const exemptionsAllowed = model.cite("bupati-exemption").mandated;
  const siteRows = spec.sites.map((s) => [esc(s.name), esc(s.kind), esc(s.location), esc(s.operator === "custodian" ? spec.custodian.name : s.operator), esc(s.platform ?? "—")]);
  const inventory = apps.map((a) => {
    const t0 = plan.tenants.find((x) => x.namespace === a.namespace)!;
    return [
      esc(t0.displayName),
      `${esc(a.name)}<br><code>${esc(a.id)}</code>`,
      `<a href="https://${esc(a.hostname)}">${esc(a.hostname)}</a>${a.public ? "" : ` ${t("(intranet)", "(intranet)")}`}`,
      a.database ? `${esc(a.database.dataGroups.join(", "))}${a.database.keys.length ? ` · ${esc(a.database.keys.join(", "))}` : ""}` : "—",
      a.volumes.map((v) => `${esc(v.name)} (${v.sizeGi} GiB)`).join("<br>") || "—",
      esc(a.database?.waliData ?? "—"),
      a.sso.status === "onboarded" ? t("terhubung", "onboarded") : t("transisi", "in transition"),
    ];
  });
  const backups = plan.backupJobs.map((j) => [
    `<code>${esc(j.namespace)}/${esc(j.source)}</code>`,
    j.kind === "postgres" ? t("basis data", "database") : t("berkas", "files"),
    esc(j.policy),
    esc(spec.sites.find((s) => s.id === j.targetSite)?.name ?? j.targetSite),
    `<code>${esc(j.schedule)}</code> (${esc(j.timeZone)})`,
    t(retentionText(j.retention, "id"), retentionText(j.retention, "en")),
    ((r) =>
      r
        ? `${esc(r.date)} ${r.ok ? t("berhasil", "succeeded") : `<strong class="bad">${t("gagal", "failed")}</strong>`} ${r.drill ? t("(uji rutin)", "(scheduled drill)") : t("(dicatat manual)", "(recorded by hand)")}${r.overdue ? ` <strong class="bad">${t("lewat tenggat", "overdue")}</strong>` : ""}`
        : t("belum tercatat", "not recorded"))(lastRestoreOf(d, j)),
  ]);
  const violations = verdict.violations.map((v) => [
    v.level === "mandatory" ? `<strong class="bad">${t("wajib", "mandatory")}</strong>` : t("saran", "advisory"),
    `<code>${esc(v.policy)}</code>`,
    esc(v.message),
    esc(v.citations.filter((c) => c.mandated).flatMap((c) => c.citations.map(articleLabel)).filter((a, i, all) => all.indexOf(a) === i).join(", ") || "—"),
  ]);
  const exemptions = spec.exemptions.map((e) => {
    const status = exemptionStatus(exemptionsAllowed, e, verdict.today, spec.regency.name);
    const said = t(EXEMPTION_STATUS[status].id, EXEMPTION_STATUS[status].en);
    return [esc(e.decree.number), esc(e.decree.date), esc(`${e.scope.opd}${e.scope.application ? ` / ${e.scope.application}` : ""}`), esc(e.approver), esc(e.expires), status === "valid" ? said : `<strong class="bad">${said}</strong>`];
  });
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Laporan E-Government — ${esc(spec.regency.name)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
body[data-lang=id] [lang=en],body[data-lang=en] [lang=id]{display:none}
header{background:#14532d;color:#fff;padding:24px 32px}header p{margin:4px 0;opacity:.9}
main{padding:8px 32px 40px;max-width:1400px}h2{border-bottom:2px solid #14532d;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;min-width:150px}.card b{font-size:24px;display:block}
.bar{background:#eee;border-radius:6px;height:14px;max-width:480px}.bar div{background:#2d8a4e;height:14px;border-radius:6px}
.bad{color:#b42318}.ok{color:#14532d}.figure{overflow-x:auto;border:1px solid #d0d7de;border-radius:8px;padding:8px}
button{position:absolute;top:20px;right:32px;padding:6px 12px;border-radius:6px;border:1px solid #fff;background:transparent;color:#fff;cursor:pointer}
blockquote{margin:8px 0;padding:6px 12px;border-left:4px solid #9ca3af;background:#f9fafb;color:#374151}
</style>
</head>
<body data-lang="id">
<header>
<button id="toggle" type="button" aria-label="Bahasa / language">English</button>
<h1>${t("Laporan Penyelenggaraan E-Government", "E-Government Report")} — ${esc(spec.regency.name)}</h1>
<p>${esc(spec.regency.province)} · ${esc(d.reporting.regulation)}</p>
<p>${t("Pengelola", "Custodian")}: ${esc(spec.custodian.name)} · ${t("Disusun", "Generated")} ${esc(d.generatedOn)}</p>
</header>
<main>
<blockquote>${t("Dasar pelaporan", "Reporting basis")}: ${quote}</blockquote>
<h2>${t("Ringkasan", "Summary")}</h2>
<div class="cards">
<div class="card"><b>${spec.opds.length}</b>OPD</div>
<div class="card"><b>${apps.length}</b>${t("aplikasi", "applications")}</div>
<div class="card"><b>${apps.filter((a) => a.database).length}</b>${t("basis data", "databases")}</div>
<div class="card"><b>${plan.backupJobs.length}</b>${t("jadwal backup", "backup jobs")}</div>
<div class="card"><b>${sso.percent}%</b>${t("aplikasi terhubung SSO", "apps on SSO")}</div>
<div class="card"><b class="${mandatory.length ? "bad" : "ok"}">${mandatory.length}</b>${t("pelanggaran wajib", "mandatory violations")}</div>
</div>
<h2>${t("Pusat data dan pusat pemulihan data", "Data center and disaster-recovery center")}</h2>
${table([t("Lokasi", "Site"), t("Jenis", "Kind"), t("Alamat", "Location"), t("Pengelola", "Operator"), t("Platform", "Platform")], siteRows)}
<h2>${t("Peta jaringan", "Network picture")}</h2>
<div class="figure" id="network">${networkSvg(d)}</div>
<h2>${t("Rencana alamat IP", "IP plan")} — ${esc(model.ipPlan.supernet)}</h2>
${table([t("Segmen", "Segment"), "CIDR", "Gateway", t("Alamat", "Addresses"), t("Sumber", "Source")], model.ipPlan.segments.map((s) => [esc(s.name), `<code>${esc(s.cidr)}</code>`, esc(s.gateway), esc(s.usable), esc(s.source)]))}
<h2>${t("Inventaris hosting OPD", "OPD hosting inventory")}</h2>
${table(["OPD", t("Aplikasi", "Application"), t("Alamat", "Address"), t("Basis data (kelompok)", "Database (groups)"), t("Volume", "Volumes"), "Wali Data", "SSO"], inventory)}
${plan.unconsolidated.length ? `<p>${t("Belum dikonsolidasikan", "Not yet consolidated")}: ${plan.unconsolidated.map((u) => `<code>${esc(u.opd)}/${esc(u.application)}</code> (${esc(u.site.name)})`).join(", ")}</p>` : ""}
<h2>${t("Single sign-on bertahap", "Single sign-on, phased in")}</h2>
<p>${sso.onboarded} ${t("dari", "of")} ${sso.total} ${t("aplikasi telah terhubung", "applications onboarded")} (${sso.percent}%).</p>
<div class="bar" role="progressbar" aria-valuenow="${sso.percent}" aria-valuemin="0" aria-valuemax="100"><div style="width:${sso.percent}%"></div></div>
<p>${t("Masih transisi", "Still in transition")}: ${apps.filter((a) => a.sso.status === "transition").map((a) => `<code>${esc(a.id)}</code>`).join(", ") || "—"}</p>
<h2>${t("Cakupan backup", "Backup coverage")}</h2>
${((r) =>
  r.pointInTime
    ? `<p>${t(`Pemulihan ke titik waktu (PITR) untuk ${r.pointInTime} basis data: kehilangan data paling lama ${Math.round(r.rpoSeconds! / 60)} menit, dapat dipulihkan hingga ${r.windowDays} hari ke belakang; sumber lain ke salinan harian terakhir.`, `Point-in-time recovery for ${r.pointInTime} database(s): at most ${Math.round(r.rpoSeconds! / 60)} minutes of data lost, recoverable up to ${r.windowDays} days back; other sources to the last daily copy.`)}</p>`
    : `<p>${t("Semua sumber dipulihkan ke salinan harian terakhir.", "Every source recovers to its last daily copy.")}</p>`)(recoverySummary(plan))}
${table([t("Sumber", "Source"), t("Jenis", "Kind"), t("Kebijakan", "Policy"), t("Disimpan di", "Stored at"), t("Jadwal", "Schedule"), t("Retensi", "Retention"), t("Uji pemulihan terakhir", "Last verified restore")], backups)}
<h2>${t("Kepatuhan terhadap peraturan", "Compliance with the regulation")}</h2>
<p>${mandatory.length === 0 ? `<strong class="ok">${t("Tidak ada pelanggaran wajib.", "No mandatory violation.")}</strong>` : `<strong class="bad">${mandatory.length} ${t("pelanggaran wajib", "mandatory violations")}</strong>`} ${advisory.length} ${t("saran", "advisory findings")}; ${verdict.rulesChecked} ${t("aturan diperiksa", "rules checked")}.</p>
${violations.length ? table([t("Tingkat", "Level"), t("Aturan", "Rule"), t("Temuan", "Finding"), "Pasal"], violations) : ""}
<h2>${t("Pengecualian (Keputusan Bupati)", "Exemptions (Keputusan Bupati)")}</h2>
${exemptions.length ? table([t("Nomor", "Number"), t("Tanggal", "Date"), t("Cakupan", "Scope"), t("Disetujui", "Approver"), t("Berakhir", "Expires"), t("Status", "Status")], exemptions) : `<p>${t("Tidak ada.", "None.")}</p>`}
</main>
<script>
document.getElementById("toggle").addEventListener("click", function () {
  var en = document.body.getAttribute("data-lang") === "id";
  document.body.setAttribute("data-lang", en ? "en" : "id");
  document.documentElement.setAttribute("lang", en ? "en" : "id");
  this.textContent = en ? "Bahasa Indonesia" : "English";
});
</script>
</body>
</html>
`;
}
