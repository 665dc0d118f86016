/**
 * A second opinion on four rules: OPA (built from the Go module proxy) evaluates their Rego twins
 * (test/bench/rego/regency.rego) over the same resources, and must find exactly what our engine
 * finds — nothing on the seed stacks, and the same violations once each kind of breach is planted.
 * The bench times the two engines on the same inputs.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadStack } from "../components/model/load";
import { engineViews } from "../infra/check";
import { synthesize } from "../infra/synth";
import { contextFor, OPA, opaFindings, oursFindings, sameFindings, withViolations, writeInput } from "./bench/opa";
import { SEED_STACKS } from "./support/stacks";

jest.setTimeout(120_000);
let work: string;
beforeAll(() => {
  if (!fs.existsSync(OPA))
    throw new Error(`This test needs ${OPA}: run \`npm run setup\` (builds OPA from the Go module proxy).`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "regency-opa-"));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const bothEngines = (views: Parameters<typeof contextFor>[0]) => {
  const input = path.join(work, "input.json");
  writeInput(views, input);
  return { ours: oursFindings(contextFor(views)), opa: opaFindings(input) };
};

describe.each(SEED_STACKS)("OPA and our engine on %s", (slug) => {
  it.each(["kubernetes", "docker"] as const)(
    "%s: both find nothing on the stack, and the same planted violations",
    async (platform) => {
      const views = engineViews(await synthesize(loadStack(slug), { platform }));
      const clean = bothEngines(views);
      expect(clean.ours).toEqual([]);
      expect(clean.opa).toEqual([]);

      const bad = bothEngines(withViolations(views));
      expect(sameFindings(bad.ours, bad.opa)).toBeUndefined();
      // Every compared rule fires, so agreement is not agreement on silence.
      expect([...new Set(bad.opa.map((f) => f.rule))].sort()).toEqual([
        "backup-separation",
        "custodian-data-center",
        "ip-numbering",
        "official-domain",
      ]);
      expect(bad.opa.length).toBeGreaterThanOrEqual(platform === "docker" ? 11 : 10);
    },
  );
});

it("tells a disagreement apart (the comparison itself can fail)", () => {
  const f = { rule: "official-domain", urn: "urn:x", message: "Ingress a/b publishes x.com, not under y.go.id" };
  expect(sameFindings([f], [])).toContain("only ours: official-domain");
  expect(sameFindings([], [f])).toContain("only OPA:");
  // Overlaps compare by CIDR pair, whichever side carries them.
  expect(
    sameFindings(
      [{ rule: "ip-numbering", urn: "a", message: "10.0.0.0/24 overlaps 10.0.0.0/16" }],
      [{ rule: "ip-numbering", urn: "b", message: "10.0.0.0/16 overlaps 10.0.0.0/24" }],
    ),
  ).toBeUndefined();
});
