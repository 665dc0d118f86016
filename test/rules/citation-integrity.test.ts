import { loadRegistry } from "../../components/model/citations";
import { citationIntegrity } from "../../policies/rules/citation-integrity";
import { findingsOf, fixture, root } from "./fixture";

const registry = loadRegistry("konawe-selatan")!;
/** The fixture as if it were Konawe Selatan's stack, whose regulation the registry records. */
const asKonaweSelatan = (v: any[]) => {
  root(v).props.regulationRef = { ...registry.regulation };
};

describe("citation-integrity", () => {
  it("passes the fixture, and a registered regulation named as the registry names it", async () => {
    const fx = await fixture();
    expect(findingsOf(citationIntegrity, fx)).toEqual([]);
    expect(findingsOf(citationIntegrity, fx, asKonaweSelatan, { registry })).toEqual([]);
  });

  it("reports articles a stack publishes for a registered regulation", async () => {
    const found = findingsOf(
      citationIntegrity,
      await fixture(),
      (v) => {
        asKonaweSelatan(v);
        root(v).props.citations = { "server-consolidation": { notMandated: "tidak diatur" } };
      },
      { registry },
    );
    expect(found).toEqual([
      "the stack publishes its own articles for server-consolidation of Peraturan Bupati Konawe Selatan Nomor 4 Tahun 2018; the registry's are used instead",
    ]);
  });

  it("reports another number for a registered regulation", async () => {
    const found = findingsOf(
      citationIntegrity,
      await fixture(),
      (v) => {
        asKonaweSelatan(v);
        root(v).props.regulationRef.number = "99";
      },
      { registry },
    );
    expect(found).toEqual([
      "the stack names its regulation Nomor 99 Tahun 2018; the registry records Nomor 4 Tahun 2018",
    ]);
  });
});
