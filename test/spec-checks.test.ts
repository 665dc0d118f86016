/**
 * Each cross-field check of the spec alone (compliance-policies' style: a passing fixture, then one
 * field changed per case): it reports exactly that field, and nothing on the unchanged seed.
 */
import { RegencySpecSchema } from "../components/model/spec";
import { formatPath } from "../components/model/paths";
import { SPEC_CHECKS, specContext } from "../components/model/spec-checks";
import { specOf } from "./support/stacks";

type Spec = Record<string, any>;
const run = (name: string, raw: Spec) => {
  const c = specContext(RegencySpecSchema.parse(raw));
  SPEC_CHECKS.find((x) => x.name === name)!.check(c);
  return c.issues.map((i) => [formatPath(i.path), i.en]);
};

const CASES: [string, string, (s: Spec) => void, string, RegExp][] = [
  [
    "registry",
    "konawe-selatan",
    (s) => (s.regency.regulation.number = "99"),
    "regency.regulation",
    /the registry records konawe-selatan's regulation as Nomor 4/,
  ],
  [
    "regulation-text",
    "oku-selatan",
    (s) => {
      s.regency.slug = "kabupaten-baru";
      s.regency.regulation.seedFile = "999.txt";
    },
    "regency.regulation.seedFile",
    /no regulation text 999\.txt/,
  ],
  ["unique-ids", "bulukumba", (s) => (s.sites[1].id = s.sites[0].id), "sites[1].id", /duplicate site id/],
  ["sites", "bulukumba", (s) => delete s.sites[0].platform, "sites[0].platform", /platform is required/],
  [
    "backup-policies",
    "konawe-selatan",
    (s) => (s.backup.policies[0].schedule = "setiap malam"),
    "backup.policies[0].schedule",
    /not a five-field cron/,
  ],
  [
    "data-groups",
    "konawe-selatan",
    (s) => (s.dataGroups[0].huruf = "z"),
    "dataGroups[0].huruf",
    /huruf z is not in the regulation's list/,
  ],
  [
    "applications",
    "konawe-selatan",
    (s) => (s.opds[1].applications[0].interconnects = ["tidak-ada"]),
    "opds[1].applications[0].interconnects[0]",
    /interconnection "tidak-ada" does not exist/,
  ],
  [
    "generated-names",
    "oku-selatan",
    (s) => (s.opds[1].applications[1].id = `${s.opds[1].applications[0].id}-db`),
    "opds[1].applications[1].id",
    /generated Service name/,
  ],
  [
    "restore-records",
    "batang-hari",
    (s) => (s.backup.verifiedRestores[0].source = "opd-tidak/ada"),
    "backup.verifiedRestores[0].source",
    /is not a backup source/,
  ],
  [
    "quotas",
    "oku-selatan",
    (s) => (s.opds[1].quota = { cpu: "1m", memory: "64Gi", storageGi: 5000 }),
    "opds[1].quota.cpu",
    /CPU quota 1m is below/,
  ],
  [
    "exemptions",
    "bulukumba",
    (s) => (s.exemptions[0].expires = s.exemptions[0].decree.date),
    "exemptions[0].expires",
    /expiry must be after the decree date/,
  ],
  [
    "egress",
    "oku-selatan",
    (s) => (s.internet.egress[0].opds = ["tidak-ada"]),
    "internet.egress[0].opds[0]",
    /OPD "tidak-ada" does not exist/,
  ],
  [
    "ip-plan",
    "oku-selatan",
    (s) => (s.network.reserved[0].cidr = "10.17.0.0/24"),
    "network.reserved[0].cidr",
    /is outside the supernet 10\.16\.0\.0\/16/,
  ],
];

describe("the spec's cross-field checks, each alone", () => {
  it("applications: an id that is one of Keycloak's own clients is refused (it would be taken over)", () => {
    const s = specOf("oku-selatan");
    s.opds[0].applications[0].id = "realm-management";
    expect(run("applications", s)).toContainEqual([
      "opds[0].applications[0].id",
      `"realm-management" is one of Keycloak's own clients in every realm: use another id`,
    ]);
  });

  it("covers every check of the table", () => {
    expect(CASES.map((c) => c[0]).sort()).toEqual(SPEC_CHECKS.map((c) => c.name).sort());
  });

  it.each(CASES)("%s: nothing on the seed %s as it is", (name, slug) => {
    expect(run(name, specOf(slug))).toEqual([]);
  });

  it.each(CASES)("%s: one field changed in %s is reported at that field", (name, slug, mutate, at, message) => {
    const s = specOf(slug);
    mutate(s);
    const issues = run(name, s);
    expect(issues).toContainEqual([at, expect.stringMatching(message)]);
    // The other checks do not report it: one cause, one check.
    const others = SPEC_CHECKS.filter((c) => c.name !== name).flatMap((c) => run(c.name, s).filter(([p]) => p === at));
    expect(others).toEqual([]);
  });
});
