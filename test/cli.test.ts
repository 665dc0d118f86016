import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { loadStackFile, stackFile } from "../components/model/load";
import { buildPlan } from "../components/model/plan";
import { specOf, stackText } from "./support/stacks";

const BIN = path.join(__dirname, "..", "bin", "regency.js");
const regency = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: path.join(__dirname, "..") });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const noStackTrace = (s: string) => expect(s).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);

describe("regency CLI", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "regency-cli-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("validates every stack", () => {
    const r = regency("validate", "--all");
    expect(r.code).toBe(0);
    expect(r.out.match(/^✓ /gm)).toHaveLength(5);
    expect(r.out).toContain("Kabupaten Konawe Selatan: 13 OPD");
  });

  it("validates one stack by slug and by file", () => {
    expect(regency("validate", "--stack", "bulukumba").code).toBe(0);
    expect(regency("validate", "stacks/Pulumi.batang-hari.yaml").out).toMatch(/^✓ Kabupaten Batang Hari/);
  });

  it("rejects a bad stack with field paths, the article and exit 1, without a stack trace", () => {
    const spec = specOf("konawe-selatan");
    spec.opds[1].applications[0].database.dataGroups = ["rahasia"];
    spec.network.segments.management.cidr = "10.75.0.0/24";
    const file = path.join(tmp, "bad.yaml");
    fs.writeFileSync(file, stackText(spec));
    const r = regency("validate", file);
    expect(r.code).toBe(1);
    expect(r.err).toContain("opds[1].applications[0].database.dataGroups[0]");
    expect(r.err).toContain('kelompok basis data "rahasia" tidak didefinisikan di dataGroups');
    expect(r.err).toContain("network.segments.management.cidr");
    expect(r.err).toContain("Peraturan Bupati Konawe Selatan Nomor 4 Tahun 2018, Pasal 5 ayat (1)");
    expect(r.err).toMatch(/bad\.yaml:\d+:\d+/);
    noStackTrace(r.err);
  });

  it("says which stacks exist when the slug is unknown", () => {
    const r = regency("validate", "--stack", "kolaka");
    expect(r.code).toBe(1);
    expect(r.err).toContain('no stack "kolaka" (available: batang-hari, bulukumba');
    noStackTrace(r.err);
  });

  it("prints the IP plan as table, CSV and JSON that agree", () => {
    const json = JSON.parse(regency("ipplan", "--stack", "oku-selatan", "--format", "json").out);
    const csv = regency("ipplan", "--stack", "oku-selatan", "-f", "csv").out.trim().split("\n");
    const table = regency("ipplan", "--stack", "oku-selatan").out;
    expect(json.supernet).toBe("10.16.0.0/16");
    expect(csv[0]).toBe("segment,purpose,opd,cidr,gateway,usable,source");
    expect(csv).toContain(
      `opd-dinkes,opd,dinkes,${json.segments.find((s: { opd?: string }) => s.opd === "dinkes").cidr},10.16.6.1,253,frozen`,
    ); // numbered once, then kept by the stack's IP plan lock
    for (const s of json.segments) expect(table).toContain(s.cidr);
  });

  it("shows which article mandates a rule, or that none does", () => {
    expect(regency("citations", "--stack", "bulukumba", "--rule", "bupati-exemption").out).toContain(
      "Pasal 6 ayat (3)",
    );
    expect(regency("citations", "--stack", "oku-selatan", "--rule", "backup").out).toMatch(
      /backup \(good practice\)\n.*not mandated by Peraturan Bupati Ogan Komering Ulu Selatan/,
    );
    // One vocabulary: the names `check` reports are accepted too, and say which registry rules they enforce.
    expect(regency("citations", "--stack", "konawe-selatan", "--rule", "network-isolation-advisory").out).toMatch(
      /^network-isolation: .*\n {2}security\n .*Pasal 6 ayat \(4\)/,
    );
    expect(regency("citations", "--stack", "konawe-selatan", "--rule", "security").out).toContain(
      "checked by: network-isolation, secrets-hygiene, image-mirror",
    );
    const unknown = regency("citations", "--stack", "konawe-selatan", "--rule", "keamanan");
    expect([unknown.code, unknown.err]).toEqual([
      2,
      expect.stringMatching(
        /^regency: --rule keamanan: no such rule; the policy pack's: .*network-isolation.*; the registry's: .*security/,
      ),
    ]);
  });

  /** What a regency writes in place of each placeholder of `regency new`. */
  const fillPlaceholders = (text: string) => {
    let partner = 0;
    return (
      text
        .replace(/["']?<isi: tahun Peraturan Bupati>["']?/, "2024")
        .replace(/["']?<isi: nomor Peraturan Bupati>["']?/, "'7'")
        .replace(/["']?<isi: jaringan [^>]*>["']?/g, () => `172.23.${partner++}.0/28`)
        .replace(/ssh:\/\/<isi: host Docker ([a-z-]+)>/g, "ssh://admin@$1.dc.kolakatimurkab.go.id")
        .replace(/["']?<isi: nama OPD; contoh: ([^—]+) — sesuaikan atau hapus>["']?/g, "$1")
        // Records older than the national two years: the fork is blocked by the national layer.
        .replace(/["']?<isi: tanggal [^>]*>["']?/g, "2024-01-10")
        .replace(/["']?<isi: surel atau telepon [^>]*>["']?/g, "pdp@kolakatimurkab.go.id")
        .replace(/["']?<isi: ([^>]*)>["']?/g, "Diisi $1")
    );
  };

  it("new: writes the template's stack in one command; what only the regency knows fails validation until filled in", () => {
    const r = regency(
      "new",
      "kolaka-timur",
      "--name",
      "Kabupaten Kolaka Timur",
      "--domain",
      "kolakatimurkab.go.id",
      "--custodian",
      "Dinas Komunikasi dan Informatika",
      "--supernet",
      "10.42.0.0/16",
      "--stacks-dir",
      tmp,
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const file = path.join(tmp, "Pulumi.kolaka-timur.yaml");
    const text = fs.readFileSync(file, "utf8");
    expect(r.out).toMatch(/written from the template: \d+ placeholder\(s\) <isi: …> to fill in/);
    expect(r.out).toContain("freeze the IP plan with `npx regency ipplan --stack kolaka-timur --write-lock`");
    // The province, the regulation's number and year, every site's place and Docker host, every example OPD and partner network.
    const v = regency("validate", file);
    expect(v.code).toBe(1);
    const fields = [...v.out.concat(v.err).matchAll(/^✗ \S+:\d+:\d+ (\S+)\n\s+isian templat belum diganti/gm)].map(
      (m) => m[1],
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        "regency.province",
        "regency.regulation.number",
        "regency.regulation.year",
        "sites[0].location",
        "sites[0].endpoint.dockerHost",
        "opds[0].name",
        "interconnections[0].remote.cidr",
        "interconnections[0].agreement",
      ]),
    );
    expect(fields).toHaveLength(text.split("\n").filter((l) => l.includes("<isi:")).length);
    expect(v.err).not.toMatch(/wrong type|not an IPv4 CIDR/); // a placeholder is said as such, not as the wrong value it also is
    // A section to quote the regulation's articles, every rule named.
    expect(text).toMatch(
      /# Your Peraturan Bupati's articles by rule, quoted word for word[\s\S]*server-consolidation[\s\S]*citations: \{\}/,
    );
    // Filled in, it validates and checks.
    fs.writeFileSync(file, fillPlaceholders(text));
    const model = loadStackFile(file);
    expect(model.spec.regency).toMatchObject({
      slug: "kolaka-timur",
      name: "Kabupaten Kolaka Timur",
      regulation: { number: "7", year: 2024 },
    });
    expect(model.spec.domain).toEqual({ name: "kolakatimurkab.go.id", source: "configured" });
    expect(model.ipPlan.supernet).toBe("10.42.0.0/16");
    expect(model.ipPlan.segments.every((s) => s.cidr.startsWith("10.42."))).toBe(true);
    expect(fs.readFileSync(file, "utf8")).not.toContain("kabupatencontoh");
    expect(model.applications.every((h) => h.app.image.startsWith("registry.kolakatimurkab.go.id/"))).toBe(true);
    // Its articles are not recorded yet: check says, first thing, which rules therefore cannot block.
    const c = regency("check", file, "--format", "json");
    const summary = JSON.parse(c.out).summary;
    expect(summary.cannotBlock).toEqual(expect.arrayContaining(["disaster-recovery", "server-consolidation"]));
    // The national layer binds it anyway: the computing center run by the Dinas (Permenkominfo 4/2024 Pasal 45
    // ayat (3)), the domain (Pasal 29), security (PP 71/2019 Pasal 23).
    for (const bound of ["custodian-data-center", "official-domain", "network-isolation"])
      expect(summary.cannotBlock).not.toContain(bound);
    // Its continuity plan and IT audit were last done on 2024-01-10, more than two years ago: blocked,
    // citing the national articles word for word and saying its own Perbup is silent.
    const verdict = JSON.parse(c.out);
    expect(c.code).toBe(1);
    const blocking = verdict.violations.filter((v: any) => v.level === "mandatory");
    expect(blocking.map((v: any) => v.rule).sort()).toEqual(["continuity-plan", "it-audit"]);
    const audit = blocking.find((v: any) => v.rule === "it-audit");
    expect(audit.message).toBe(
      "the last IT audit, by Diisi lembaga pelaksana Audit TIK, was on 2024-01-10: the next was due by 2026-01-10",
    );
    expect(audit.citations[0]).toMatchObject({
      regulation: "Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024",
      layer: "national",
      articles: expect.arrayContaining([
        {
          article: "Pasal 73 ayat (3)",
          text: "Audit TIK sebagaimana dimaksud pada ayat (1) dilaksanakan minimal 1 (satu) kali dalam 2 (dua) tahun.",
        },
      ]),
    });
    expect(audit.citations[0].summary).toContain(
      "(Peraturan Bupati Kolaka Timur Nomor 7 Tahun 2024 does not regulate this; the national rule applies)",
    );
    expect(regency("check", file).out.split("\n")[1]).toMatch(
      /^⚠ \d+ rule\(s\) cannot block: no article of Peraturan Bupati .* is recorded for them, so they only advise — disaster-recovery, server-consolidation, .*Quote the regulation's articles under regency\.regulation\.citations to enforce them\.$/,
    );
  });

  it("new: a Bagian custodian is recognised", () => {
    expect(
      regency(
        "new",
        "kolaka-utara",
        "--name",
        "Kabupaten Kolaka Utara",
        "--domain",
        "kolakautarakab.go.id",
        "--custodian",
        "Bagian Pengelolaan Data Elektronik",
        "--stacks-dir",
        tmp,
      ).code,
    ).toBe(0);
    expect(
      YAML.parse(fs.readFileSync(path.join(tmp, "Pulumi.kolaka-utara.yaml"), "utf8")).config["regency:spec"].custodian
        .kind,
    ).toBe("bagian");
  });

  it("new: refuses bad input and writes nothing", () => {
    const r = regency(
      "new",
      "Bad_Slug",
      "--name",
      "Bulukumba",
      "--domain",
      "bulukumba.com",
      "--custodian",
      "Dinas",
      "--stacks-dir",
      tmp,
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain("regency.slug");
    expect(r.err).toContain("regency.name");
    expect(r.err).toContain("domain.name");
    expect(r.err).toContain("not written");
    noStackTrace(r.err);
    expect(fs.readdirSync(tmp).filter((f) => f.includes("Bad_Slug"))).toEqual([]);
  });

  it("new: never overwrites an existing stack without --force", () => {
    const r = regency(
      "new",
      "bulukumba",
      "--name",
      "Kabupaten Bulukumba",
      "--domain",
      "bulukumbakab.go.id",
      "--custodian",
      "Dinas Komunikasi dan Informatika",
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/exists \(use --force/);
    expect(YAML.parse(fs.readFileSync(stackFile("bulukumba"), "utf8")).config["regency:spec"].exemptions).toHaveLength(
      1,
    );
  });

  it("has --help everywhere", () => {
    for (const cmd of ["validate", "new", "ipplan", "citations", "schema"]) {
      const r = regency(cmd, "--help");
      expect([cmd, r.code]).toEqual([cmd, 0]);
      expect(r.out).toMatch(/^Usage: regency /);
    }
    expect(regency("--help").out).toMatch(/Commands:[\s\S]*validate[\s\S]*new[\s\S]*ipplan/);
  });

  it("reports an unknown option without a stack trace", () => {
    const r = regency("validate", "--bogus");
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown option '--bogus'");
    noStackTrace(r.err);
  });
});

describe("regency plan", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "regency-plan-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const tree = (dir: string): Record<string, string> =>
    Object.fromEntries(
      fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => {
          const p = path.join(e.parentPath, e.name);
          return [path.relative(dir, p), fs.readFileSync(p, "utf8")];
        }),
    );

  it("writes manifests, realm, backup scripts and schedule, and the IP plan; the same spec gives byte-identical files", () => {
    const a = path.join(tmp, "a");
    const b = path.join(tmp, "b");
    const r = regency("plan", "--stack", "batang-hari", "--out", a);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ Kabupaten Batang Hari \(kubernetes\): 12 OPD, 19 aplikasi, \d+ backup jobs/);
    // What recovery the plan promises: the RPO of point-in-time recovery, said where the plan is made.
    expect(r.out).toMatch(
      /recovery: 27 sources backed up; point-in-time recovery for 7 database\(s\), RPO ≤ 300 s, 7 days back; the rest to the last daily copy/,
    );
    expect(r.out).toMatch(/Namespace \d+, ResourceQuota \d+, LimitRange \d+, NetworkPolicy \d+/);
    expect(regency("plan", "--stack", "batang-hari", "--out", b).code).toBe(0);
    const ta = tree(a);
    expect(Object.keys(ta)).toEqual(
      expect.arrayContaining([
        "kubernetes/pusat-data/_cluster.yaml",
        "kubernetes/pusat-data/opd-bagian-pbj.yaml",
        "kubernetes/pusat-pemulihan/_cluster.yaml",
        "sso/realm-batang-hari.json",
        "backup/scripts/pg-backup.sh",
        "backup/scripts/files-restore.sh",
        "backup/schedule.json",
        "ipplan.csv",
        "ipplan.json",
      ]),
    );
    expect(tree(b)).toEqual(ta);
    // Manifests parse as YAML and name their kind; secrets are placeholders.
    const docs = YAML.parseAllDocuments(ta["kubernetes/pusat-data/opd-bagian-pbj.yaml"]).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(
      expect.arrayContaining(["Deployment", "StatefulSet", "CronJob", "Ingress", "NetworkPolicy", "Secret"]),
    );
    for (const d of docs.filter((x) => x.kind === "Secret"))
      for (const [k, v] of Object.entries(d.stringData))
        if (/password|secret/.test(k)) expect(v).toMatch(/^\{\{secret:/);
    const schedule = JSON.parse(ta["backup/schedule.json"]);
    expect(schedule.find((j: { source: string }) => j.source === "spse-dokumen-pengadaan")).toMatchObject({
      kind: "files",
      targetSite: "pusat-pemulihan",
      repository: expect.stringMatching(/^rest:http:\/\/10\.\d+\.\d+\.\d+:8000\/opd-bagian-pbj\/$/),
      timeZone: "Asia/Jakarta",
    });
  });

  it("plans the template on its own platform (Docker) and on Kubernetes when asked", () => {
    const d = path.join(tmp, "docker");
    const r = regency("plan", "stacks/template/Pulumi.template.yaml", "--out", d);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(docker\).*\n\s+RemoteImage \d+, Network \d+, Volume \d+, Container \d+/);
    const state = JSON.parse(fs.readFileSync(path.join(d, "docker", "pusat-data.json"), "utf8"));
    expect(Object.keys(state)).toEqual(["networks", "containers", "volumes", "images", "approximations"]);
    expect(fs.existsSync(path.join(d, "kubernetes"))).toBe(false);
    const k = path.join(tmp, "k8s");
    expect(regency("plan", "stacks/template/Pulumi.template.yaml", "--platform", "kubernetes", "--out", k).code).toBe(
      0,
    );
    expect(fs.existsSync(path.join(k, "kubernetes", "pusat-data", "opd-dinkes.yaml"))).toBe(true);
  });

  it("refuses an unknown platform", () => {
    const r = regency("plan", "--stack", "bulukumba", "--platform", "vm", "--out", path.join(tmp, "x"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("Allowed choices are kubernetes, docker");
    noStackTrace(r.err);
  });
});

describe("regency check", () => {
  it("checks several stack files in one process: --all, or a list; JSON and SARIF merged, an invalid file reported and blocking", () => {
    const all = regency("check", "--all", "--format", "json");
    expect(all.code).toBe(0);
    const json = JSON.parse(all.out);
    expect(json.stacks.map((x: { regency: { slug: string } }) => x.regency.slug)).toEqual([
      "batang-hari",
      "bulukumba",
      "hulu-sungai-tengah",
      "konawe-selatan",
      "oku-selatan",
    ]);
    const bad = path.join(tmp, "Pulumi.rusak.yaml");
    fs.writeFileSync(
      bad,
      fs.readFileSync(stackFile("oku-selatan"), "utf8").replace("phase: pemantapan", "phase: selesai"),
    );
    const mixed = regency("check", stackFile("bulukumba"), bad, "--format", "sarif");
    expect(mixed.code).toBe(1);
    const sarif = JSON.parse(mixed.out);
    expect(sarif.runs).toHaveLength(2);
    expect(sarif.runs[1].results[0]).toMatchObject({
      ruleId: "invalid-spec",
      locations: [{ physicalLocation: { artifactLocation: { uri: expect.stringMatching(/Pulumi\.rusak\.yaml$/) } } }],
    });
    expect(mixed.err).toContain("Pulumi.rusak.yaml");
    noStackTrace(mixed.err);
    expect(regency("check", "--all", "--baseline", bad).err).toMatch(/--baseline is the base report of one stack/);

    // The same files in two processes: the same report, the same errors, the same exit code.
    const files = [stackFile("bulukumba"), bad, stackFile("oku-selatan")];
    const one = regency("check", ...files, "--today", "2026-12-01");
    const two = regency("check", "--jobs", "2", ...files, "--today", "2026-12-01");
    expect(one.code).toBe(1);
    expect([two.code, two.out, two.err]).toEqual([one.code, one.out, one.err]);
    const wrong = regency("check", "--jobs", "0", ...files);
    expect([wrong.code, wrong.err]).toEqual([2, 'regency: --jobs 0: give a whole number from 1, or "auto"\n']);
  });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "regency-check-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("passes a seed stack (exit 0) and prints stable JSON", () => {
    const r = regency("check", "--stack", "bulukumba", "--format", "json", "--today", "2026-11-23");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      schemaVersion: 1,
      regency: { slug: "bulukumba", regulation: "Peraturan Bupati Bulukumba Nomor 143 Tahun 2017" },
      platform: "kubernetes",
      offline: true,
      summary: { mandatory: 0, passed: true },
    });
    expect(j.violations.every((v: { level: string }) => v.level === "advisory")).toBe(true);
  });

  it("blocks a bad stack (exit 1) with a pull-request comment and workflow annotations citing the article", () => {
    const spec = specOf("konawe-selatan");
    spec.sites[1].operator = "dinkes";
    const file = path.join(tmp, "Pulumi.bad.yaml");
    fs.writeFileSync(file, stackText(spec));
    const md = regency("check", file, "--format", "markdown", "--out", path.join(tmp, "report.md"));
    expect(md.code).toBe(1);
    expect(md.out).toMatch(
      /^### Regency compliance — Kabupaten Konawe Selatan\n\n\*\*❌ BLOCKED — Kabupaten Konawe Selatan: \d+ mandatory/,
    );
    // The stack-file line of the site that causes it, then the resource.
    const siteLine =
      stackText(spec)
        .split("\n")
        .findIndex((l) => /^\s+- id: pusat-pemulihan$/.test(l)) + 1;
    expect(md.out).toContain(
      `| ❌ | \`custodian-data-center\` | \`${path.relative(path.join(__dirname, ".."), file)}:${siteLine}\` \`sites[1]\` | \`DataCenter pusat-pemulihan\` |`,
    );
    expect(md.out).toContain("<details><summary>Citations and fixes / Dasar hukum dan perbaikan</summary>");
    expect(md.out).toContain(
      "**Peraturan Bupati Konawe Selatan Nomor 4 Tahun 2018, Pasal 6 ayat (2)**: “OPD dilarang mengadakan pusat data dan pusat pemulihan data",
    );
    expect(fs.readFileSync(path.join(tmp, "report.md"), "utf8")).toBe(md.out);
    const gh = regency("check", "--file", file, "--format", "github");
    expect(gh.code).toBe(1);
    // On the site's line in the stack file; the title's comma escaped as GitHub wants it.
    expect(gh.out).toContain(
      `::error file=${path.relative(path.join(__dirname, ".."), file)},line=${siteLine},col=9,title=custodian-data-center (Pasal 6 ayat (1)%2C Pasal 6 ayat (2)%2C Pasal 45 ayat (3) Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024)::DataCenter pusat-pemulihan: site "pusat-pemulihan" is a disaster-recovery center`,
    );
    const text = regency("check", file);
    expect(text.out).toContain("Offline check: the program ran under Pulumi's mock runtime");
    noStackTrace(text.err);
  });

  it("takes a CrossGuard policy config file", () => {
    const cfg = path.join(tmp, "policy.json");
    fs.writeFileSync(cfg, JSON.stringify({ all: "disabled" }));
    const j = JSON.parse(regency("check", "--stack", "oku-selatan", "--format", "json", "--policy-config", cfg).out);
    expect(j.violations).toEqual([]);
    expect(regency("check", "--stack", "oku-selatan", "--today", "23-11-2026").err).toContain(
      "--today must be a day of the calendar as YYYY-MM-DD, not 23-11-2026",
    );
  });

  it("writes the estate as a policy pack config that check accepts, and the regency's own stack passes with it", () => {
    const cfg = path.join(tmp, "estate.json");
    const w = regency("estate", "--stack", "bulukumba", "--out", cfg);
    expect(w.code).toBe(0);
    const config = JSON.parse(fs.readFileSync(cfg, "utf8"));
    expect(Object.keys(config).sort()).toEqual([
      "data-location",
      "estate-domain",
      "estate-placement",
      "estate-unclassified",
    ]);
    expect(config["estate-placement"].estate).toMatchObject({
      regency: "bulukumba",
      domain: "bulukumbakab.go.id",
      custodian: "Dinas Komunikasi dan Informatika",
    });
    expect(
      config["estate-placement"].estate.sites.find((s: { id: string }) => s.id === "pusat-data").kubeApiServers,
    ).toEqual(["https://10.73.0.10:6443"]);
    const r = regency("check", "--stack", "bulukumba", "--format", "json", "--policy-config", cfg);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).summary.mandatory).toBe(0);
  });

  const model = (slug: string) => loadStackFile(stackFile(slug));
  it("an invalid stack file still gets the machine formats: annotations on its line, JSON and Markdown with the article", () => {
    const spec = specOf("konawe-selatan");
    spec.domain.name = "konaweselatan.com";
    const file = path.join(tmp, "tidak-sah.yaml");
    fs.writeFileSync(file, stackText(spec));
    const line =
      stackText(spec)
        .split("\n")
        .findIndex((l) => l.includes("konaweselatan.com")) + 1;
    const gh = regency("check", file, "--format", "github");
    expect(gh.code).toBe(1);
    // The file as the repository sees it (relative), properties escaped as GitHub wants them (`,` is %2C).
    const shown = path.relative(path.join(__dirname, ".."), file);
    expect(gh.out.split("\n")[0]).toBe(
      `::error file=${shown},line=${line},col=13,title=invalid domain.name (Pasal 10 ayat (2)%2C Pasal 10 ayat (3))::the official domain must end in .go.id%0Adomain resmi harus berakhiran .go.id%0A↳ ${model("konawe-selatan").cite("official-domain").summary}`,
    );
    expect(gh.err).toContain("domain resmi harus berakhiran .go.id");
    const json = JSON.parse(regency("check", file, "--format", "json").out);
    expect(json).toMatchObject({
      valid: false,
      summary: { errors: 1, blocked: true },
      errors: [
        {
          path: "domain.name",
          location: { file: shown, line },
          citation: { articles: [{ article: "Pasal 10 ayat (2)" }, { article: "Pasal 10 ayat (3)" }] },
        },
      ],
    });
    expect(regency("check", file, "--format", "markdown").out).toContain(
      `| \`${shown}:${line}\` | \`domain.name\` | the official domain must end in .go.id`,
    );
  });

  it("refuses a --today that is not a day of the calendar instead of rolling it over", () => {
    const r = regency("check", "--stack", "bulukumba", "--today", "2026-02-30");
    noStackTrace(r.err);
    expect([r.code, r.err.trim()]).toEqual([
      2,
      "regency: --today must be a day of the calendar as YYYY-MM-DD, not 2026-02-30",
    ]);
  });

  it("plan --out replaces only a directory it wrote: never deletes unrelated files, refuses the current directory, fails fast on an unusable path", () => {
    const dir = path.join(tmp, "punya-orang");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "catatan.txt"), "jangan dihapus");
    const r = regency("plan", "--stack", "oku-selatan", "--out", dir);
    noStackTrace(r.err);
    expect([r.code, r.err.trim()]).toEqual([
      2,
      `regency: ${dir}: is not empty and was not written by \`regency plan\` (no .regency-plan in it): give a new or empty directory; nothing written`,
    ]);
    expect(fs.readdirSync(dir)).toEqual(["catatan.txt"]);
    // Its own output is replaced whole, a stale file included.
    const own = path.join(tmp, "rencana");
    expect(regency("plan", "--stack", "oku-selatan", "--out", own).code).toBe(0);
    fs.writeFileSync(path.join(own, "usang.yaml"), "stale");
    expect(regency("plan", "--stack", "oku-selatan", "--out", own).code).toBe(0);
    expect(fs.existsSync(path.join(own, "usang.yaml"))).toBe(false);
    expect(fs.existsSync(path.join(own, ".regency-plan"))).toBe(true);
    // The current directory (or a parent of it) is never the output; no staging directory is left behind.
    const dot = spawnSync(process.execPath, [BIN, "plan", "--stack", "oku-selatan", "--out", "."], {
      encoding: "utf8",
      cwd: path.join(__dirname, ".."),
    });
    expect([dot.status, dot.stderr.trim()]).toEqual([
      2,
      "regency: .: is the current directory, one of its parents or the root: give a directory of its own, e.g. out/plan; nothing written",
    ]);
    expect(fs.readdirSync(path.join(__dirname, "..")).filter((f) => f.includes(".tmp-"))).toEqual([]);
    // A file in the way, and a directory that cannot be written: a clear error at once.
    const file = path.join(tmp, "berkas");
    fs.writeFileSync(file, "x");
    expect(regency("plan", "--stack", "oku-selatan", "--out", file).err.trim()).toBe(
      `regency: ${file}: exists and is not a directory; nothing written`,
    );
    const under = regency("plan", "--stack", "oku-selatan", "--out", path.join(file, "plan"));
    expect([under.code, under.err.trim()]).toEqual([
      2,
      `regency: ${path.join(file, "plan")}: cannot be read (ENOTDIR); nothing written`,
    ]);
  });

  it("reads the drill ledger of a site's maintenance log: says per source when it was last restored, hands it to the pack and the report", () => {
    const plan = buildPlan(loadStackFile(stackFile("bulukumba"))).backupJobs.filter((j) => j.drill);
    const id = (n: number) => n.toString(16).padStart(64, "0");
    const lines = plan.flatMap((j, i) => [
      {
        type: "source",
        site: j.targetSite,
        repository: j.namespace,
        source: j.name,
        snapshots: 40,
        first: "2026-09-01T01:30:00+08:00",
        last: "2026-11-24T01:30:00+08:00",
      },
      ...(i === 0
        ? []
        : [
            {
              type: "drill",
              site: j.targetSite,
              repository: j.namespace,
              snapshot: id(i),
              time: "2026-11-21T04:00:00+08:00",
              source: j.name,
              kind: j.kind,
              startedAt: "2026-11-20T20:00:00Z",
              seconds: 7,
              result: "ok",
              detail: "2 tables, 10 rows",
            },
          ]),
    ]);
    const log = path.join(tmp, "maintenance.log");
    fs.writeFileSync(
      log,
      ["backup: opd-x pruned and checked", ...lines.map((l) => `drill-ledger: ${JSON.stringify(l)}`)].join("\n") + "\n",
    );
    const r = regency("drills", "--stack", "bulukumba", "--ledger", log, "--today", "2026-11-25");
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `✗ ${plan[0].namespace}/${plan[0].source} at ${plan[0].targetSite}: copies since 2026-09-01 at ${plan[0].targetSite}, but no successful restore drill ever`,
    );
    expect(r.out).toContain(
      `✓ ${plan[1].namespace}/${plan[1].source} at ${plan[1].targetSite}: restored and checked 2026-11-21 in 7 s (2 tables, 10 rows); next due by 2026-12-25`,
    );
    expect(r.out).toContain(
      `${plan.length} sources: ${plan.length - 1} drilled within their period, 1 overdue, 0 not due yet`,
    );
    // Into the pack's config: the one undrilled source blocks, citing the national article.
    const cfg = path.join(tmp, "estate-drills.json");
    expect(regency("estate", "--stack", "bulukumba", "--ledger", log, "--out", cfg).code).toBe(0);
    const c = regency(
      "check",
      "--stack",
      "bulukumba",
      "--format",
      "json",
      "--today",
      "2026-11-25",
      "--policy-config",
      cfg,
    );
    expect(c.code).toBe(1);
    const blocked = JSON.parse(c.out).violations.filter((v: { level: string }) => v.level === "mandatory");
    expect(blocked.map((v: { policy: string }) => v.policy)).toEqual(["restore-drills"]);
    expect(blocked[0].citations[0].articles[0].article).toBe("Pasal 46 ayat (3)");
    // And into the report.
    const out = path.join(tmp, "report-drills");
    expect(regency("report", "--stack", "bulukumba", "--ledger", log, "--today", "2026-11-25", "--out", out).code).toBe(
      0,
    );
    expect(fs.readFileSync(path.join(out, "report.md"), "utf8")).toContain("2026-11-21 (berhasil, uji rutin)");
    // A broken ledger line: the file, the line and the field, no stack trace.
    fs.writeFileSync(log, `drill-ledger: ${JSON.stringify({ ...lines[2], seconds: -1 })}\n`);
    const bad = regency("drills", "--stack", "bulukumba", "--ledger", log);
    noStackTrace(bad.err);
    expect([bad.code, bad.err.trim()]).toEqual([1, `${log}:1: seconds: Too small: expected number to be >=0`]);
  });

  it("refuses a policy config with a typo instead of passing what it would block (file and key named)", () => {
    const cfg = path.join(tmp, "typo.json");
    const bad = (config: string) => {
      fs.writeFileSync(cfg, config);
      const r = regency("check", "--stack", "bulukumba", "--policy-config", cfg);
      noStackTrace(r.err);
      return r;
    };
    let r = bad(JSON.stringify({ "server-consolidation": "mandatroy" }));
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toContain(
      `${cfg}: "server-consolidation": unknown enforcement level "mandatroy" (one of advisory, mandatory, remediate, disabled)`,
    );
    r = bad(
      JSON.stringify({
        "server-konsolidasi": "disabled",
        "official-domain": { enforcementLevel: "off", todya: "2026-01-01" },
      }),
    );
    expect(r.err).toContain(`${cfg}: "server-konsolidasi": no such policy in the pack`);
    expect(r.err).toContain(`${cfg}: "official-domain.enforcementLevel": unknown enforcement level "off"`);
    expect(r.err).toContain(`${cfg}: "official-domain.todya": not a setting of the policy`);
    r = bad("{ all: disabled }");
    expect(r.err).toMatch(
      new RegExp(`^regency: ${cfg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1:3: not valid JSON: invalid symbol`),
    );
  });
});
