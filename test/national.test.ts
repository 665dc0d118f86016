/**
 * The national layer on every seed stack: each rule it binds, broken in one field, blocks the seed's
 * stack and cites the national articles word for word as they stand in ../shared/regulations, beside
 * (after) the regency's own articles where its Perbup has some.
 */
import * as path from "path";
import { loadNational, regulationName } from "../components/model/citations";
import { loadStackFile } from "../components/model/load";
import { engineViews } from "../infra/check";
import { synthesize } from "../infra/synth";
import { evaluate } from "../policies/engine";
import { contextOf, Rule } from "../policies/model";
import { RULES } from "../policies/rules";
import { article, lineOf } from "./support/regulations";
import { normalize } from "./support/seeds";
import type { AnyView } from "./support/views";

const SEEDS = ["batang-hari", "bulukumba", "hulu-sungai-tengah", "konawe-selatan", "oku-selatan"];
const TODAY = "2026-12-01";
const rootOf = (v: AnyView[]) => v.find((r) => r.type === "regency:regency:Regency")!;
const fileOf = new Map(loadNational().map((n) => [regulationName(n.regulation), n.regulation.file]));

/** One field broken per national rule. */
const BREAK: [string, (v: AnyView[]) => void][] = [
  ["continuity-plan", (v) => delete rootOf(v).props.continuityPlan],
  ["it-audit", (v) => (rootOf(v).props.itAudit.date = "2024-06-30")],
  [
    "national-data-center",
    (v) =>
      (rootOf(v).props.interconnections = rootOf(v).props.interconnections.filter(
        (i: any) => i.kind !== "national-data-center",
      )),
  ],
  [
    "national-network",
    (v) =>
      (rootOf(v).props.interconnections = rootOf(v).props.interconnections.filter(
        (i: any) => i.kind !== "intra-government-network",
      )),
  ],
  ["data-location", (v) => (rootOf(v).props.sites[1].country = "SG")],
  ["personal-data", (v) => delete rootOf(v).props.personalDataOfficer],
  [
    "official-domain",
    (v) => {
      const ingress = v.find((r) => r.props.kind === "Ingress" && r.props.metadata?.namespace?.startsWith("opd-"))!;
      ingress.props.spec.rules[0].host = "layanan.example.com";
    },
  ],
];

describe.each(SEEDS)("national layer on %s", (slug) => {
  let views: AnyView[];
  const model = loadStackFile(path.join(__dirname, "..", "stacks", `Pulumi.${slug}.yaml`));
  const perbup = regulationName(model.spec.regency.regulation);
  beforeAll(async () => {
    views = engineViews(await synthesize(model));
  });

  const verdictOf = (rule: Rule, change: (v: AnyView[]) => void = () => {}) => {
    const v = structuredClone(views);
    change(v);
    return evaluate([rule], contextOf(v, TODAY)!).violations;
  };

  it.each(BREAK)("%s: passes as recorded; broken, blocks and cites the national articles verbatim", (name, change) => {
    const rule = RULES.find((r) => r.name === name)!;
    expect(verdictOf(rule)).toEqual([]);
    const found = verdictOf(rule, change);
    expect(found.length).toBeGreaterThan(0);
    for (const v of found) {
      expect(v.level).toBe("mandatory");
      const national = v.citations.filter((c) => c.layer === "national");
      expect(national.length).toBeGreaterThan(0);
      // The regency's own articles come first, the national ones after them.
      const layers = v.citations.map((c) => c.layer);
      expect(layers).toEqual([...layers].sort((a, b) => (a === b ? 0 : a === "regency" ? -1 : 1)));
      for (const c of national) {
        const file = fileOf.get(c.regulation)!;
        expect(file).toBeDefined();
        for (const q of c.citations) expect(normalize(lineOf(article(file, q.pasal), q))).toContain(normalize(q.text));
        if (!v.citations.some((x) => x.layer === "regency"))
          expect(c.summary).toContain(`(${perbup} does not regulate this; the national rule applies)`);
      }
    }
  });

  it("official-domain cites the Perbup's article first and Permenkominfo 4/2024 Pasal 29 beside it", () => {
    const [v] = verdictOf(
      RULES.find((r) => r.name === "official-domain")!,
      BREAK[6][1],
    );
    expect(v.citations[0]).toMatchObject({ layer: "regency", regulation: perbup });
    expect(v.citations.find((c) => c.layer === "national")).toMatchObject({
      regulation: "Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024",
      citations: expect.arrayContaining([
        { pasal: 29, ayat: 3, text: "Perangkat Daerah menggunakan subdomain dari Nama Domain Pemerintah Daerahnya." },
      ]),
    });
  });
});
