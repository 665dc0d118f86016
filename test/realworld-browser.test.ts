/** The report in a real headless browser (Debian's Chromium driven by playwright-core), with a screenshot kept in out/test-output. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { chromium, Browser } from "playwright-core";
import { loadStack } from "../components/model/load";

jest.setTimeout(120_000);
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

describe.each(["konawe-selatan", "bulukumba"])("report of %s in Chromium", (slug) => {
  it("renders without console errors; the picture names every OPD; the language toggle works", async () => {
    const dir = path.join(OUT, `report-${slug}`);
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "regency.js"), "report", "--stack", slug, "--out", dir, "--today", "2026-11-23"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1300, height: 1800 } });
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (req) => !req.url().startsWith("file:") && errors.push(`network request: ${req.url()}`));
    await page.goto(`file://${path.join(dir, "index.html")}`);
    const svgText = await page.locator("#network svg").textContent();
    for (const o of loadStack(slug).spec.opds) expect(svgText).toContain(o.name.length > 34 ? o.name.slice(0, 33) : o.name);
    const box = await page.locator("#network svg").boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(await page.locator("h1").innerText()).toContain("Laporan Penyelenggaraan E-Government");
    await page.screenshot({ path: path.join(OUT, `report-${slug}.png`), fullPage: true });
    await page.click("#toggle");
    expect(await page.locator("h1").innerText()).toContain("E-Government Report");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(errors).toEqual([]);
    expect(fs.statSync(path.join(OUT, `report-${slug}.png`)).size).toBeGreaterThan(50_000);
    await page.close();
  });
});
