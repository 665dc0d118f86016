/**
 * "No rule or computation is written twice" (README), kept true: each name, format and derived value
 * has one home, the sources are scanned for a second copy, and where two parts of the project must
 * agree (validation and the plan, the two back ends) they are run and compared.
 */
import * as fs from "fs";
import * as path from "path";
import { loadStackText } from "../components/model/load";
import { buildPlan } from "../components/model/plan";
import { backupSourceOf } from "../components/model/names";
import { SpecError } from "../components/model/issues";
import { synthesize } from "../infra/synth";
import { SEED_STACKS, specOf, stackText } from "./support/stacks";

const ROOT = path.join(__dirname, "..");
const sources = ["components", "infra", "policies"].flatMap((dir) =>
  (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(dir, f)),
);
/** The code of each file, without its comment lines (an example in a doc comment is not a copy). */
const text = new Map(
  sources.map((f) => [
    f,
    fs
      .readFileSync(path.join(ROOT, f), "utf8")
      .split("\n")
      .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
      .join("\n"),
  ]),
);

/** What is written once, where. */
const HOMES: { what: string; pattern: RegExp; home: string; scope?: RegExp }[] = [
  {
    what: "the CIDR format",
    pattern: /\\d\{1,3\}\(\\\.\\d\{1,3\}\)\{3\}|\\d\+\\\.\\d\+\\\./,
    home: "components/model/formats.ts",
  },
  { what: "the quantity format", pattern: /m\|Ki\|Mi\|Gi/, home: "components/model/formats.ts" },
  { what: "the OIDC issuer URL", pattern: /\/realms\//, home: "components/model/realm.ts" },
  {
    what: "the realm file's hash",
    pattern: /createHash\("sha256"\)\.update\(realm/,
    home: "components/model/realm.ts",
  },
  { what: "Keycloak's database name", pattern: /"keycloak-db"/, home: "components/model/names.ts" },
  { what: "database credential names", pattern: /-credentials`/, home: "components/model/names.ts" },
  { what: "in-cluster service names", pattern: /\.svc`/, home: "components/model/names.ts" },
  { what: "the SSO host name", pattern: /sso\.subdomain\}/, home: "components/model/names.ts" },
  { what: "an application's host name", pattern: /\.subdomain\}\.\$\{/, home: "components/model/names.ts" },
  { what: "the realm sync's name", pattern: /"realm-sync"/, home: "components/model/names.ts" },
  { what: "the platform namespaces", pattern: /sso: "sso", backup: "backup"/, home: "components/model/names.ts" },
  { what: "the data-groups label", pattern: /regency\.go\.id\/data-groups/, home: "components/model/plan.ts" },
  // The picture's box ids (infra/report/svg.ts) are element ids, not namespaces.
  {
    what: "OPD namespaces",
    pattern: /`opd-\$\{|"opd-" \+/,
    home: "components/model/names.ts",
    scope: /^(components|policies)\//,
  },
  { what: "the site kinds", pattern: /"portable-media", "opd-server"/, home: "components/model/spec.ts" },
];

describe("each rule, name and format has one home", () => {
  it.each(HOMES.map((h) => [h.what, h] as const))("%s", (_, h) => {
    const found = sources.filter((f) => (!h.scope || h.scope.test(f)) && h.pattern.test(text.get(f)!));
    expect(found).toEqual([h.home]);
  });

  it("the scan sees a second copy (a planted one is found)", () => {
    const h = HOMES.find((x) => x.what === "the OIDC issuer URL")!;
    const planted = "const issuer = `https://${host}/realms/${realm}`;";
    expect(h.pattern.test(planted)).toBe(true);
    expect(sources).toContain(h.home);
  });
});

describe("the parts that must agree, run and compared", () => {
  it.each(SEED_STACKS)("%s: every backup source the plan makes is one a restore record may name", (slug) => {
    const spec = specOf(slug);
    const plan = buildPlan(loadStackText(stackText(spec), `${slug}.yaml`));
    const made = [
      ...new Set([
        ...plan.backupJobs.map((j) => backupSourceOf(j.namespace, j.source)),
        ...plan.sso.backups.map((j) => backupSourceOf(j.namespace, j.source)),
      ]),
    ];
    expect(made.length).toBeGreaterThan(0);
    spec.backup.verifiedRestores = made.map((source) => ({ source, date: "2026-11-01", result: "ok" }));
    expect(() => loadStackText(stackText(spec), `${slug}.yaml`)).not.toThrow();
    // And one the plan does not make is refused, so the comparison can fail.
    spec.backup.verifiedRestores = [{ source: "opd-tidak-ada/arsip", date: "2026-11-01", result: "ok" }];
    expect(() => loadStackText(stackText(spec), `${slug}.yaml`)).toThrow(SpecError);
  });

  it("validation and the plan name the SSO host the same way", () => {
    const spec = specOf("konawe-selatan");
    spec.sso = { ...(spec.sso ?? {}), subdomain: "login" };
    const plan = buildPlan(loadStackText(stackText(spec), "konawe-selatan.yaml"));
    expect(plan.sso.hostname).toBe("login.konaweselatankab.go.id");
    // An application on the same host collides with SSO: validation computes the same name.
    spec.opds[0].applications[0].subdomain = "login";
    expect(() => loadStackText(stackText(spec), "konawe-selatan.yaml")).toThrow(/login\.konaweselatankab\.go\.id/);
  });

  it("both back ends give the same issuer and run the same realm version", async () => {
    const spec = specOf("oku-selatan");
    const model = loadStackText(stackText(spec), "oku-selatan.yaml");
    const runs: Record<string, { issuer: unknown; realmSync: string[] }> = {};
    for (const platform of ["kubernetes", "docker"] as const) {
      const s = await synthesize(model, { platform });
      const sso = s.resources.find((r) => r.type.endsWith(":Keycloak"))!;
      const names = s.resources
        .filter((r) => ["kubernetes:batch/v1:Job", "docker:index/container:Container"].includes(r.type))
        .filter((r) => r.name.endsWith("/realm-sync"))
        .map((r) => String((r.inputs.metadata as { name?: string } | undefined)?.name ?? r.inputs.name));
      runs[platform] = { issuer: sso.outputs.issuer, realmSync: names.map((n) => n.replace(/^sso-/, "")) };
    }
    expect(runs.kubernetes.issuer).toBe("https://sso.okuselatankab.go.id/realms/oku-selatan");
    expect(runs.docker).toEqual(runs.kubernetes);
    expect(runs.kubernetes.realmSync).toEqual([expect.stringMatching(/^realm-sync-[0-9a-f]{10}$/)]);
  });
});
