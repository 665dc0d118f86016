/** The report as one self-contained HTML page (inline CSS, SVG and a small language toggle), rendered from its facts. */
import { Change, ReportFacts, trendOf } from "./facts";
import { networkSvg } from "./svg";
import { ReportData } from "./data";
import { Bilingual, dateWords } from "./words";

const esc = (s: string | number | undefined) =>
  String(s ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
/** Indonesian first; English shown by the toggle. */
const t = (id: string, en: string) => `<span lang="id">${esc(id)}</span><span lang="en">${esc(en)}</span>`;
const tb = (b: Bilingual) => t(b.id, b.en);
const table = (head: string[], rows: (string | number)[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

const KIND: Record<string, Bilingual> = {
  primary: { id: "pusat data", en: "data center" },
  recovery: { id: "pusat pemulihan data", en: "disaster-recovery center" },
  "portable-media": { id: "media portabel", en: "portable media" },
  "opd-server": { id: "ruang server OPD", en: "OPD server room" },
};

/** What the period comes to, in a paragraph the Bupati reads first. */
export function executiveSummary(f: ReportFacts): Bilingual {
  const outside = f.systems.filter((s) => !s.consolidated).length;
  const tested = f.backup.sources.filter((s) => s.lastRestore?.ok && !s.lastRestore.overdue).length;
  return {
    id:
      `Pada ${f.period.label.id}, ${f.custodian} mengelola pusat data ${f.regency.name} untuk ${f.opds.length} OPD dengan ${f.systems.length} aplikasi` +
      `${outside ? `, ${outside} di antaranya masih di ruang server OPD` : ""}. ${f.sso.onboarded} dari ${f.sso.total} aplikasi (${f.sso.percent}%) telah terhubung ke single sign-on. ` +
      `${f.backup.systemsBackedUp} dari ${f.backup.systemsWithData} sistem yang menyimpan data dibackup ke lokasi terpisah; ${tested} dari ${f.backup.sources.length} sumber backup telah teruji pemulihannya. ` +
      `${f.compliance.mandatory === 0 ? "Tidak ada pelanggaran wajib terhadap peraturan" : `Terdapat ${f.compliance.mandatory} pelanggaran wajib terhadap peraturan`} dan ${f.compliance.advisory} saran perbaikan.`,
    en:
      `In the ${f.period.label.en}, ${f.custodian} ran the data center of ${f.regency.name} for ${f.opds.length} OPDs with ${f.systems.length} applications` +
      `${outside ? `, ${outside} of them still in an OPD's server room` : ""}. ${f.sso.onboarded} of ${f.sso.total} applications (${f.sso.percent}%) sign in through single sign-on. ` +
      `${f.backup.systemsBackedUp} of ${f.backup.systemsWithData} systems that hold data are backed up to a separate place; ${tested} of ${f.backup.sources.length} backup sources have a tested restore. ` +
      `${f.compliance.mandatory === 0 ? "There is no mandatory violation of the regulation" : `There are ${f.compliance.mandatory} mandatory violations of the regulation`} and ${f.compliance.advisory} advisory findings.`,
  };
}

export function reportHtml(
  d: ReportData,
  f: ReportFacts,
  previous?: { facts: ReportFacts; changes: Change[] },
): string {
  const { model } = d;
  const quote = f.reporting.mandated
    ? f.reporting.articles.map((a) => `${esc(a.article)}: “${esc(a.text)}”`).join("; ")
    : esc(f.reporting.summary);
  const site = (id: string) => f.sites.find((s) => s.id === id)?.name ?? id;
  const inventory = f.systems.map((s) => [
    esc(s.opdName),
    `${esc(s.name)}<br><code>${esc(s.id)}</code>`,
    `<a href="https://${esc(s.hostname)}">${esc(s.hostname)}</a>${s.public ? "" : ` ${t("(intranet)", "(intranet)")}`}`,
    s.consolidated
      ? t("pusat data", "data center")
      : `<strong class="bad">${esc(site(s.site))}</strong>${s.exemption ? `<br>${t(`dikecualikan: ${s.exemption.decree}, s.d. ${dateWords(s.exemption.expires).id}`, `exempted: ${s.exemption.decree}, until ${dateWords(s.exemption.expires).en}`)}` : `<br>${t("tanpa pengecualian", "no exemption")}`}`,
    s.database
      ? `${esc(s.database.groups.join(", "))}${s.database.keys.length ? ` · ${esc(s.database.keys.join(", "))}` : ""}`
      : "—",
    s.volumes.map((v) => `${esc(v.name)} (${v.sizeGi} GiB)`).join("<br>") || "—",
    esc(s.database?.waliData ?? "—"),
    s.sso === "onboarded" ? t("terhubung", "onboarded") : t("transisi", "in transition"),
    s.backedUp ? t("ya", "yes") : `<strong class="bad">${t("tidak", "no")}</strong>`,
    [
      s.registration ? esc(s.registration) : "",
      s.electronicSignature
        ? t(
            `TTE ${s.electronicSignature === "certified" ? "tersertifikasi" : "tidak tersertifikasi"}`,
            `e-signature ${s.electronicSignature}`,
          )
        : "",
      s.lpse ? "LPSE" : "",
    ]
      .filter(Boolean)
      .join("<br>") || "—",
  ]);
  const backups = f.backup.sources.map((b) => [
    `<code>${esc(b.source)}</code>`,
    b.kind === "postgres" ? t("basis data", "database") : t("berkas", "files"),
    esc(site(b.site)),
    tb(b.schedule),
    tb(b.retention),
    b.lastRestore
      ? `${t(dateWords(b.lastRestore.date).id, dateWords(b.lastRestore.date).en)} ${b.lastRestore.ok ? t("berhasil", "succeeded") : `<strong class="bad">${t("gagal", "failed")}</strong>`} ${b.lastRestore.drill ? t("(uji rutin)", "(scheduled drill)") : t("(dicatat manual)", "(recorded by hand)")}${b.lastRestore.overdue ? ` <strong class="bad">${t("lewat tenggat", "overdue")}</strong>` : ""}`
      : t("belum tercatat", "not recorded"),
  ]);
  const national = (f.national ?? []).map((n) => [
    tb(n.obligation),
    tb(n.record),
    n.kept
      ? `<strong class="ok">${t("terpenuhi", "kept")}</strong>`
      : `<strong class="bad">${t("belum terpenuhi", "not kept")}</strong>`,
    esc(n.basis),
  ]);
  const findings = f.compliance.findings.map((x) => [
    x.level === "mandatory" ? `<strong class="bad">${t("wajib", "mandatory")}</strong>` : t("saran", "advisory"),
    `${tb(x.title)}<br><small><code>${esc(x.policy)}</code></small>`,
    `${x.subjects.map((s) => `<code>${esc(s)}</code>`).join(", ")}<span lang="en"><br><small>${esc(x.message)}</small></span>`,
    esc(x.articles || "—"),
  ]);
  const exemptions = f.exemptions.map((e) => [
    esc(e.decree),
    t(dateWords(e.date).id, dateWords(e.date).en),
    esc(e.scope),
    esc(e.approver),
    t(dateWords(e.expires).id, dateWords(e.expires).en),
    e.status === "valid" ? tb(e.statusWords) : `<strong class="bad">${tb(e.statusWords)}</strong>`,
  ]);
  const partners = f.partners.map((p) => [
    esc(p.party),
    esc(p.kind),
    `<code>${esc(p.network)}</code> : ${esc(p.ports.join(", "))}`,
    esc(p.agreement ?? "—"),
    p.systems.map((s) => `<code>${esc(s)}</code>`).join(", ") || "—",
  ]);
  const egress = f.internet.egress.map((e) => [
    esc(e.id),
    esc(e.opds.join(", ")),
    esc(e.to.join(", ")),
    esc(e.ports.join(", ")),
  ]);
  const trend = trendOf(previous?.facts, f);
  const arrow = (x: (typeof trend)[number]) => {
    if (x.before === undefined || x.before === x.now) return "";
    const good = x.now > x.before === (x.better === "up");
    return ` <strong class="${good ? "ok" : "bad"}">${x.now > x.before ? "▲" : "▼"}</strong>`;
  };
  const summary = executiveSummary(f);
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Laporan E-Government — ${esc(f.regency.name)} — ${esc(f.period.label.id)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
body[data-lang=id] [lang=en],body[data-lang=en] [lang=id]{display:none}
header{background:#14532d;color:#fff;padding:24px 32px;position:relative}header p{margin:4px 0;opacity:.9}
main{padding:8px 32px 40px;max-width:1400px}h2{border-bottom:2px solid #14532d;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;min-width:150px}.card b{font-size:24px;display:block}
.bar{background:#eee;border-radius:6px;height:14px;max-width:480px}.bar div{background:#2d8a4e;height:14px;border-radius:6px}
.bad{color:#b42318}.ok{color:#14532d}.figure{overflow-x:auto;border:1px solid #d0d7de;border-radius:8px;padding:8px}
button{position:absolute;top:20px;right:32px;padding:6px 12px;border-radius:6px;border:1px solid #fff;background:transparent;color:#fff;cursor:pointer}
blockquote{margin:8px 0;padding:6px 12px;border-left:4px solid #9ca3af;background:#f9fafb;color:#374151}
.summary{font-size:16px;background:#f0fdf4;border:1px solid #bbf7d0;border-radius:8px;padding:12px 16px}
.signature{margin-top:48px;margin-left:auto;width:340px;text-align:center}.signature .space{height:72px}
@media print{button{display:none}.figure{overflow:visible}}
</style>
</head>
<body data-lang="id">
<header>
<button id="toggle" type="button" aria-label="Bahasa / language">English</button>
<h1>${t("Laporan Penyelenggaraan E-Government", "E-Government Report")} — ${esc(f.regency.name)}</h1>
<p>${t(`Periode ${f.period.label.id}`, `Period: ${f.period.label.en}`)} (${t(`${dateWords(f.period.start).id} – ${dateWords(f.period.end).id}`, `${dateWords(f.period.start).en} – ${dateWords(f.period.end).en}`)})</p>
<p>${esc(f.regency.province)} · ${esc(f.reporting.regulation)}</p>
<p>${t("Pengelola", "Custodian")}: ${esc(f.custodian)} · ${t(`Disusun ${dateWords(f.generatedOn).id}`, `Generated ${dateWords(f.generatedOn).en}`)}</p>
</header>
<main>
<blockquote>${t("Dasar pelaporan", "Reporting basis")}: ${quote}</blockquote>
<h2>${t("Ringkasan eksekutif", "Executive summary")}</h2>
<p class="summary" id="summary">${tb(summary)}</p>
<div class="cards">
<div class="card"><b>${f.opds.length}</b>OPD</div>
<div class="card"><b>${f.systems.length}</b>${t("aplikasi", "applications")}</div>
<div class="card"><b>${f.systems.filter((s) => s.database).length}</b>${t("basis data", "databases")}</div>
<div class="card"><b>${f.backup.sources.length}</b>${t("sumber backup", "backup sources")}</div>
<div class="card"><b>${f.sso.percent}%</b>${t("aplikasi terhubung SSO", "apps on SSO")}</div>
<div class="card"><b class="${f.compliance.mandatory ? "bad" : "ok"}">${f.compliance.mandatory}</b>${t("pelanggaran wajib", "mandatory violations")}</div>
</div>
<h2>${t("Perkembangan", "Trend")}</h2>
${
  previous
    ? `<p>${t(`Dibandingkan dengan laporan ${previous.facts.period.label.id}:`, `Compared with the report of the ${previous.facts.period.label.en}:`)}</p>
${table(
  [t("Ukuran", "Figure"), esc(previous.facts.period.id), esc(f.period.id)],
  trend.map((x) => [tb(x.label), esc(x.before), `${esc(x.now)}${arrow(x)}`]),
)}
<h3>${t("Perubahan sejak laporan sebelumnya", "Changes since the previous report")}</h3>
${previous.changes.length ? `<ul id="changes">${previous.changes.map((c) => `<li data-area="${esc(c.area)}" data-kind="${esc(c.kind)}">${tb(c.words)}</li>`).join("")}</ul>` : `<p id="changes">${t("Tidak ada perubahan.", "No change.")}</p>`}`
    : `<p>${t("Laporan pertama: belum ada laporan sebelumnya untuk dibandingkan.", "First report: there is no previous report to compare with.")}</p>
${table(
  [t("Ukuran", "Figure"), esc(f.period.id)],
  trend.map((x) => [tb(x.label), esc(x.now)]),
)}`
}
<h2>${t("Rekomendasi", "Recommendations")}</h2>
${f.recommendations.length ? `<ol id="recommendations">${f.recommendations.map((r) => `<li>${tb(r)}</li>`).join("")}</ol>` : `<p>${t("Tidak ada rekomendasi: semua ketentuan terpenuhi.", "No recommendation: every provision is met.")}</p>`}
<h2>${t("Pusat data dan pusat pemulihan data", "Data center and disaster-recovery center")}</h2>
${table(
  [t("Lokasi", "Site"), t("Jenis", "Kind"), t("Alamat", "Location"), t("Pengelola", "Operator"), "Platform"],
  f.sites.map((s) => [
    esc(s.name),
    tb(KIND[s.kind] ?? { id: s.kind, en: s.kind }),
    esc(s.location),
    esc(s.operator),
    esc(s.platform ?? "—"),
  ]),
)}
${f.regency.phase ? `<p>${t(`Tahap e-government saat ini: ${f.regency.phase}.`, `Current e-government phase: ${f.regency.phase}.`)}</p>` : ""}
<h2>${t("Peta jaringan", "Network picture")}</h2>
<div class="figure" id="network">${networkSvg(d)}</div>
<h2>${t("Rencana alamat IP", "IP plan")} — ${esc(model.ipPlan.supernet)}</h2>
${table(
  [t("Segmen", "Segment"), "CIDR", "Gateway", t("Alamat", "Addresses"), t("Sumber", "Source")],
  model.ipPlan.segments.map((s) => [
    esc(s.name),
    `<code>${esc(s.cidr)}</code>`,
    esc(s.gateway),
    esc(s.usable),
    esc(s.source),
  ]),
)}
<h2>${t("Inventaris sistem", "System inventory")}</h2>
${table(["OPD", t("Aplikasi", "Application"), t("Alamat", "Address"), t("Tempat", "Where"), t("Basis data (kelompok)", "Database (groups)"), t("Volume", "Volumes"), "Wali Data", "SSO", "Backup", t("Registrasi / TTE", "Registration / e-signature")], inventory)}
<h2>${t("Single sign-on bertahap", "Single sign-on, phased in")}</h2>
<p>${f.sso.onboarded} ${t("dari", "of")} ${f.sso.total} ${t("aplikasi telah terhubung ke", "applications sign in through")} <code>${esc(f.sso.host)}</code> (${f.sso.percent}%).</p>
<div class="bar" role="progressbar" aria-valuenow="${f.sso.percent}" aria-valuemin="0" aria-valuemax="100"><div style="width:${f.sso.percent}%"></div></div>
<p>${t("Masih transisi", "Still in transition")}: ${
    f.systems
      .filter((s) => s.sso === "transition")
      .map((s) => `<code>${esc(s.id)}</code>`)
      .join(", ") || "—"
  }</p>
<h2>${t("Cakupan backup", "Backup coverage")}</h2>
<p>${t(`${f.backup.systemsBackedUp} dari ${f.backup.systemsWithData} sistem yang menyimpan data dibackup ke lokasi terpisah dari ruang server.`, `${f.backup.systemsBackedUp} of ${f.backup.systemsWithData} systems that hold data are backed up to a place apart from the server room.`)}
${
  f.systems.some((s) => !s.backedUp)
    ? `<strong class="bad">${t("Belum dibackup", "Not backed up")}: ${f.systems
        .filter((s) => !s.backedUp)
        .map((s) => esc(s.name))
        .join(", ")}.</strong>`
    : ""
}</p>
<p>${
    f.backup.pointInTime.databases
      ? t(
          `Pemulihan ke titik waktu (PITR) untuk ${f.backup.pointInTime.databases} basis data: kehilangan data paling lama ${f.backup.pointInTime.rpoMinutes} menit, dapat dipulihkan hingga ${f.backup.pointInTime.windowDays} hari ke belakang; sumber lain ke salinan harian terakhir.`,
          `Point-in-time recovery for ${f.backup.pointInTime.databases} database(s): at most ${f.backup.pointInTime.rpoMinutes} minutes of data lost, recoverable up to ${f.backup.pointInTime.windowDays} days back; other sources to the last daily copy.`,
        )
      : t("Semua sumber dipulihkan ke salinan harian terakhir.", "Every source recovers to its last daily copy.")
  }</p>
${table([t("Sumber", "Source"), t("Jenis", "Kind"), t("Disimpan di", "Stored at"), t("Jadwal", "Schedule"), t("Retensi", "Retention"), t("Uji pemulihan terakhir", "Last verified restore")], backups)}
<h2>${t("Interkoneksi dan akses internet", "Interconnections and internet access")}</h2>
${partners.length ? table([t("Mitra", "Partner"), t("Jenis", "Kind"), t("Jaringan", "Network"), t("Perjanjian", "Agreement"), t("Aplikasi", "Applications")], partners) : `<p>${t("Tidak ada interkoneksi.", "No interconnection.")}</p>`}
<p>${t("Kategori situs yang diblokir", "Blocked site categories")}: ${f.internet.blockedCategories.map(esc).join(", ") || "—"}</p>
${egress.length ? table([t("Aturan akses keluar", "Egress rule"), "OPD", t("Tujuan", "Destination"), "Port"], egress) : ""}
<h2>${t("Kepatuhan terhadap peraturan", "Compliance with the regulation")}</h2>
<p>${f.compliance.mandatory === 0 ? `<strong class="ok">${t("Tidak ada pelanggaran wajib.", "No mandatory violation.")}</strong>` : `<strong class="bad">${f.compliance.mandatory} ${t("pelanggaran wajib", "mandatory violations")}</strong>`} ${f.compliance.advisory} ${t("saran", "advisory findings")}; ${f.compliance.rulesChecked} ${t("aturan diperiksa", "rules checked")}.</p>
${findings.length ? table([t("Tingkat", "Level"), t("Temuan", "Finding"), t("Menyangkut", "Concerns"), "Pasal"], findings) : ""}
<h2>${t("Kewajiban nasional", "National obligations")}</h2>
<p>${t("Di atas Peraturan Bupati: Permenkominfo 4/2024, PP 71/2019, UU 27/2022.", "Above the Peraturan Bupati: Permenkominfo 4/2024, PP 71/2019, UU 27/2022.")}</p>
${table([t("Kewajiban", "Obligation"), t("Catatan", "Record"), "Status", t("Dasar", "Basis")], national)}
<h2>${t("Pengecualian (Keputusan Bupati)", "Exemptions (Keputusan Bupati)")}</h2>
${exemptions.length ? table([t("Nomor", "Number"), t("Tanggal", "Date"), t("Cakupan", "Scope"), t("Disetujui", "Approver"), t("Berakhir", "Expires"), "Status"], exemptions) : `<p>${t("Tidak ada.", "None.")}</p>`}
<div class="signature" id="signature">
<p>${esc(f.regency.name.replace(/^Kabupaten /, ""))}, ${t(dateWords(f.generatedOn).id, dateWords(f.generatedOn).en)}</p>
<p>${t(`Kepala ${f.custodian}`, `Head of ${f.custodian}`)}</p>
<div class="space"></div>
<p>(${t("nama dan tanda tangan", "name and signature")})<br>NIP. ………………………………</p>
</div>
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
