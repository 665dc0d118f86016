/** The report as Markdown (for the repository or a wiki), in Indonesian, from the same facts; the picture is network.svg beside it. */
import { Change, ReportFacts, trendOf } from "./facts";
import { executiveSummary } from "./html";
import { dateWords } from "./words";

const cell = (s: string | number | undefined) =>
  String(s ?? "—")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");
const table = (head: string[], rows: (string | number | undefined)[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
const KIND: Record<string, string> = {
  primary: "pusat data",
  recovery: "pusat pemulihan data",
  "portable-media": "media portabel",
  "opd-server": "ruang server OPD",
};

export function reportMarkdown(f: ReportFacts, previous?: { facts: ReportFacts; changes: Change[] }): string {
  const site = (id: string) => f.sites.find((s) => s.id === id)?.name ?? id;
  const trend = trendOf(previous?.facts, f);
  return [
    `# Laporan Penyelenggaraan E-Government — ${f.regency.name}`,
    "",
    `**Periode ${f.period.label.id}** (${dateWords(f.period.start).id} – ${dateWords(f.period.end).id}) · ${f.regency.province} · ${f.reporting.regulation} · Pengelola: ${f.custodian} · Disusun ${dateWords(f.generatedOn).id}`,
    "",
    `> Dasar pelaporan: ${f.reporting.mandated ? f.reporting.articles.map((a) => `${a.article}: “${a.text}”`).join("; ") : f.reporting.summary}`,
    "",
    "## Ringkasan eksekutif",
    "",
    executiveSummary(f).id,
    "",
    "## Perkembangan",
    "",
    previous
      ? table(
          ["Ukuran", previous.facts.period.id, f.period.id],
          trend.map((x) => [x.label.id, x.before, x.now]),
        )
      : table(
          ["Ukuran", f.period.id],
          trend.map((x) => [x.label.id, x.now]),
        ),
    "",
    ...(previous
      ? [
          "### Perubahan sejak laporan sebelumnya",
          "",
          ...(previous.changes.length ? previous.changes.map((c) => `- ${c.words.id}`) : ["Tidak ada perubahan."]),
          "",
        ]
      : []),
    "## Rekomendasi",
    "",
    ...(f.recommendations.length
      ? f.recommendations.map((r, i) => `${i + 1}. ${r.id}`)
      : ["Tidak ada rekomendasi: semua ketentuan terpenuhi."]),
    "",
    "## Pusat data dan pusat pemulihan data",
    "",
    table(
      ["Lokasi", "Jenis", "Alamat", "Pengelola"],
      f.sites.map((s) => [s.name, KIND[s.kind] ?? s.kind, s.location, s.operator]),
    ),
    ...(f.regency.phase ? ["", `Tahap e-government saat ini: ${f.regency.phase}.`] : []),
    "",
    "## Peta jaringan",
    "",
    "![Peta jaringan](network.svg)",
    "",
    "## Inventaris sistem",
    "",
    table(
      ["OPD", "Aplikasi", "Alamat", "Tempat", "Basis data", "Wali Data", "SSO", "Backup"],
      f.systems.map((s) => [
        s.opdName,
        s.id,
        s.hostname,
        s.consolidated
          ? "pusat data"
          : `${site(s.site)}${s.exemption ? ` (dikecualikan ${s.exemption.decree}, s.d. ${s.exemption.expires})` : " (tanpa pengecualian)"}`,
        s.database?.groups.join(", ") ?? "—",
        s.database?.waliData ?? "—",
        s.sso === "onboarded" ? "terhubung" : "transisi",
        s.backedUp ? "ya" : "tidak",
      ]),
    ),
    "",
    "## Cakupan backup",
    "",
    `${f.backup.systemsBackedUp} dari ${f.backup.systemsWithData} sistem yang menyimpan data dibackup ke lokasi terpisah dari ruang server.`,
    "",
    f.backup.pointInTime.databases
      ? `Pemulihan ke titik waktu (PITR) untuk ${f.backup.pointInTime.databases} basis data: kehilangan data paling lama ${f.backup.pointInTime.rpoMinutes} menit, dapat dipulihkan hingga ${f.backup.pointInTime.windowDays} hari ke belakang; sumber lain dipulihkan ke salinan harian terakhir.\n`
      : "Semua sumber dipulihkan ke salinan harian terakhir.\n",
    table(
      ["Sumber", "Jenis", "Disimpan di", "Jadwal", "Retensi", "Uji pemulihan terakhir"],
      f.backup.sources.map((b) => {
        const r = b.lastRestore;
        const said = r
          ? `${r.date} (${r.ok ? "berhasil" : "gagal"}${r.drill ? ", uji rutin" : ", dicatat manual"}${r.overdue ? ", lewat tenggat" : ""})`
          : "belum tercatat";
        return [b.source, b.kind === "postgres" ? "basis data" : "berkas", b.site, b.schedule.id, b.retention.id, said];
      }),
    ),
    "",
    "## Interkoneksi dan akses internet",
    "",
    f.partners.length
      ? table(
          ["Mitra", "Jenis", "Jaringan", "Perjanjian", "Aplikasi"],
          f.partners.map((p) => [
            p.party,
            p.kind,
            `${p.network} : ${p.ports.join(", ")}`,
            p.agreement,
            p.systems.join(", ") || "—",
          ]),
        )
      : "Tidak ada interkoneksi.",
    "",
    `Kategori situs yang diblokir: ${f.internet.blockedCategories.join(", ") || "—"}`,
    "",
    ...(f.internet.egress.length
      ? [
          table(
            ["Aturan akses keluar", "OPD", "Tujuan", "Port"],
            f.internet.egress.map((e) => [e.id, e.opds.join(", "), e.to.join(", "), e.ports.join(", ")]),
          ),
          "",
        ]
      : []),
    "## Kepatuhan terhadap peraturan",
    "",
    `${f.compliance.mandatory} pelanggaran wajib, ${f.compliance.advisory} saran; ${f.compliance.rulesChecked} aturan diperiksa.`,
    "",
    f.compliance.findings.length
      ? table(
          ["Tingkat", "Temuan", "Menyangkut", "Pasal"],
          f.compliance.findings.map((x) => [
            x.level === "mandatory" ? "wajib" : "saran",
            x.title.id,
            x.subjects.join(", "),
            x.articles || "—",
          ]),
        )
      : "Tidak ada temuan.",
    "",
    "## Kewajiban nasional",
    "",
    "Di atas Peraturan Bupati: Permenkominfo 4/2024, PP 71/2019, UU 27/2022.",
    "",
    table(
      ["Kewajiban", "Catatan", "Status", "Dasar"],
      (f.national ?? []).map((n) => [n.obligation.id, n.record.id, n.kept ? "terpenuhi" : "belum terpenuhi", n.basis]),
    ),
    "",
    "## Pengecualian (Keputusan Bupati)",
    "",
    f.exemptions.length
      ? table(
          ["Nomor", "Tanggal", "Cakupan", "Disetujui", "Berakhir", "Status"],
          f.exemptions.map((e) => [e.decree, e.date, e.scope, e.approver, e.expires, e.statusWords.id]),
        )
      : "Tidak ada.",
    "",
    `${f.regency.name.replace(/^Kabupaten /, "")}, ${dateWords(f.generatedOn).id}  `,
    `Kepala ${f.custodian}`,
    "",
    "",
    "(nama dan tanda tangan)  ",
    "NIP. ………………………………",
    "",
  ].join("\n");
}
