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
import { invalidSarif, toGithub, toJson, toSarif } from "../policies/report";
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
    const key = port - lines.slice(0, port).reverse().findIndex((l) => /^\s+database:$/.test(l));
    expect(published[0].location!.line).toBe(key + 1);
    const levels = v.violations.map((x) => x.level);
    expect(levels).toEqual([...levels].sort((a, b) => (a === b ? 0 : a === "mandatory" ? -1 : 1)));
    // GitHub annotations and JSON carry the place too.
    expect(toGithub(v)).toContain(`::error file=${published[0].location!.file},line=${published[0].location!.line},col=`);
    expect(JSON.parse(toJson(v)).violations[0].location).toEqual({ file: published[0].location!.file, line: published[0].location!.line, column: published[0].location!.column, path: "opds[1].applications[0].database" });
  });

  it("a domain outside go.id is located at domain.name; a DR site run by an OPD at that site", async () => {
    const dr = fileWith("batang-hari", (s) => (s.sites[1].operator = "dinkes"));
    const v = await checkModel(dr.model, { today: TODAY });
    const site = v.violations.find((x) => x.rule === "custodian-data-center")!;
    expect(formatPath(site.location!.path)).toBe("sites[1]");
  });

  it("SARIF 2.1.0 that the schema accepts: stable rule ids, help with the citation, locations, fingerprints", async () => {
    const { file, model } = fileWith("konawe-selatan", (s) => (s.opds[1].applications[0].hostname = "simpus.example.com"));
    const v = await checkModel(model, { today: TODAY });
    const sarif = JSON.parse(toSarif(v));
    expect(sarif).toBeValidSarifLog();
    const run = sarif.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining(["official-domain", "official-domain-advisory", "network-isolation", "citation-integrity"]));
    const domain = run.results.find((r: { ruleId: string }) => r.ruleId === "official-domain");
    expect(domain.level).toBe("error");
    expect(domain.locations[0].physicalLocation.artifactLocation.uri).toBe(path.relative(process.cwd(), file));
    expect(domain.locations[0].logicalLocations[0].fullyQualifiedName).toBe("opds[1].applications[0]");
    expect(run.tool.driver.rules[domain.ruleIndex].help.text).toContain("Pasal 10 ayat (2)");
    // Fingerprints are stable from run to run and differ between findings.
    const again = JSON.parse(toSarif(await checkModel(model, { today: TODAY })));
    expect(again.runs[0].results.map((r: { partialFingerprints: object }) => r.partialFingerprints)).toEqual(run.results.map((r: { partialFingerprints: object }) => r.partialFingerprints));
    const prints = run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["regencyFinding/v1"]);
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
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: "invalid-spec", level: "error", locations: [{ physicalLocation: { region: { startLine: lineOf(stackText(spec), /supernet: 8\.8\.0\.0\/16/) } } }] });
    expect(sarif.runs[0].results[0].message.text).toContain("Pasal 5");
  });

  it("the schema check can fail: a result without a message is refused", () => {
    const broken = { version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ ruleId: "x" }] }] };
    expect(broken).not.toBeValidSarifLog();
  });
});
