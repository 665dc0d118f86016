import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import * as YAML from "yaml";
import { loadRegistry } from "../components/model/citations";
import { loadStack, loadStackFile, stackFile, stackSlugs, STACKS_DIR } from "../components/model/load";
import { RegencyModel } from "../components/model/validate";
import { fieldReference, fieldRows, stackFileJsonSchema } from "../infra/cli/schema";
import { TEMPLATE_FILE } from "../infra/cli/new";
import { SEED_STACKS } from "./support/stacks";

const models = new Map<string, RegencyModel>(SEED_STACKS.map((s) => [s, loadStack(s)]));
const m = (slug: string) => models.get(slug)!;

describe("seed stacks", () => {
  it("are exactly the five seed regencies", () => expect(stackSlugs()).toEqual(SEED_STACKS));

  it.each(SEED_STACKS)(
    "%s: valid, with at least 8 OPDs, its registry's regulation and a custodian-run primary site",
    (slug) => {
      const model = m(slug);
      expect(model.spec.regency.slug).toBe(slug);
      expect(model.spec.opds.length).toBeGreaterThanOrEqual(8);
      const reg = loadRegistry(slug)!.regulation;
      expect(model.spec.regency.regulation).toMatchObject({
        number: reg.number,
        year: reg.year,
        seedFile: reg.seedFile,
      });
      const primary = model.spec.sites.filter((s) => s.kind === "primary");
      expect(primary.map((s) => s.operator)).toEqual(["custodian"]);
      // Every OPD has its own segment; every app is reachable on a subdomain of the regency domain.
      expect(new Set(model.ipPlan.segments.filter((s) => s.purpose === "opd").map((s) => s.opd))).toEqual(
        new Set(model.spec.opds.map((o) => o.slug)),
      );
      for (const h of model.applications) expect(h.hostname.endsWith(`.${model.spec.domain.name}`)).toBe(true);
    },
  );

  it("name each regulation's custodian", () => {
    const custodians = Object.fromEntries(
      SEED_STACKS.map((s) => [s, [m(s).spec.custodian.kind, m(s).spec.custodian.name]]),
    );
    expect(custodians["konawe-selatan"]).toEqual(["bagian", "Bagian Pengelolaan Data Elektronik dan Sandi Daerah"]);
    for (const s of SEED_STACKS.filter((x) => x !== "konawe-selatan"))
      expect(custodians[s]).toEqual(["dinas", "Dinas Komunikasi dan Informatika"]);
  });

  it("use the domain each regulation writes, and mark OKU Selatan's as configured", () => {
    const domains = Object.fromEntries(
      SEED_STACKS.map((s) => [s, `${m(s).spec.domain.name} (${m(s).spec.domain.source})`]),
    );
    expect(domains).toEqual({
      "konawe-selatan": "konaweselatankab.go.id (regulation)",
      bulukumba: "bulukumbakab.go.id (regulation)",
      "hulu-sungai-tengah": "hulusungaitengahkab.go.id (regulation)",
      "oku-selatan": "okuselatankab.go.id (configured)",
      "batang-hari": "batangharikab.go.id (regulation)",
    });
    // Where the regulation writes the domain, the registry's quote contains it.
    for (const s of SEED_STACKS.filter((x) => m(x).spec.domain.source === "regulation")) {
      expect(m(s).cite("official-domain").summary.toLowerCase()).toContain(m(s).spec.domain.name);
    }
  });

  it("host every common application its Pasal 8 lists, and only those", () => {
    for (const slug of SEED_STACKS) {
      const list = loadRegistry(slug)!.rules["common-application-list"];
      const listed = Array.isArray(list) ? list.map((c) => c.huruf) : [];
      expect([
        slug,
        m(slug)
          .spec.commonApplications.map((a) => a.huruf)
          .filter(Boolean),
      ]).toEqual([slug, listed]);
    }
  });

  it("define the data groups of their regulation's list", () => {
    for (const slug of SEED_STACKS) {
      const list = loadRegistry(slug)!.rules["data-group-list"];
      const groups = m(slug).spec.dataGroups;
      if (Array.isArray(list)) {
        expect([slug, groups.map((g) => g.huruf)]).toEqual([slug, list.map((c) => c.huruf)]);
        groups.forEach((g, i) => expect(g.name).toBe(list[i].text));
      } else {
        expect([slug, groups.every((g) => g.huruf === undefined)]).toEqual([slug, true]);
      }
    }
  });

  it("encode each regulation's own provisions", () => {
    // Bulukumba alone may have Bupati exemptions (Pasal 6 ayat (3)) and signs electronically (Pasal 14-16).
    expect(SEED_STACKS.filter((s) => m(s).spec.exemptions.length > 0)).toEqual(["bulukumba"]);
    expect(SEED_STACKS.filter((s) => m(s).applications.some((h) => h.app.electronicSignature))).toEqual(["bulukumba"]);
    // Batang Hari runs one LPSE (Pasal 18) with a file volume to back up (Pasal 19 ayat (2) huruf f).
    const lpse = SEED_STACKS.flatMap((s) =>
      m(s)
        .applications.filter((h) => h.app.lpse)
        .map((h) => [s, h.app.id, h.app.volumes.length > 0]),
    );
    expect(lpse).toEqual([["batang-hari", "spse", true]]);
    // Hulu Sungai Tengah controls which sites OPDs reach (Pasal 4 ayat (4)).
    expect(SEED_STACKS.filter((s) => m(s).spec.internet.blockedCategories.length > 0)).toEqual(["hulu-sungai-tengah"]);
    // OKU Selatan: the five phases (Pasal 7) and registration of every system (Pasal 10 ayat (1)).
    expect(SEED_STACKS.filter((s) => m(s).spec.phase)).toEqual(["oku-selatan"]);
    expect(m("oku-selatan").applications.every((h) => h.app.registration)).toBe(true);
    // Konawe Selatan keeps portable backups (Pasal 23 ayat (3)); OKU Selatan, without a DR article, too.
    for (const s of ["konawe-selatan", "oku-selatan"]) {
      const portable = new Set(
        m(s)
          .spec.sites.filter((x) => x.kind === "portable-media")
          .map((x) => x.id),
      );
      expect(m(s).spec.backup.policies.some((p) => portable.has(p.targetSite))).toBe(true);
    }
  });

  it("phase SSO in: some applications onboarded, some in transition", () => {
    for (const s of SEED_STACKS) {
      const statuses = new Set(m(s).applications.map((h) => h.app.sso));
      expect([s, [...statuses].sort()]).toEqual([s, ["onboarded", "transition"]]);
    }
  });

  it("use supernets that do not collide between regencies", () => {
    expect(new Set(SEED_STACKS.map((s) => m(s).ipPlan.supernet)).size).toBe(SEED_STACKS.length);
  });

  it("the template is valid as it stands", () => {
    const t = loadStackFile(TEMPLATE_FILE);
    expect(t.spec.opds.length).toBeGreaterThanOrEqual(8);
    expect(t.spec.sites.find((s) => s.kind === "primary")?.platform).toBe("docker");
    // Outside the registry, rules say plainly that no article is recorded.
    expect(t.cite("backup").summary).toMatch(/no citation recorded/);
  });
});

describe("JSON Schema for editors", () => {
  const file = path.join(STACKS_DIR, "regency-stack.schema.json");

  it("is up to date (npm run schema), and so is the field reference generated with it", () => {
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(stackFileJsonSchema());
    expect(fs.readFileSync(path.join(STACKS_DIR, "FIELDS.md"), "utf8")).toBe(fieldReference());
  });

  it("explains every field on hover: each one has a description, the ones reviewers asked about included", () => {
    const rows = fieldRows();
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.filter((r) => !r.description).map((r) => r.path)).toEqual([]);
    const spec = `config.regency:spec.`;
    const described = (p: string) => rows.find((r) => r.path === spec + p)?.description;
    expect(described("opds[].applications[].registration")).toMatch(/Registration number/);
    expect(described("opds[].applications[].lpse")).toMatch(/LPSE/);
    expect(described("opds[].applications[].kind")).toMatch(/umum = common application .* khusus = an OPD's own/);
    expect(described("commonApplications[].huruf")).toMatch(/huruf of the regulation's Pasal 8 list/);
    expect(described("phase")).toMatch(/e-government phase/);
    expect(described("exemptions[].category")).toMatch(/waiver = .*mitigated = /);
    expect(described("opds[].applications[].database.publishedPort")).toMatch(/published outside/);
    expect(described("opds[].applications[].id")).toMatch(/Unique in the regency/);
  });

  it("the reference can fail: a field without a description is listed", () => {
    const rows = fieldRows({
      type: "object",
      properties: {
        a: { type: "string", description: "x" },
        b: { type: "array", items: { type: "object", properties: { c: { type: "number" } } } },
      },
    });
    expect(rows.filter((r) => !r.description).map((r) => r.path)).toEqual(["b", "b[].c"]);
  });

  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const check = ajv.compile(stackFileJsonSchema());
  it.each([...SEED_STACKS.map(stackFile), TEMPLATE_FILE])("accepts %s", (f) => {
    const ok = check(YAML.parse(fs.readFileSync(f, "utf8")));
    expect(check.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("rejects what the validator rejects structurally", () => {
    const doc = YAML.parse(fs.readFileSync(stackFile("bulukumba"), "utf8"));
    doc.config["regency:spec"].domain.name = "bulukumba.com";
    doc.config["regency:spec"].sites[0].kind = "gudang";
    expect(check(doc)).toBe(false);
    expect(check.errors!.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(["/config/regency:spec/domain/name", "/config/regency:spec/sites/0/kind"]),
    );
  });
});
