import {
  articleLabel,
  loadNational,
  loadRegistry,
  registrySlugs,
  resolveCitation,
} from "../components/model/citations";
import { RULE_IDS } from "../components/model/rules";
import { normalize, readSeed } from "./support/seeds";
import { article, lineOf } from "./support/regulations";

const SEED_SLUGS = ["batang-hari", "bulukumba", "hulu-sungai-tengah", "konawe-selatan", "oku-selatan"];

describe("citation registry", () => {
  it("has one registry per seed regency", () => {
    expect(registrySlugs()).toEqual(SEED_SLUGS);
  });

  describe.each(SEED_SLUGS)("%s", (slug) => {
    const registry = loadRegistry(slug)!;
    const seed = normalize(readSeed(registry.regulation.seedFile!));

    it("is the regulation the seed text is", () => {
      expect(seed.toUpperCase()).toMatch(
        new RegExp(`NOMOR\\s*:?\\s*${registry.regulation.number}\\s+TAHUN\\s+${registry.regulation.year}`),
      );
    });

    it("records the domain only where its official-domain article names it, and another by decree only where the article allows it", () => {
      const entry = registry.rules["official-domain"];
      const quoted = (Array.isArray(entry) ? entry.map((c) => c.text) : []).join(" ").toLowerCase();
      if (registry.domain) {
        expect(quoted).toContain(registry.domain.name);
        expect(registry.domain.otherByDecree).toBe(
          quoted.includes("domain lain yang ditetapkan dengan keputusan bupati"),
        );
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

  describe("national layer", () => {
    const ayat = (body: string, n: number) => lineOf(body, { ayat: n });
    const quotes = loadNational().flatMap((n) =>
      Object.entries(n.rules).flatMap(([rule, cs]) =>
        cs.map((c) => [n.regulation.file, rule, articleLabel(c), c] as const),
      ),
    );

    it("has Permenkominfo 4/2024, PP 71/2019 and UU 27/2022", () => {
      expect(loadNational().map((n) => `${n.regulation.number}/${n.regulation.year}`)).toEqual([
        "4/2024",
        "71/2019",
        "27/2022",
      ]);
      expect(quotes.length).toBeGreaterThan(0);
    });

    it.each(quotes)("%s %s: %s stands, word for word, in its article and ayat", (file, _rule, _label, c) => {
      const body = article(file, c.pasal);
      expect(body).not.toBe("");
      expect(normalize(lineOf(body, c))).toContain(normalize(c.text));
    });

    it("the check catches a quote under the wrong ayat or with a changed number", () => {
      const body = article("PERMENKOMINFO_2024_004.md", 46);
      const quote = "harus diuji coba secara berkala paling sedikit 1 (satu) kali dalam 2 (dua) tahun";
      expect(normalize(ayat(body, 3))).toContain(quote);
      expect(normalize(ayat(body, 2))).not.toContain(quote);
      expect(normalize(ayat(body, 3))).not.toContain(quote.replace("2 (dua)", "3 (tiga)"));
      // A huruf is found in its own ayat only: Pasal 53 ayat (1) huruf a of UU 27/2022, not ayat (2).
      const uu = article("UU_2022_027.md", 53);
      expect(lineOf(uu, { ayat: 1, huruf: "a" })).toContain("untuk kepentingan pelayanan publik");
      expect(lineOf(uu, { ayat: 2, huruf: "a" })).toBe("");
      expect(lineOf(uu, { ayat: 1, huruf: "b" })).not.toContain("untuk kepentingan pelayanan publik");
    });

    it("cannot be set aside by a fork's own entry: a regency that says its Perbup does not mandate the audit is still bound", () => {
      const fork = { title: "Peraturan Bupati Kolaka Timur", number: "7", year: 2024 };
      const c = resolveCitation("it-audit", fork, { notMandated: "kami tidak mau diaudit" });
      expect(c.mandated).toBe(true);
      expect(c.layers.map((l) => [l.layer, l.mandated])).toEqual([
        ["regency", false],
        ["national", true],
      ]);
      expect(c.summary).toMatch(
        /^Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024, Pasal 73 ayat \(1\)/,
      );
    });

    it("cites the Perbup first and the national regulations beside it, in one summary", () => {
      const bk = loadRegistry("bulukumba")!;
      const c = resolveCitation("official-domain", bk.regulation, bk.rules["official-domain"]);
      expect(c.layers.map((l) => l.regulation)).toEqual([
        "Peraturan Bupati Bulukumba Nomor 143 Tahun 2017",
        "Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024",
      ]);
      expect(c.regulation).toBe("Peraturan Bupati Bulukumba Nomor 143 Tahun 2017");
      expect(c.summary.indexOf("Pasal 10 ayat (2)")).toBeLessThan(c.summary.indexOf("Pasal 29 ayat (3)"));
      expect(c.summary).not.toContain("does not regulate this");
    });

    it("binds a regency whose Perbup is silent, citing the national article and saying the Perbup is silent", () => {
      const ks = loadRegistry("konawe-selatan")!;
      const c = resolveCitation("continuity-testing", ks.regulation, ks.rules["continuity-testing"]);
      expect(c.mandated).toBe(true);
      expect(c.regulation).toBe("Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024");
      expect(c.summary).toContain(
        'Pasal 46 ayat (3): "Rencana keberlangsungan kegiatan yang telah disusun harus diuji coba',
      );
      expect(c.summary).toContain("Peraturan Bupati Konawe Selatan Nomor 4 Tahun 2018 does not regulate this");
    });
  });
});
