/** The periodic report: its facts and content per seed stack (in Node); rendering in a real browser is realworld-browser.test.ts. */
import type { DrillStatus } from "../components/model/drills";
import { buildPlan } from "../components/model/plan";
import { loadStack, loadStackText } from "../components/model/load";
import { checkModel } from "../infra/check";
import { ADVICE } from "../infra/report/advice";
import { ReportData } from "../infra/report/data";
import { changesSince, readFacts, reportFacts, ReportFacts } from "../infra/report/facts";
import { reportHtml } from "../infra/report/html";
import { reportMarkdown } from "../infra/report/markdown";
import { networkSvg } from "../infra/report/svg";
import { parsePeriod, scheduleWords } from "../infra/report/words";
import { RULES } from "../policies/rules";
import { SEED_STACKS, specOf, stackText } from "./support/stacks";

const PERIOD = parsePeriod("2026-S2");
const dataOf = async (model: ReturnType<typeof loadStack>, today = "2026-11-23"): Promise<ReportData> => {
  const verdict = await checkModel(model, { today });
  return { model, plan: buildPlan(model), verdict, reporting: model.cite("reporting"), generatedOn: verdict.today };
};
const esc = (s: string) => s.replace(/&/g, "&amp;");

describe.each(SEED_STACKS)("report of %s", (slug) => {
  it("cites the regency's reporting article and covers every OPD, system (exempted ones too), backup and segment", async () => {
    const d = await dataOf(loadStack(slug));
    const f = reportFacts(d, PERIOD);
    const html = reportHtml(d, f);
    const md = reportMarkdown(f);
    const reporting = d.model.cite("reporting");
    expect(reporting.mandated).toBe(true);
    for (const c of reporting.citations) expect(md).toContain(c.text);
    for (const o of d.model.spec.opds) expect(html).toContain(esc(o.name));
    // Every application of the spec, wherever it runs: the inventory is the spec's, not only what is deployed.
    expect(f.systems.map((s) => s.id).sort()).toEqual(d.model.applications.map((h) => h.app.id).sort());
    for (const h of d.model.applications) {
      expect(html).toContain(h.hostname);
      expect(md).toContain(`| ${h.app.id} |`);
    }
    for (const s of d.model.ipPlan.segments) expect(html).toContain(s.cidr);
    for (const j of d.plan.backupJobs) expect(md).toContain(`${j.namespace}/${j.source}`);
    // The SSO is named as the plan names it, not assumed to be sso.<domain>.
    expect(networkSvg(d)).toContain(`>${d.plan.sso.hostname}<`);
    expect(html).not.toMatch(/\{\{secret:|<script src=|<link /);
    // Schedules in words, a signature block, the period.
    expect(md).toMatch(/setiap (hari|Minggu|Sabtu|Senin) pukul \d\d\.\d\d WI(B|TA|T)/);
    expect(md).not.toMatch(/`\d+ \d+ \* \* \*`/);
    expect(html).toContain('id="signature"');
    expect(md).toContain(`Kepala ${d.model.spec.custodian.name}`);
    expect(md).toContain("**Periode Semester II Tahun 2026** (1 Juli 2026 – 31 Desember 2026)");
  });

  it("draws a picture that names every OPD, partner and site, in both languages", async () => {
    const d = await dataOf(loadStack(slug));
    const svg = networkSvg(d);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const t of d.plan.tenants) expect(svg).toContain(`id="opd-${t.opd ?? "custodian"}"`);
    for (const c of d.model.spec.interconnections) expect(svg).toContain(`id="partner-${c.id}"`);
    for (const s of d.model.spec.sites.filter((x) => x.kind !== "primary")) expect(svg).toContain(`id="site-${s.id}"`);
    expect(svg).toContain('lang="en">access from the internet<');
    expect(svg).toContain('lang="id">akses dari internet<');
  });
});

describe("the report's facts", () => {
  it("shows Bulukumba's SIMRS in the RSUD server room with its decree, and counts its volume as not backed up", async () => {
    const d = await dataOf(loadStack("bulukumba"));
    const f = reportFacts(d, PERIOD);
    const simrs = f.systems.find((s) => s.id === "simrs")!;
    expect(simrs).toMatchObject({ consolidated: false, backedUp: false, exemption: { status: "valid" } });
    expect(simrs.volumes.length).toBeGreaterThan(0);
    expect(f.backup.systemsWithData - f.backup.systemsBackedUp).toBe(1);
    expect(f.recommendations.map((r) => r.id)).toContain(
      "Pastikan data 1 sistem di luar pusat data ikut dibackup ke lokasi terpisah: Sistem Informasi Manajemen Rumah Sakit.",
    );
    const svg = networkSvg(d);
    expect(svg).toMatch(
      /id="site-[a-z-]+"><title>[^<]*<\/title><rect[^>]*\/>(<text[^>]*>[^<]*<\/text>)*<text[^>]*lang="id"[^>]*>simrs: dikecualikan/,
    );
    expect(svg).toMatch(/class="flow flow-partner" data-from="site-[a-z-]+" data-to="partner-bpjs-kesehatan"/);
  });

  it("names the SSO by the spec's own subdomain, not sso.<domain>", async () => {
    const spec = specOf("konawe-selatan");
    spec.sso = { ...(spec.sso ?? {}), subdomain: "login" };
    const d = await dataOf(loadStackText(stackText(spec), "x.yaml"));
    const svg = networkSvg(d);
    expect(svg).toContain(">login.konaweselatankab.go.id<");
    expect(svg).not.toContain("sso.konaweselatankab.go.id");
    expect(reportFacts(d, PERIOD).sso.host).toBe("login.konaweselatankab.go.id");
  });

  it("shows both layers: the national obligations kept, with their national articles, and an unkept one among the findings", async () => {
    const kept = reportFacts(await dataOf(loadStack("konawe-selatan")), PERIOD);
    expect(kept.national!.map((n) => [n.policy, n.kept])).toEqual([
      ["continuity-plan", true],
      ["it-audit", true],
      ["national-data-center", true],
      ["national-network", true],
      ["data-location", true],
      ["personal-data", true],
    ]);
    expect(kept.national![1].basis).toBe(
      "Pasal 73 ayat (1), Pasal 73 ayat (3) Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024",
    );
    expect(kept.national![0].record.id).toContain(
      "diuji coba 15 November 2025; berikutnya paling lambat 15 November 2027",
    );
    // Given the recovery sites' ledger, the drills are shown as part of the continuity plan's test.
    const withDrills = await dataOf(loadStack("konawe-selatan"));
    const drill = (state: DrillStatus["state"]) => ({ state }) as DrillStatus;
    withDrills.drills = [drill("ok"), drill("ok"), drill("overdue")];
    expect(reportFacts(withDrills, PERIOD).national![0].record).toMatchObject({
      id: expect.stringMatching(/; uji pemulihan: 2 dari 3 sumber berhasil dalam periodenya$/),
      en: expect.stringMatching(/; restore drills: 2 of 3 sources succeeded within their period$/),
    });
    const spec = specOf("konawe-selatan");
    spec.itAudit.date = "2023-05-02";
    const d = await dataOf(loadStackText(stackText(spec), "konawe-selatan.yaml"));
    const f = reportFacts(d, PERIOD);
    expect(f.national!.find((n) => n.policy === "it-audit")!.kept).toBe(false);
    const finding = f.compliance.findings.find((x) => x.policy === "it-audit")!;
    expect(finding.level).toBe("mandatory");
    expect(finding.articles).toBe(
      "Pasal 73 ayat (1), Pasal 73 ayat (3) Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024",
    );
    const md = reportMarkdown(f);
    expect(md).toContain("## Kewajiban nasional");
    expect(md).toMatch(
      /\| Audit TIK paling sedikit sekali dalam 2 tahun \| .*2 Mei 2023; berikutnya paling lambat 2 Mei 2025 \| belum terpenuhi \|/,
    );
    const html = reportHtml(d, f);
    expect(html).toContain("Kewajiban nasional");
  });

  it("says schedules in words, in the regency's time zone", () => {
    expect(scheduleWords("30 1 * * *", "Asia/Makassar")).toEqual({
      id: "setiap hari pukul 01.30 WITA",
      en: "every day at 01:30 WITA",
    });
    expect(scheduleWords("0 3 * * 0", "Asia/Jakarta")).toEqual({
      id: "setiap Minggu pukul 03.00 WIB",
      en: "every Sunday at 03:00 WIB",
    });
    expect(scheduleWords("15 2 1 * *", "Asia/Jayapura")).toEqual({
      id: "setiap tanggal 1 pukul 02.15 WIT",
      en: "on day 1 of every month at 02:15 WIT",
    });
    expect(scheduleWords("*/5 * * * *", "Asia/Jakarta").id).toBe("jadwal cron `*/5 * * * *` (WIB)");
  });

  it("knows the periods a custodian reports on, and refuses others", () => {
    expect(parsePeriod("2026-S1")).toMatchObject({
      start: "2026-01-01",
      end: "2026-06-30",
      label: { id: "Semester I Tahun 2026" },
    });
    expect(parsePeriod("2024-Q1")).toMatchObject({ start: "2024-01-01", end: "2024-03-31" });
    expect(parsePeriod("2024-02")).toMatchObject({
      start: "2024-02-01",
      end: "2024-02-29",
      label: { id: "Februari 2024" },
    });
    expect(() => parsePeriod("2026-S3")).toThrow(/--period 2026-S3: a semester \(2026-S2\)/);
  });

  it("speaks of every rule of the pack in Indonesian and English", () => {
    expect(RULES.map((r) => r.name).filter((n) => !ADVICE[n])).toEqual([]);
    for (const a of Object.values(ADVICE))
      expect([a.title.id, a.title.en, a.advice.id, a.advice.en].every((s) => s.length > 10)).toBe(true);
  });

  it("the next report, given this one's JSON, shows exactly the changes made in between", async () => {
    const before = await dataOf(loadStack("bulukumba"), "2026-06-20");
    const first = reportFacts(before, parsePeriod("2026-S1"));
    // Read back as the next report reads it: through JSON.
    const previous = readFacts(JSON.stringify(first), "report-2026-S1.json");
    const spec = specOf("bulukumba");
    const transition = spec.opds
      .flatMap((o: { applications: { id: string; sso: string }[] }) => o.applications)
      .find((a: { sso: string }) => a.sso === "transition");
    transition.sso = "onboarded";
    spec.opds.push({ slug: "dinas-baru", name: "Dinas Pemuda dan Olahraga", applications: [] });
    spec.exemptions[0].expires = "2027-12-31";
    const tested = first.backup.sources[0].source;
    spec.backup.verifiedRestores = [
      ...(spec.backup.verifiedRestores ?? []),
      { source: tested, date: "2026-10-01", result: "ok" },
    ];
    const after = await dataOf(loadStackText(stackText(spec), "x.yaml"), "2026-11-23");
    const second = reportFacts(after, PERIOD);
    const changes = changesSince(previous, second);
    expect(changes.map((c) => [c.area, c.kind, c.subject]).sort()).toEqual(
      [
        ["opd", "added", "opd-dinas-baru"],
        ["sso", "changed", `${second.systems.find((s) => s.id === transition.id)!.key}`],
        ["finding", "removed", "sso-transition"],
        ["exemption", "changed", spec.exemptions[0].id],
        ...second.backup.sources
          .filter((b) => b.source === tested)
          .map((b) => ["drill", "changed", `${b.source}@${b.site}`]),
      ].sort(),
    );
    expect(changes.find((c) => c.area === "sso")!.words.id).toMatch(/terhubung ke SSO$/);
    expect(changes.find((c) => c.area === "drill")!.words.id).toMatch(/^uji pemulihan .* 1 Oktober 2026: berhasil$/);
    // The same report twice: no change.
    expect(changesSince(second, readFacts(JSON.stringify(second), "same.json"))).toEqual([]);
    expect(() => readFacts('{"schemaVersion": 1}', "lain.json")).toThrow(/lain\.json: not a report\.json/);
  });

  it("shows an expired exemption and the mandatory violations", async () => {
    const spec = specOf("bulukumba");
    spec.exemptions[0].expires = "2026-01-31";
    const d = await dataOf(loadStackText(stackText(spec), "x.yaml"));
    const f: ReportFacts = reportFacts(d, PERIOD);
    const html = reportHtml(d, f);
    expect(html).toContain(
      '<strong class="bad"><span lang="id">kedaluwarsa</span><span lang="en">expired</span></strong>',
    );
    expect(html).toMatch(/<b class="bad">[1-9]\d*<\/b>/);
    expect(reportMarkdown(f)).toMatch(/\| Bupati Bulukumba \| 2026-01-31 \| kedaluwarsa \|/);
    expect(f.recommendations[0].id).toMatch(/^Wajib: /);
  });
});
