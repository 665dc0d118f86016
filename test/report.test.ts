/** The periodic report: content per seed stack (in Node); rendering in a real browser is realworld-browser.test.ts. */
import { buildPlan } from "../components/model/plan";
import { loadStack } from "../components/model/load";
import { checkModel } from "../infra/check";
import { ReportData } from "../infra/report/data";
import { reportHtml } from "../infra/report/html";
import { reportMarkdown } from "../infra/report/markdown";
import { networkSvg } from "../infra/report/svg";
import { SEED_STACKS, specOf, stackText } from "./support/stacks";
import { loadStackText } from "../components/model/load";

const dataOf = async (model: ReturnType<typeof loadStack>): Promise<ReportData> => {
  const verdict = await checkModel(model, { today: "2026-11-23" });
  return { model, plan: buildPlan(model), verdict, reporting: model.cite("reporting"), generatedOn: verdict.today };
};
const esc = (s: string) => s.replace(/&/g, "&amp;");

describe.each(SEED_STACKS)("report of %s", (slug) => {
  it("cites the regency's reporting article and covers every OPD, application, backup and segment", async () => {
    const d = await dataOf(loadStack(slug));
    const html = reportHtml(d);
    const md = reportMarkdown(d);
    const reporting = d.model.cite("reporting");
    expect(reporting.mandated).toBe(true);
    for (const c of reporting.citations) {
      expect(html).toContain(`${c.pasal === undefined ? "" : `Pasal ${c.pasal}`}`);
      expect(md).toContain(c.text);
    }
    for (const o of d.model.spec.opds) expect(html).toContain(esc(o.name));
    for (const a of d.plan.tenants.flatMap((t) => t.apps)) expect(html).toContain(a.hostname);
    for (const s of d.model.ipPlan.segments) expect(html).toContain(s.cidr);
    for (const j of d.plan.backupJobs) expect(md).toContain(`${j.namespace}/${j.source}`);
    expect(html).not.toMatch(/\{\{secret:|<script src=|<link /);
  });

  it("draws a picture that names every OPD and partner, with the DR site", async () => {
    const d = await dataOf(loadStack(slug));
    const svg = networkSvg(d);
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    for (const t of d.plan.tenants) expect(svg).toContain(`id="opd-${t.opd ?? "custodian"}"`);
    for (const c of d.model.spec.interconnections) expect(svg).toContain(`id="partner-${c.id}"`);
    for (const s of d.model.spec.sites.filter((x) => x.kind === "recovery" || x.kind === "portable-media")) expect(svg).toContain(`id="site-${s.id}"`);
  });
});

describe("report verdicts", () => {
  it("shows recorded restore tests and says where none is recorded", async () => {
    const md = reportMarkdown(await dataOf(loadStack("batang-hari")));
    expect(md).toMatch(/\| opd-bagian-pbj\/spse-db \| postgres \| pusat-pemulihan \| `30 1 \* \* \*` \| 14 harian · 8 mingguan · 12 bulanan \| 2026-10-14 \(berhasil, dicatat manual\) \|/);
    expect(md).toMatch(/\| opd-dinkes\/simpus-db \| postgres \| .* \| belum tercatat \|/);
    // What a loss costs, in the Bupati's words: the RPO of point-in-time recovery and how far back it reaches.
    expect(md).toContain("Pemulihan ke titik waktu (PITR) untuk 7 basis data: kehilangan data paling lama 5 menit, dapat dipulihkan hingga 7 hari ke belakang");
  });

  it("shows an expired exemption and the mandatory violations", async () => {
    const spec = specOf("bulukumba");
    spec.exemptions[0].expires = "2026-01-31";
    const html = reportHtml(await dataOf(loadStackText(stackText(spec), "x.yaml")));
    expect(html).toContain('<strong class="bad"><span lang="id">kedaluwarsa</span><span lang="en">expired</span></strong>');
    expect(html).toMatch(/<b class="bad">2<\/b>/);
  });
});
