/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The report in a real headless browser (Debian's Chromium driven by playwright-core), screenshots kept in
 * out/test-output: no console error or network request; in Indonesian and in English, no label leaves its
 * box, every flow line is visible and runs clear of every box, every system of the spec is named; and the
 * same at 60 OPDs.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { chromium, Browser, Page } from "playwright-core";
import { loadStack, loadStackFile } from "../components/model/load";
import { specOf, stackText } from "./support/stacks";

jest.setTimeout(180_000);
const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "out", "test-output");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
let browser: Browser;

beforeAll(async () => {
  if (!CHROMIUM) throw new Error("This test needs Debian's chromium: run `npm run setup`.");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  fs.mkdirSync(OUT, { recursive: true });
});
afterAll(async () => browser?.close());

/** A regency of 60 OPDs, each with an application and its database (konawe-selatan's settings otherwise). */
function sixtyOpds(): string {
  const spec = specOf("konawe-selatan");
  const template = spec.opds[1].applications[0];
  for (let i = spec.opds.length; i < 60; i++) {
    spec.opds.push({
      slug: `opd-uji-${i}`,
      name: `Dinas Uji Coba Pelayanan Terpadu Nomor ${i} Kabupaten Konawe Selatan`,
      applications: [
        {
          ...structuredClone(template),
          id: `layanan-${i}`,
          subdomain: `layanan-${i}`,
          interconnects: i % 7 === 0 ? ["bank-daerah"] : [],
        },
      ],
    });
  }
  const file = path.join(OUT, "Pulumi.konawe-selatan-60.yaml");
  fs.writeFileSync(file, stackText(spec));
  return file;
}

/** What the picture shows in the language now on screen, measured by the browser. */
async function measure(page: Page) {
  return page.evaluate(() => {
    window.scrollTo(0, 0);
    const svg = document.querySelector("#network svg") as SVGSVGElement;
    const shown = (e: Element) => getComputedStyle(e).display !== "none";
    const boxes = [...svg.querySelectorAll("g.box")].map((g) => {
      const r = (g.querySelector("rect") as SVGRectElement).getBBox();
      return {
        id: g.id,
        container: g.classList.contains("container"),
        x: r.x,
        y: r.y,
        w: r.width,
        h: r.height,
        texts: [...g.querySelectorAll("text")]
          .filter(shown)
          .map((t) => ({ text: t.textContent ?? "", b: t.getBBox() })),
      };
    });
    const overflow = boxes.flatMap((b) =>
      b.texts
        .filter(
          (t) =>
            t.b.x < b.x || t.b.y < b.y || t.b.x + t.b.width > b.x + b.w + 0.5 || t.b.y + t.b.height > b.y + b.h + 0.5,
        )
        .map((t) => `${b.id}: "${t.text}" (${Math.round(t.b.x + t.b.width - b.x - b.w)} px past the right edge)`),
    );
    // Every flow: points along it, off its two ends; each must lie outside every box (the data center's frame aside)
    // and be what the browser finds on top at that point.
    const ctm = svg.getScreenCTM()!;
    const hidden: string[] = [];
    const crossing: string[] = [];
    const flows = [...svg.querySelectorAll("polyline.flow")] as SVGPolylineElement[];
    // A dashed line is hit only on its dashes: drawn solid while measured (what covers it is the same).
    for (const f of flows) f.style.strokeDasharray = "none";
    for (const f of flows) {
      const pts = [...f.points].map((p) => [p.x, p.y]);
      const label = `${f.dataset.from} → ${f.dataset.to}`;
      for (let i = 0; i + 1 < pts.length; i++) {
        const [x1, y1] = pts[i];
        const [x2, y2] = pts[i + 1];
        const len = Math.hypot(x2 - x1, y2 - y1);
        if (len === 0) continue;
        for (let s = 0; s <= len; s += 5) {
          const first = i === 0 && s < 6;
          const last = i + 2 === pts.length && len - s < 6;
          if (first || last) continue;
          const x = x1 + ((x2 - x1) * s) / len;
          const y = y1 + ((y2 - y1) * s) / len;
          const inside = boxes.find(
            (b) => !b.container && x > b.x + 1 && x < b.x + b.w - 1 && y > b.y + 1 && y < b.y + b.h - 1,
          );
          if (inside) crossing.push(`${label} crosses ${inside.id} at ${Math.round(x)},${Math.round(y)}`);
          const cx = ctm.a * x + ctm.e;
          const cy = ctm.d * y + ctm.f;
          const top = document.elementFromPoint(cx, cy);
          if (!top || !top.classList.contains("flow"))
            hidden.push(
              `${label} hidden by ${top ? `${top.tagName}.${top.getAttribute("class") ?? ""}` : `nothing (off screen at ${Math.round(cx)},${Math.round(cy)} of ${innerWidth}×${innerHeight})`} at ${Math.round(x)},${Math.round(y)}`,
            );
        }
      }
    }
    for (const f of flows) f.style.strokeDasharray = "";
    const text = [...svg.querySelectorAll("text")]
      .filter(shown)
      .map((t) => t.textContent)
      .join("\n");
    return {
      boxes: boxes.length,
      flows: flows.length,
      overflow,
      crossing: crossing.slice(0, 5),
      crossings: crossing.length,
      hidden: hidden.slice(0, 5),
      hiddenCount: hidden.length,
      text,
      width: svg.getBoundingClientRect().width,
      height: svg.getBoundingClientRect().height,
    };
  });
}

describe.each([
  ["konawe-selatan", () => "stacks/Pulumi.konawe-selatan.yaml"],
  ["bulukumba", () => "stacks/Pulumi.bulukumba.yaml"],
  ["60 OPDs", sixtyOpds],
])("report of %s in Chromium", (name, fileOf) => {
  it("renders cleanly; in both languages every label fits its box and every flow line is visible and clear of boxes; every system is named", async () => {
    const file = fileOf();
    const slug = name.replace(/ /g, "-");
    const dir = path.join(OUT, `report-${slug}`);
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, "bin", "regency.js"),
        "report",
        file,
        "--out",
        dir,
        "--today",
        "2026-11-23",
        "--period",
        "2026-S2",
      ],
      { encoding: "utf8", cwd: ROOT },
    );
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const model = file.startsWith("stacks/")
      ? loadStack(path.basename(file).replace(/^Pulumi\.|\.yaml$/g, ""))
      : loadStackFile(file);
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (req) => !req.url().startsWith("file:") && errors.push(`network request: ${req.url()}`));
    await page.goto(`file://${path.join(dir, "index.html")}`);
    expect(await page.locator("h1").innerText()).toContain("Laporan Penyelenggaraan E-Government");
    await page.screenshot({ path: path.join(OUT, `report-${slug}.png`), fullPage: true });
    await page.locator("#network").screenshot({ path: path.join(OUT, `report-${slug}-network.png`) });
    // The whole picture on screen, so the browser can say what is on top at each point of a line.
    const size = await page.evaluate(() => {
      window.scrollTo(0, 0);
      const b = document.querySelector("#network svg")!.getBoundingClientRect();
      return { w: Math.ceil(b.right + 60), h: Math.ceil(b.bottom + window.scrollY + 40) };
    });
    await page.setViewportSize({ width: Math.max(1300, size.w), height: size.h });
    const id = await measure(page);
    await page.click("#toggle");
    expect(await page.locator("h1").innerText()).toContain("E-Government Report");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const en = await measure(page);
    await page.locator("#network").screenshot({ path: path.join(OUT, `report-${slug}-network-en.png`) });
    for (const m of [id, en]) {
      expect(m.overflow).toEqual([]);
      expect(m.crossing).toEqual([]);
      expect(m.hidden).toEqual([]);
      expect(m.flows).toBeGreaterThan(model.spec.opds.length);
      for (const h of model.applications) expect(m.text).toContain(h.app.id);
    }
    // The toggle changes the picture too.
    expect(id.text).toContain("akses dari internet");
    expect(id.text).not.toContain("access from the internet");
    expect(en.text).toContain("access from the internet");
    expect(en.text).not.toContain("akses dari internet");
    expect(errors).toEqual([]);
    expect(fs.statSync(path.join(OUT, `report-${slug}.png`)).size).toBeGreaterThan(50_000);
    await page.close();
  });
});

it("the measurement can fail: a label too long for its box and a line under a box are reported", async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.setContent(`<body data-lang="id"><div id="network"><svg xmlns="http://www.w3.org/2000/svg" width="700" height="400" viewBox="0 0 700 400">
    <g class="box" id="a"><rect x="10" y="10" width="100" height="60"/><text x="20" y="30" style="font:12px sans-serif">Badan Kepegawaian dan Pengembangan</text></g>
    <polyline class="flow" data-from="x" data-to="y" points="200,100 400,100" style="stroke:#000;stroke-width:2;fill:none"/>
    <g class="box" id="b"><rect x="250" y="80" width="100" height="60" style="fill:#fff"/></g></svg></div></body>`);
  const m = await measure(page);
  expect(m.overflow).toEqual([
    expect.stringMatching(/^a: "Badan Kepegawaian dan Pengembangan" \(\d+ px past the right edge\)$/),
  ]);
  expect(m.crossing[0]).toMatch(/^x → y crosses b at /);
  expect(m.hidden[0]).toMatch(/^x → y hidden by rect/);
  await page.close();
});
