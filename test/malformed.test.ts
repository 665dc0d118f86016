/**
 * Malformed stack files: each is rejected with the field path it breaks (and, where a
 * regulation applies, that regency's article), nothing else is accepted half-way.
 */
import { formatIssues, SpecError } from "../components/model/issues";
import { parsePolicyConfig } from "../policies/config";
import { loadStackText } from "../components/model/load";
import { formatPath } from "../components/model/paths";
import { specOf, stackText } from "./support/stacks";

type Spec = Record<string, any>;
interface Case {
  name: string;
  base?: string;
  mutate: (s: Spec) => void;
  path: string;
  message?: RegExp;
  /** Expected article in the citation summary. */
  cites?: RegExp;
}

const app0 = (s: Spec) => s.opds[1].applications[0];
const cases: Case[] = [
  { name: "missing regency block", mutate: (s) => delete s.regency, path: "regency", message: /is required/ },
  {
    name: "a regulation text other than the registry's",
    base: "konawe-selatan",
    mutate: (s) => (s.regency.regulation.seedFile = "001_fa00bf599be5884f.txt"),
    path: "regency.regulation.seedFile",
    message:
      /the registry records the text of konawe-selatan's regulation as 000_2c6905d1ddbf0e40\.txt, not 001_fa00bf599be5884f\.txt/,
  },
  {
    name: "a regulation text given as a path",
    mutate: (s) => (s.regency.regulation.seedFile = "../../etc/passwd"),
    path: "regency.regulation.seedFile",
    message: /a text file name \(\.txt\/\.md\), not a path/,
  },
  {
    name: "a fork's regulation text that is not in the collection",
    mutate: (s) => {
      s.regency.slug = "kabupaten-baru";
      s.regency.regulation.seedFile = "999_tidak_ada.txt";
    },
    path: "regency.regulation.seedFile",
    message: /no regulation text 999_tidak_ada\.txt in .*shared\/seeds/,
  },
  {
    name: "two OPDs whose applications give one Docker container name (opd-dinkes + x-y, opd-dinkes-x + y)",
    mutate: (s) => {
      const dinkes = s.opds[1];
      dinkes.applications[1].id = "x-y";
      s.opds.push({
        slug: "dinkes-x",
        name: "UPT Dinas Kesehatan X",
        applications: [{ ...structuredClone(dinkes.applications[1]), id: "y", subdomain: "y-dinkes" }],
      });
    },
    path: "opds[13].applications[0].id",
    message: /generated Docker container name "opd-dinkes-x-y" is also generated from opds\[1\]\.applications\[1\]\.id/,
  },
  {
    name: "an application named like another's database (one Service name in a namespace)",
    mutate: (s) => (s.opds[1].applications[1].id = "simpus-db"),
    path: "opds[1].applications[1].id",
    message:
      /generated Service name "opd-dinkes\/simpus-db" is also generated from opds\[1\]\.applications\[0\]\.database/,
  },
  {
    name: "a seed stack that quotes its own articles (a registered regulation's come from the registry)",
    mutate: (s) => (s.regency.regulation.citations = { "server-consolidation": { notMandated: "tidak diatur" } }),
    path: "regency.regulation.citations",
    message: /come from the registry shipped with regency-dc; a stack file cannot change them/,
  },
  {
    name: "regency name without Kabupaten",
    mutate: (s) => (s.regency.name = "Bulukumba"),
    path: "regency.name",
    message: /must start with "Kabupaten "/,
  },
  {
    name: "slug with capitals",
    mutate: (s) => (s.regency.slug = "Bulukumba"),
    path: "regency.slug",
    message: /lowercase/,
  },
  {
    name: "regulation number not a number",
    mutate: (s) => (s.regency.regulation.number = "143a"),
    path: "regency.regulation.number",
  },
  {
    name: "regulation year as text",
    mutate: (s) => (s.regency.regulation.year = "2017"),
    path: "regency.regulation.year",
    message: /expected number/,
  },
  {
    name: "regulation differs from the registry",
    mutate: (s) => (s.regency.regulation.number = "99"),
    path: "regency.regulation",
    message: /Nomor 143 Tahun 2017, not Nomor 99/,
  },
  {
    name: "unknown top-level field",
    mutate: (s) => (s.datacenter = {}),
    path: "datacenter",
    message: /unknown field "datacenter"/,
  },
  {
    name: "custodian kind unknown",
    mutate: (s) => (s.custodian.kind = "badan"),
    path: "custodian.kind",
    message: /one of: dinas, bagian/,
  },
  {
    name: "domain not go.id",
    mutate: (s) => (s.domain.name = "bulukumba.com"),
    path: "domain.name",
    message: /must end in \.go\.id/,
    cites: /Pasal 10 ayat \(2\)/,
  },
  {
    name: "site operated by a vendor, named as no slug",
    mutate: (s) => (s.sites[1].operator = "PT Vendor Data"),
    path: "sites[1].operator",
    cites: /Pasal 6 ayat \(1\)/,
  },
  {
    name: "domain source missing",
    mutate: (s) => delete s.domain.source,
    path: "domain.source",
    message: /is required/,
  },
  { name: "no sites", mutate: (s) => (s.sites = []), path: "sites", message: /at least 1/ },
  { name: "site kind unknown", mutate: (s) => (s.sites[1].kind = "backup"), path: "sites[1].kind" },
  {
    name: "two primary sites of the custodian",
    mutate: (s) => (s.sites[1].kind = "primary"),
    path: "sites",
    message: /at most one primary site/,
    cites: /Pasal 6 ayat \(1\)/,
  },
  {
    name: "no primary site",
    mutate: (s) => (s.sites[0].kind = "recovery"),
    path: "sites",
    message: /there must be a primary site/,
  },
  {
    name: "application on an unknown site",
    mutate: (s) => (app0(s).site = "gudang"),
    path: "opds[1].applications[0].site",
    message: /does not exist/,
    cites: /Pasal 6 ayat \(3\)/,
  },
  {
    name: "application placed on the DR site",
    mutate: (s) => (app0(s).site = "pusat-pemulihan"),
    path: "opds[1].applications[0].site",
    message: /not on "pusat-pemulihan" \(recovery\)/,
  },
  {
    name: "kubernetes site without context",
    mutate: (s) => delete s.sites[0].endpoint,
    path: "sites[0].endpoint.kubeContext",
    message: /kubeContext/,
  },
  {
    name: "docker site without host",
    mutate: (s) => (s.sites[0].platform = "docker"),
    path: "sites[0].endpoint.dockerHost",
  },
  { name: "site without platform", mutate: (s) => delete s.sites[1].platform, path: "sites[1].platform" },
  {
    name: "site operated by nobody known",
    mutate: (s) => (s.sites[1].operator = "dinas-x"),
    path: "sites[1].operator",
    message: /neither "custodian" nor an OPD/,
  },
  {
    name: "duplicate site ids",
    mutate: (s) => (s.sites[1].id = "pusat-data"),
    path: "sites[1].id",
    message: /duplicate site id/,
  },
  {
    name: "supernet not a CIDR",
    mutate: (s) => (s.network.supernet = "10.73.0.0"),
    path: "network.supernet",
    message: /not an IPv4 CIDR/,
  },
  {
    name: "supernet misaligned",
    mutate: (s) => (s.network.supernet = "10.73.1.0/16"),
    path: "network.supernet",
    message: /not aligned/,
    cites: /Pasal 5 ayat \(2\)/,
  },
  {
    name: "pinned segment outside the supernet",
    mutate: (s) => (s.network.segments.management.cidr = "10.74.0.0/24"),
    path: "network.segments.management.cidr",
    message: /outside the supernet/,
    cites: /Pasal 5/,
  },
  {
    name: "reserved range overlapping a pin",
    mutate: (s) => (s.network.reserved[0].cidr = "10.73.0.0/23"),
    path: "network.segments.management.cidr",
    message: /overlaps reserved: Kubernetes service CIDR/,
  },
  {
    name: "OPD pin overlapping another pin",
    mutate: (s) => (s.opds[2].network = { cidr: "10.73.0.128/25" }),
    path: "opds[2].network.cidr",
    message: /overlaps management/,
  },
  {
    name: "OPD pin too small",
    mutate: (s) => (s.opds[2].network = { cidr: "10.73.200.0/29" }),
    path: "opds[2].network.cidr",
    message: /too small/,
  },
  {
    name: "supernet too small for the estate",
    mutate: (s) => {
      s.network.supernet = "10.73.0.0/22";
      s.network.reserved = [];
    },
    path: "network.segments.common-apps",
    message: /exhausted/,
  },
  {
    name: "OPD prefix too long",
    mutate: (s) => (s.network.opdPrefixLength = 30),
    path: "network.opdPrefixLength",
    message: /at most 29/,
  },
  {
    name: "partner network inside the supernet",
    mutate: (s) => (s.interconnections[0].remote.cidr = "10.73.40.0/28"),
    path: "interconnections[0].remote.cidr",
    message: /partner network/,
  },
  { name: "no OPDs", mutate: (s) => (s.opds = []), path: "opds", message: /at least 1/ },
  {
    name: "duplicate OPD slugs",
    mutate: (s) => (s.opds[2].slug = s.opds[1].slug),
    path: "opds[2].slug",
    message: /duplicate OPD slug/,
  },
  { name: "OPD without name", mutate: (s) => delete s.opds[3].name, path: "opds[3].name", message: /is required/ },
  {
    name: "application subdomain not a DNS label",
    mutate: (s) => (app0(s).subdomain = "Sim_Pus"),
    path: "opds[1].applications[0].subdomain",
    message: /one DNS label/,
  },
  {
    name: "two applications on one hostname",
    mutate: (s) => (s.opds[2].applications[0].subdomain = app0(s).subdomain),
    path: "opds[2].applications[0].subdomain",
    message: /duplicate hostname/,
  },
  {
    name: "application on the SSO hostname",
    mutate: (s) => (app0(s).subdomain = "sso"),
    path: "opds[1].applications[0].subdomain",
    message: /duplicate hostname "sso\.bulukumbakab\.go\.id"/,
  },
  {
    name: "duplicate application ids across OPDs",
    mutate: (s) => (s.opds[2].applications[0].id = app0(s).id),
    path: "opds[2].applications[0].id",
    message: /duplicate application id/,
  },
  {
    name: "port out of range",
    mutate: (s) => (app0(s).port = 70000),
    path: "opds[1].applications[0].port",
    message: /at most 65535/,
  },
  {
    name: "image with spaces",
    mutate: (s) => (app0(s).image = "my image"),
    path: "opds[1].applications[0].image",
    message: /OCI image/,
  },
  {
    name: "SSO status unknown",
    mutate: (s) => (app0(s).sso = "later"),
    path: "opds[1].applications[0].sso",
    message: /onboarded, transition/,
  },
  {
    name: "database without data group",
    mutate: (s) => (app0(s).database.dataGroups = []),
    path: "opds[1].applications[0].database.dataGroups",
    message: /at least 1/,
  },
  {
    name: "database in an undefined data group",
    mutate: (s) => (app0(s).database.dataGroups = ["rahasia"]),
    path: "opds[1].applications[0].database.dataGroups[0]",
    message: /not defined in dataGroups/,
    cites: /Pasal 11 ayat \(2\)/,
  },
  {
    name: "database key neither NIK nor NIP",
    mutate: (s) => (app0(s).database.keys = ["KTP"]),
    path: "opds[1].applications[0].database.keys[0]",
  },
  {
    name: "memory not a quantity",
    mutate: (s) => (app0(s).resources = { memory: "lots" }),
    path: "opds[1].applications[0].resources.memory",
    message: /Kubernetes quantity/,
  },
  {
    name: "volume mount path relative",
    mutate: (s) => (s.opds[2].applications[0].volumes[0].mountPath = "data"),
    path: "opds[2].applications[0].volumes[0].mountPath",
    message: /absolute path/,
  },
  {
    name: "duplicate volume names",
    mutate: (s) => s.opds[2].applications[0].volumes.push({ ...s.opds[2].applications[0].volumes[0] }),
    path: "opds[2].applications[0].volumes[1].name",
    message: /duplicate volume/,
  },
  {
    name: "volume backup policy unknown",
    mutate: (s) => (s.opds[2].applications[0].volumes[0].backupPolicy = "tahunan"),
    path: "opds[2].applications[0].volumes[0].backupPolicy",
    message: /does not exist/,
    cites: /Pasal 23 ayat \(2\)/,
  },
  {
    name: "interconnect unknown",
    mutate: (s) => (s.opds[2].applications[0].interconnects = ["bank-lain"]),
    path: "opds[2].applications[0].interconnects[0]",
    message: /does not exist/,
    cites: /Pasal 21 ayat \(1\)/,
  },
  {
    name: "common application listed under an OPD",
    mutate: (s) => (app0(s).kind = "umum"),
    path: "opds[1].applications[0].kind",
    message: /provided by the custodian/,
    cites: /Pasal 7 ayat \(2\)/,
  },
  {
    name: "khusus application among the common ones",
    mutate: (s) => (s.commonApplications[0].kind = "khusus"),
    path: "commonApplications[0].kind",
    cites: /Pasal 7 ayat \(2\)/,
  },
  {
    name: "common application huruf not in Pasal 8",
    mutate: (s) => (s.commonApplications[0].huruf = "z"),
    path: "commonApplications[0].huruf",
    message: /not in the regulation's list of common applications/,
    cites: /Pasal 8 huruf a/,
  },
  {
    name: "data group huruf not in the regulation",
    mutate: (s) => (s.dataGroups[0].huruf = "z"),
    path: "dataGroups[0].huruf",
    cites: /Pasal 11 ayat \(3\) huruf a/,
  },
  {
    name: "two LPSE",
    base: "batang-hari",
    mutate: (s) => (app0(s).lpse = true),
    path: "opds[11].applications[0].lpse",
    message: /only one LPSE/,
    cites: /Pasal 18 ayat \(1\)/,
  },
  {
    name: "backup default unknown",
    mutate: (s) => (s.backup.default = "bulanan"),
    path: "backup.default",
    message: /does not exist/,
  },
  {
    name: "backup default list with an unknown policy",
    base: "konawe-selatan",
    mutate: (s) => (s.backup.default = ["harian", "tahunan"]),
    path: "backup.default[1]",
    message: /backup policy "tahunan" does not exist/,
    cites: /Pasal 23 ayat \(2\)/,
  },
  {
    name: "backup schedule not cron",
    mutate: (s) => (s.backup.policies[0].schedule = "every night"),
    path: "backup.policies[0].schedule",
    message: /five-field cron/,
  },
  {
    name: "backup schedule with seconds",
    mutate: (s) => (s.backup.policies[0].schedule = "0 30 1 * * *"),
    path: "backup.policies[0].schedule",
    message: /five-field cron/,
  },
  {
    name: "backup retention as a copy count",
    mutate: (s) => (s.backup.policies[0].retention = 14),
    path: "backup.policies[0].retention",
    message: /retention by time: \{ daily, weekly, monthly, yearly \}/,
  },
  {
    name: "backup retention keeping nothing",
    mutate: (s) => (s.backup.policies[0].retention = { daily: 0 }),
    path: "backup.policies[0].retention",
    message: /at least one snapshot/,
  },
  {
    name: "backup retention negative",
    mutate: (s) => (s.backup.policies[0].retention = { daily: -1 }),
    path: "backup.policies[0].retention.daily",
    message: /at least 0/,
  },
  {
    name: "backup to an unknown site",
    mutate: (s) => (s.backup.policies[0].targetSite = "gudang"),
    path: "backup.policies[0].targetSite",
    cites: /Pasal 23 ayat \(3\)/,
  },
  {
    name: "exemption with a bad date",
    mutate: (s) => (s.exemptions[0].expires = "30-06-2027"),
    path: "exemptions[0].expires",
    message: /YYYY-MM-DD/,
  },
  {
    name: "exemption expiring before its decree",
    mutate: (s) => (s.exemptions[0].expires = "2024-01-01"),
    path: "exemptions[0].expires",
    message: /after the decree date/,
  },
  {
    name: "exemption for an unknown OPD",
    mutate: (s) => (s.exemptions[0].scope.opd = "rsud-lama"),
    path: "exemptions[0].scope.opd",
  },
  {
    name: "exemption for another OPD's application",
    mutate: (s) => (s.exemptions[0].scope.application = "simpus"),
    path: "exemptions[0].scope.application",
    message: /does not belong to rsud/,
  },
  {
    name: "exemption without approver",
    mutate: (s) => delete s.exemptions[0].approver,
    path: "exemptions[0].approver",
    message: /is required/,
  },
  {
    name: "egress for an unknown OPD",
    mutate: (s) => (s.internet.egress[1].opds = ["dinas-x"]),
    path: "internet.egress[1].opds[0]",
    cites: /Pasal 4 ayat \(3\)/,
  },
  {
    name: "OPD quota below what its applications request",
    mutate: (s) => (s.opds[2].quota = { cpu: "1", memory: "1Gi", storageGi: 10 }),
    path: "opds[2].quota.cpu",
    message: /CPU quota 1 is below the \d+m its applications request/,
  },
  {
    name: "OPD storage quota below its volumes",
    mutate: (s) => (s.opds[2].quota = { cpu: "64", memory: "256Gi", storageGi: 10 }),
    path: "opds[2].quota.storageGi",
    message: /below the 310Gi of its databases and volumes/,
  },
  {
    name: "backup target without a storage class on Kubernetes",
    mutate: (s) => delete s.sites[1].storageClass,
    path: "sites[1].storageClass",
    message: /needs a storageClass/,
    cites: /Pasal 23 ayat \(3\)/,
  },
  {
    name: "backup time zone unknown",
    mutate: (s) => (s.backup.timeZone = "Asia/Tokyo"),
    path: "backup.timeZone",
    message: /Asia\/Jakarta/,
  },
  {
    name: "restore test of an unknown backup source",
    mutate: (s) => (s.backup.verifiedRestores = [{ source: "opd-x/y-db", date: "2026-01-01", result: "ok" }]),
    path: "backup.verifiedRestores[0].source",
    message: /is not a backup source/,
  },
  {
    name: "restore drills allowed to lapse beyond the national two years",
    mutate: (s) => (s.backup.drills = { maxAgeDays: 1000 }),
    path: "backup.drills.maxAgeDays",
    message: /at most 730 days.*Permenkominfo 4\/2024 Pasal 46 ayat \(3\)/,
  },
  {
    name: "personal-data officer without a contact that can be reached",
    mutate: (s) => (s.personalData.officer.contact = "nanti"),
    path: "personalData.officer.contact",
    message: /^an e-mail address or a telephone number that can be reached$/,
  },
  {
    name: "site in a country written out instead of its ISO code",
    mutate: (s) => (s.sites[1].country = "Singapura"),
    path: "sites[1].country",
    message: /^a two-letter ISO 3166-1 country code, e\.g\. ID$/,
  },
  {
    name: "continuity plan tested on a day that does not exist",
    mutate: (s) => (s.continuityPlan.lastTested = "2025-02-29"),
    path: "continuityPlan.lastTested",
    message: /^2025-02-29 is not a day of the calendar$/,
  },
  {
    name: "exemption expiring on a day that does not exist",
    mutate: (s) => (s.exemptions[0].expires = "2026-02-30"),
    path: "exemptions[0].expires",
    message: /^2026-02-30 is not a day of the calendar$/,
  },
  {
    name: "domain with non-ASCII letters",
    mutate: (s) => (s.domain.name = "bulukumbákab.go.id"),
    path: "domain.name",
    message: /^a domain name is ASCII \(punycode/,
  },
  {
    name: "backup default missing",
    mutate: (s) => delete s.backup.default,
    path: "backup.default",
    message: /^is required$/,
    cites: /Pasal 23 ayat/,
  },
  {
    name: "credentials inside an image reference",
    mutate: (s) => (app0(s).image = "admin:rahasia123@registry.bulukumbakab.go.id/simpeg:1.0"),
    path: "opds[1].applications[0].image",
    message: /credential inside the image reference/,
  },
  {
    name: "public supernet",
    mutate: (s) => (s.network.supernet = "8.8.0.0/16"),
    path: "network.supernet",
    message: /8\.8\.0\.0\/16 is not private address space/,
    cites: /Pasal 5/,
  },
  {
    name: "quota beyond any disk",
    mutate: (s) => (s.opds[2].quota = { cpu: "64", memory: "256Gi", storageGi: 9_000_000_000_000_000 }),
    path: "opds[2].quota.storageGi",
    message: /at most 1000000/,
  },
  {
    name: "phase unknown",
    base: "oku-selatan",
    mutate: (s) => (s.phase = "selesai"),
    path: "phase",
    message: /persiapan, pematangan/,
  },
];

describe("malformed stack files", () => {
  it("covers at least 40 cases", () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases.map((c) => [c.name, c] as const))("rejects: %s", (_name, c) => {
    const spec = specOf(c.base ?? "bulukumba");
    c.mutate(spec);
    let error: unknown;
    try {
      loadStackText(stackText(spec), "bad.yaml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    const issues = (error as SpecError).issues;
    const hit = issues.find((i) => formatPath(i.path) === c.path);
    expect({ paths: issues.map((i) => formatPath(i.path)), found: !!hit }).toEqual(
      expect.objectContaining({ found: true }),
    );
    if (c.message) expect(hit!.en).toMatch(c.message);
    expect(hit!.id.length).toBeGreaterThan(3); // Indonesian too
    if (c.cites) expect(hit!.citation?.summary).toMatch(c.cites);
    expect(hit!.location).toMatch(/^bad\.yaml:\d+:\d+$/);
  });

  it("the unmodified base stacks are accepted (so each case fails for its mutation alone)", () => {
    for (const base of ["bulukumba", "batang-hari", "oku-selatan"])
      expect(() => loadStackText(stackText(specOf(base)), "ok.yaml")).not.toThrow();
  });

  it("reports broken YAML with its line", () => {
    expect(() => loadStackText("config:\n  regency:spec: [\n", "broken.yaml")).toThrow(/broken\.yaml:\d+:\d+/);
  });

  it("says what is wrong with a file that is not one YAML text document, with the file's name and nothing of its bytes", () => {
    const fail = (text: string) => {
      try {
        loadStackText(text, "aneh.yaml");
      } catch (e) {
        return e as SpecError;
      }
      throw new Error("accepted");
    };
    const utf16 = Buffer.from(stackText(specOf("bulukumba")), "utf16le").toString("utf8");
    expect(fail(utf16).message).toBe(
      "aneh.yaml: 1 kesalahan / 1 error\n✗ (root)\n    bukan berkas teks UTF-8 (UTF-16 atau biner?); simpan sebagai UTF-8\n    not a UTF-8 text file (UTF-16 or binary?); save it as UTF-8",
    );
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x41, 0x42]).toString(
      "utf8",
    );
    expect(fail(binary).issues.map((i) => i.en)).toEqual([
      "not a UTF-8 text file (UTF-16 or binary?); save it as UTF-8",
    ]);
    expect(fail("config:\n  regency:spec: {}\n---\nlain: 1\n").issues.map((i) => [i.en, i.location])).toEqual([
      ["a stack file holds one YAML document; this one has several (a `---` separator)", "aneh.yaml:3:1"],
    ]);
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `b${i}: &b${i} [${Array(9)
            .fill(`*${i === 0 ? "a" : `b${i - 1}`}`)
            .join(", ")}]`,
      ),
    ];
    expect(fail(`config:\n  regency:spec:\n${bomb.map((l) => `    ${l}`).join("\n")}\n`).issues[0].en).toMatch(
      /^YAML that cannot be read: Excessive alias count/,
    );
  });

  it("points an unclosed quote at where it opens, not at the end of the file where the parser noticed", () => {
    const lines = stackText(specOf("oku-selatan")).split("\n");
    const at = lines.findIndex((l) => /^\s+- id: pengawasan$/.test(l));
    lines[at] = lines[at].replace("id: pengawasan", 'id: "pengawasan');
    const e = (() => {
      try {
        loadStackText(lines.join("\n"), "kutip.yaml");
      } catch (x) {
        return x as SpecError;
      }
      throw new Error("accepted");
    })();
    expect(e.issues.map((i) => [i.location, i.en])).toEqual([
      [`kutip.yaml:${at + 1}:${lines[at].indexOf('"') + 1}`, "a quote opened here is never closed"],
    ]);
  });

  it("quotes an article in full once, then names it: 300 OPDs beyond the supernet are one finding with one quote", () => {
    const spec = specOf("oku-selatan");
    for (let i = 0; i < 300; i++) spec.opds.push({ slug: `opd${i}`, name: `Dinas ${i}`, applications: [] });
    const e = (() => {
      try {
        loadStackText(stackText(spec), "besar.yaml");
      } catch (x) {
        return x as SpecError;
      }
      throw new Error("accepted");
    })();
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0].en).toMatch(
      /^supernet 10\.16\.0\.0\/16 is exhausted: \d+ segments get no block: opd-opd\d+ \(\/\d+\), .* and \d+ more; widen the supernet/,
    );
    expect(e.message.match(/"Guna menjamin keamanan/g)).toHaveLength(1);
    const twice = formatIssues([e.issues[0], e.issues[0]]);
    expect(twice.match(/"Guna menjamin keamanan/g)).toHaveLength(1);
    expect(twice).toContain(
      "↳ Peraturan Bupati Ogan Komering Ulu Selatan Nomor 16 Tahun 2018, Pasal 10 ayat (2) (dikutip di atas / quoted above)",
    );
  });

  it("a policy config that is not JSON is refused with its file, line and column", () => {
    const at = (text: string) => {
      try {
        parsePolicyConfig(text, "kebijakan.json");
      } catch (e) {
        return (e as Error).message;
      }
      return "accepted";
    };
    expect(at('{\n  "all": "mandatory",\n  "x": \n}')).toBe("kebijakan.json:4:1: not valid JSON: value expected");
    expect(at("{bad")).toBe("kebijakan.json:1:2: not valid JSON: invalid symbol");
    expect(at('{"all": "mandatory" // komentar\n}')).toBe("kebijakan.json:1:21: not valid JSON: invalid comment token");
    expect(at("")).toMatch(/^kebijakan\.json:1:1: not valid JSON: value expected$/);
  });

  it("reports a stack file without the spec key", () => {
    expect(() => loadStackText("config:\n  kubernetes:context: x\n", "empty.yaml")).toThrow(
      /config key "regency:spec" is missing/,
    );
  });

  it("points a missing field at its parent's line", () => {
    const spec = specOf("bulukumba");
    delete spec.domain.source;
    const text = stackText(spec);
    const line = text.split("\n").findIndex((l) => /^\s+domain:$/.test(l)) + 1;
    try {
      loadStackText(text, "x.yaml");
      throw new Error("accepted");
    } catch (e) {
      expect((e as SpecError).issues[0].location).toMatch(new RegExp(`^x\\.yaml:${line + 1}:`));
    }
  });
});
