import { loadRegistry, registrySlugs, resolveCitation } from "../components/model/citations";
import { RULE_IDS } from "../components/model/rules";
import { normalize, readSeed } from "./support/seeds";

const SEED_SLUGS = ["batang-hari", "bulukumba", "hulu-sungai-tengah", "konawe-selatan", "oku-selatan"];

describe("citation registry", () => {
  it("has one registry per seed regency", () => {
    expect(registrySlugs()).toEqual(SEED_SLUGS);
  });

  describe.each(SEED_SLUGS)("%s", (slug) => {
    const registry = loadRegistry(slug)!;
    const seed = normalize(readSeed(registry.regulation.seedFile!));

    it("is the regulation the seed text is", () => {
      expect(seed.toUpperCase()).toMatch(new RegExp(`NOMOR\\s*:?\\s*${registry.regulation.number}\\s+TAHUN\\s+${registry.regulation.year}`));
    });

    it("records the domain only where its official-domain article names it, and another by decree only where the article allows it", () => {
      const entry = registry.rules["official-domain"];
      const quoted = (Array.isArray(entry) ? entry.map((c) => c.text) : []).join(" ").toLowerCase();
      if (registry.domain) {
        expect(quoted).toContain(registry.domain.name);
        expect(registry.domain.otherByDecree).toBe(quoted.includes("domain lain yang ditetapkan dengan keputusan bupati"));
      } else {
        expect(quoted).not.toMatch(/[a-z]+kab\.go\.id/);
      }
    });

    it("records every rule, mandated or not", () => {
      expect(Object.keys(registry.rules).sort()).toEqual([...RULE_IDS].sort());
    });

    const quotes = Object.entries(registry.rules).flatMap(([rule, entry]) =>
      Array.isArray(entry) ? entry.map((c) => [rule, c.pasal, c.text] as const) : [],
    );
    it.each(quotes)("%s: Pasal %s quote occurs in the seed text", (_rule, _pasal, text) => {
      expect(seed).toContain(normalize(text));
    });

    it("cites the article number where its quote stands", () => {
      // The quote must follow its own "Pasal N" heading and precede "Pasal N+1".
      for (const [, pasal, text] of quotes) {
        const at = seed.indexOf(normalize(text));
        const heading = new RegExp(`Pasal ${pasal}(?!\\d)`, "g");
        let last = -1;
        for (let m = heading.exec(seed); m && m.index < at; m = heading.exec(seed)) last = m.index;
        expect({ text, pasal, found: last >= 0 }).toEqual({ text, pasal, found: true });
        const next = seed.slice(last).search(new RegExp(`Pasal ${pasal + 1}(?!\\d)`));
        expect({ text, pasal, before: next < 0 || last + next > at }).toEqual({ text, pasal, before: true });
      }
    });
  });

  it("the quote check catches a changed word", () => {
    const seed = normalize(readSeed(loadRegistry("konawe-selatan")!.regulation.seedFile!));
    const quote = "OPD dilarang mengadakan pusat data dan pusat pemulihan data";
    expect(seed).toContain(normalize(quote));
    expect(seed).not.toContain(normalize(quote.replace("dilarang", "boleh")));
  });

  it("says 'not mandated' where a regulation has no such rule", () => {
    const oku = loadRegistry("oku-selatan")!;
    const c = resolveCitation("backup", oku.regulation, oku.rules.backup);
    expect(c.mandated).toBe(false);
    expect(c.summary).toContain("not mandated by Peraturan Bupati Ogan Komering Ulu Selatan Nomor 16 Tahun 2018");
    const ks = loadRegistry("konawe-selatan")!;
    const k = resolveCitation("backup-separation", ks.regulation, ks.rules["backup-separation"]);
    expect(k.mandated).toBe(true);
    expect(k.summary).toContain("Pasal 23 ayat (3)");
  });

  it("records the differences between the regulations", () => {
    const mandated = (slug: string, rule: (typeof RULE_IDS)[number]) => Array.isArray(loadRegistry(slug)!.rules[rule]);
    expect(SEED_SLUGS.filter((s) => mandated(s, "bupati-exemption"))).toEqual(["bulukumba"]);
    expect(SEED_SLUGS.filter((s) => mandated(s, "lpse"))).toEqual(["batang-hari"]);
    expect(SEED_SLUGS.filter((s) => mandated(s, "electronic-signature"))).toEqual(["bulukumba"]);
    expect(SEED_SLUGS.filter((s) => mandated(s, "internet-site-control"))).toEqual(["hulu-sungai-tengah"]);
    expect(SEED_SLUGS.filter((s) => mandated(s, "phases"))).toEqual(["oku-selatan"]);
    expect(SEED_SLUGS.filter((s) => mandated(s, "device-registration"))).toEqual(["oku-selatan"]);
    expect(SEED_SLUGS.filter((s) => !mandated(s, "backup"))).toEqual(["oku-selatan"]);
    expect(SEED_SLUGS.filter((s) => mandated(s, "sso-phased"))).toEqual(["bulukumba", "konawe-selatan"]);
  });
});
