/**
 * Findings where a reviewer fixes them: every violation of a stack file carries the file, line, column
 * and spec field behind it, mandatory ones first, in text, JSON, GitHub annotations and SARIF 2.1.0 —
 * validated against the SARIF schema (Microsoft's, from @microsoft/jest-sarif) as GitHub code scanning
 * requires; an invalid stack file gets SARIF too.
 */
import "@microsoft/jest-sarif";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadStackFile } from "../components/model/load";
import { SpecError } from "../components/model/issues";
import { formatPath } from "../components/model/paths";
import { checkModel } from "../infra/check";
import {
  baselineOf,
  findingsOf,
  invalidSarif,
  toGithub,
  toJson,
  toMarkdown,
  toSarif,
  toText,
} from "../policies/report";
import { specOf, stackText } from "./support/stacks";

const TODAY = "2026-11-25";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "regency-findings-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A seed stack with one change, written to a file and loaded from it (so it has locations). */
function fileWith(slug: string, mutate: (s: Record<string, any>) => void) {
  const spec = specOf(slug);
  mutate(spec);
  const file = path.join(tmp, `${slug}-${Math.random().toString(36).slice(2)}.yaml`);
  const text = stackText(spec);
  fs.writeFileSync(file, text);
  return { file, text, model: loadStackFile(file) };
}
const lineOf = (text: string, re: RegExp) => text.split("\n").findIndex((l) => re.test(l)) + 1;

describe("findings on the stack file's line", () => {
  it("a published database: the violation points at that database in the stack file, mandatory before advisory", async () => {
    const { text, model } = fileWith("oku-selatan", (s) => (s.opds[1].applications[0].database.publishedPort = 5432));
    const v = await checkModel(model, { today: TODAY });
    const published = v.violations.filter((x) => x.rule === "network-isolation" && x.level === "mandatory");
    expect(published.length).toBeGreaterThan(0);
    for (const p of published) expect(formatPath(p.location!.path)).toBe("opds[1].applications[0].database");
    // The database's own block: the first line under its `database:` key.
    const lines = text.split("\n");
    const port = lineOf(text, /^\s+publishedPort: 5432$/);
    const key =
      port -
      lines
        .slice(0, port)
        .reverse()
        .findIndex((l) => /^\s+database:$/.test(l));
    expect(published[0].location!.line).toBe(key + 1);
    const levels = v.violations.map((x) => x.level);
    expect(levels).toEqual([...levels].sort((a, b) => (a === b ? 0 : a === "mandatory" ? -1 : 1)));
    // GitHub annotations and JSON carry the place too.
    expect(toGithub(v)).toContain(
      `::error file=${published[0].location!.file},line=${published[0].location!.line},col=`,
    );
    expect(JSON.parse(toJson(v)).violations[0].location).toEqual({
      file: published[0].location!.file,
      line: published[0].location!.line,
      column: published[0].location!.column,
      path: "opds[1].applications[0].database",
    });
  });

  it("a domain outside go.id is located at domain.name; a DR site run by an OPD at that site", async () => {
    const dr = fileWith("batang-hari", (s) => (s.sites[1].operator = "dinkes"));
    const v = await checkModel(dr.model, { today: TODAY });
    const site = v.violations.find((x) => x.rule === "custodian-data-center")!;
    expect(formatPath(site.location!.path)).toBe("sites[1]");
  });

  it("one cause is one finding: a backup policy kept on the primary is one row at its targetSite, listing every copy it affects", async () => {
    const { text, model } = fileWith(
      "konawe-selatan",
      (s) => (s.backup.policies.find((p: { id: string }) => p.id === "harian").targetSite = "pusat-data"),
    );
    const v = await checkModel(model, { today: TODAY });
    const separation = v.violations.filter((x) => x.policy === "backup-separation");
    expect(separation.length).toBeGreaterThan(10);
    const findings = findingsOf(v).filter((f) => f.policy === "backup-separation");
    expect(findings).toHaveLength(1);
    expect([formatPath(findings[0].location!.path), findings[0].location!.line]).toEqual([
      "backup.policies[0].targetSite",
      lineOf(text, /^\s+targetSite: pusat-data$/),
    ]);
    expect(findings[0].violations).toHaveLength(separation.length);
    // One annotation, one Markdown row, one text entry; the text names every copy it affects.
    expect(
      toGithub(v)
        .split("\n")
        .filter((l) => l.includes("title=backup-separation")),
    ).toHaveLength(1);
    expect(
      toMarkdown(v)
        .split("\n")
        .filter((l) => l.includes("| `backup-separation` |")),
    ).toHaveLength(1);
    const entry = toText(v)
      .split("\n✗ ")
      .find((e) => e.startsWith("[backup-separation]"))!;
    expect(entry).toMatch(new RegExp(`^\\[backup-separation\\] ${separation.length} resources\n`));
    expect(entry).toContain(`… and ${separation.length - 5} more: `);
    const json = JSON.parse(toJson(v));
    expect(
      json.findings
        .filter((f: { policy: string }) => f.policy === "backup-separation")
        .map((f: { resources: string[] }) => f.resources.length),
    ).toEqual([separation.length]);
  });

  it("a common application's finding is located at that application, not at the file's root", async () => {
    const { model } = fileWith("konawe-selatan", (s) => (s.commonApplications[0].hostname = "eoffice.example.com"));
    const v = await checkModel(model, { today: TODAY });
    const domain = v.violations.filter((x) => x.rule === "official-domain" && x.level === "mandatory");
    expect(domain.length).toBeGreaterThan(0);
    for (const d of domain) expect(formatPath(d.location!.path)).toBe("commonApplications[0]");
  });

  it("against the base branch's report, what the change added comes first and the rest is collapsed", async () => {
    const base = await checkModel(fileWith("konawe-selatan", () => undefined).model, { today: TODAY });
    const baseline = baselineOf(JSON.parse(toJson(base)));
    expect(baseline.size).toBe(base.violations.length);
    const changed = await checkModel(
      fileWith("konawe-selatan", (s) => (s.opds[1].applications[0].database.publishedPort = 5432)).model,
      { today: TODAY },
    );
    const v = { ...changed, baseline };
    const fresh = findingsOf(v).filter((f) => f.isNew);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((f) => f.violations.some((x) => x.policy === "network-isolation"))).toBe(true);
    const md = toMarkdown(v);
    const [added, collapsed] = md.split("<details><summary>");
    expect(added).toContain(`#### New in this change (${fresh.length})`);
    expect(added).not.toContain("`sso-transition`");
    expect(collapsed).toMatch(/^\d+ finding\(s\) already on the base branch<\/summary>/);
    expect(collapsed).toContain("`sso-transition`");
    expect(JSON.parse(toJson(v)).findings.filter((f: { new: boolean }) => f.new)).toHaveLength(fresh.length);
    // Lines moved by the change do not make an old finding new: fingerprints carry no line.
    const shifted = await checkModel(
      fileWith("konawe-selatan", (s) => s.opds.unshift({ slug: "baru", name: "Dinas Baru", applications: [] })).model,
      { today: TODAY },
    );
    expect(findingsOf({ ...shifted, baseline }).filter((f) => f.isNew && f.level === "mandatory")).toEqual([]);
  });

  it("SARIF 2.1.0 that the schema accepts: stable rule ids, help with the citation, locations, fingerprints", async () => {
    const { file, model } = fileWith(
      "konawe-selatan",
      (s) => (s.opds[1].applications[0].hostname = "simpus.example.com"),
    );
    const v = await checkModel(model, { today: TODAY });
    const sarif = JSON.parse(toSarif(v));
    expect(sarif).toBeValidSarifLog();
    const run = sarif.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "official-domain",
        "official-domain-advisory",
        "network-isolation",
        "citation-integrity",
      ]),
    );
    const domain = run.results.find((r: { ruleId: string }) => r.ruleId === "official-domain");
    expect(domain.level).toBe("error");
    expect(domain.locations[0].physicalLocation.artifactLocation.uri).toBe(path.relative(process.cwd(), file));
    expect(domain.locations[0].logicalLocations[0].fullyQualifiedName).toBe("opds[1].applications[0]");
    expect(run.tool.driver.rules[domain.ruleIndex].help.text).toContain("Pasal 10 ayat (2)");
    // Fingerprints are stable from run to run and differ between findings.
    const again = JSON.parse(toSarif(await checkModel(model, { today: TODAY })));
    expect(again.runs[0].results.map((r: { partialFingerprints: object }) => r.partialFingerprints)).toEqual(
      run.results.map((r: { partialFingerprints: object }) => r.partialFingerprints),
    );
    const prints = run.results.map(
      (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["regencyFinding/v1"],
    );
    expect(new Set(prints).size).toBe(prints.length);
  });

  it("an invalid stack file gives valid SARIF with the error on its line", () => {
    const spec = specOf("bulukumba");
    spec.network.supernet = "8.8.0.0/16";
    const file = path.join(tmp, "publik.yaml");
    fs.writeFileSync(file, stackText(spec));
    let error: SpecError | undefined;
    try {
      loadStackFile(file);
    } catch (e) {
      error = e as SpecError;
    }
    const sarif = JSON.parse(invalidSarif({ file: error!.source!, issues: error!.issues }));
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: "invalid-spec",
      level: "error",
      locations: [{ physicalLocation: { region: { startLine: lineOf(stackText(spec), /supernet: 8\.8\.0\.0\/16/) } } }],
    });
    expect(sarif.runs[0].results[0].message.text).toContain("Pasal 5");
  });

  it("the schema check can fail: a result without a message is refused", () => {
    const broken = { version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ ruleId: "x" }] }] };
    expect(broken).not.toBeValidSarifLog();
  });
});
