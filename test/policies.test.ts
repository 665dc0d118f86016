/**
 * The compliance rules on every seed stack (both back ends) and on deliberately bad stacks: each
 * fails with exactly the expected rules and cites the right regency's article.
 */
import { loadStack, loadStackText } from "../components/model/load";
import { checkModel } from "../infra/check";
import { evaluate } from "../policies/engine";
import { CheckContext, contextOf, ResourceView } from "../policies/model";
import { policyNames, RULES } from "../policies/rules";
import { ipNumbering } from "../policies/rules/ip-numbering";
import { secretsHygiene } from "../policies/rules/secrets-hygiene";
import { ssoClient } from "../policies/rules/sso-client";
import { backupCoverage } from "../policies/rules/backup-coverage";
import { backupSeparation } from "../policies/rules/backup-separation";
import { engineViews } from "../infra/check";
import { synthesize } from "../infra/synth";
import { SEED_STACKS, specOf, stackText } from "./support/stacks";
import type { AnyView } from "./support/views";

const TODAY = "2026-11-23";
const check = (slug: string, mutate: (s: Record<string, any>) => void, platform?: "docker") => {
  const spec = specOf(slug);
  mutate(spec);
  return checkModel(loadStackText(stackText(spec), `${slug}.yaml`), {
    today: TODAY,
    ...(platform ? { platform } : {}),
  });
};
const mandatoryRules = (v: Awaited<ReturnType<typeof checkModel>>) =>
  [...new Set(v.violations.filter((x) => x.level === "mandatory").map((x) => x.rule))].sort();

describe.each(SEED_STACKS)("seed stack %s", (slug) => {
  it.each(["kubernetes", "docker"] as const)("passes on %s with no mandatory violation", async (platform) => {
    const v = await checkModel(loadStack(slug), { today: TODAY, platform });
    expect(v.programErrors).toEqual([]);
    expect(v.violations.filter((x) => x.level === "mandatory").map((x) => `${x.policy}: ${x.message}`)).toEqual([]);
  });
});

describe("deliberately bad stacks", () => {
  it("an OPD that declares its own data center", async () => {
    const v = await check("konawe-selatan", (s) =>
      s.sites.push({
        id: "dc-dinkes",
        kind: "primary",
        name: "Server Dinkes",
        location: "Andoolo",
        operator: "dinkes",
        platform: "kubernetes",
        endpoint: { kubeContext: "dinkes" },
        storageClass: "local",
      }),
    );
    expect(mandatoryRules(v)).toEqual(["custodian-data-center"]);
    const x = v.violations.find((y) => y.rule === "custodian-data-center")!;
    expect(x.message).toContain(
      'site "dc-dinkes" is a data center (pusat data) operated by "dinkes", not by Bagian Pengelolaan Data Elektronik dan Sandi Daerah',
    );
    expect(x.citations[0].summary).toContain("Peraturan Bupati Konawe Selatan Nomor 4 Tahun 2018, Pasal 6 ayat (1)");
    expect(x.citations[0].summary).toContain(
      'Pasal 6 ayat (2): "OPD dilarang mengadakan pusat data dan pusat pemulihan data',
    );
    expect(v.programErrors[0]).toContain("no provider is created");
  });

  it("a DR site operated by an OPD", async () => {
    const v = await check("batang-hari", (s) => (s.sites[1].operator = "dinkes"));
    expect(mandatoryRules(v)).toEqual(["backup-separation", "custodian-data-center", "disaster-recovery"]);
    const x = v.violations.find((y) => y.rule === "custodian-data-center")!;
    expect(x.message).toContain("disaster-recovery center (pusat pemulihan data)");
    expect(x.citations[0].summary).toContain("Peraturan Bupati Batang Hari Nomor 19 Tahun 2017, Pasal 6 ayat (1)");
  });

  it("an Ingress on a non-go.id domain", async () => {
    const v = await check("hulu-sungai-tengah", (s) => (s.opds[1].applications[0].hostname = "simpus-hst.com"));
    expect(mandatoryRules(v)).toEqual(["official-domain"]);
    const x = v.violations.find((y) => y.rule === "official-domain")!;
    expect(x.message).toBe("Ingress opd-dinkes/simpus publishes simpus-hst.com, not under hulusungaitengahkab.go.id");
    expect(x.citations[0].summary).toContain(
      "Peraturan Bupati Hulu Sungai Tengah Nomor 52 Tahun 2017, Pasal 10 ayat (2)",
    );
  });

  it("an Ingress on a non-go.id domain, on Docker too", async () => {
    const v = await check(
      "hulu-sungai-tengah",
      (s) => (s.opds[1].applications[0].hostname = "simpus-hst.com"),
      "docker",
    );
    expect(mandatoryRules(v)).toEqual(["official-domain"]);
  });

  it("a domain other than the one the regulation names; another only by a Keputusan Bupati where the regulation allows it", async () => {
    for (const name of ["konaweselatan.go.id", "bulukumbakab.go.id"]) {
      const v = await check("konawe-selatan", (s) => (s.domain.name = name));
      expect(mandatoryRules(v)).toEqual(["official-domain"]);
      expect(v.violations.find((y) => y.rule === "official-domain")!.message).toBe(
        `the regency's domain ${name} is not konaweselatankab.go.id, the domain its regulation names`,
      );
    }
    const undecreed = await check("bulukumba", (s) => (s.domain.name = "bulukumba.go.id"));
    expect(mandatoryRules(undecreed)).toEqual(["official-domain"]);
    expect(undecreed.violations.find((y) => y.rule === "official-domain")!.message).toContain(
      "no Keputusan Bupati setting it is recorded (domain.decree)",
    );
    const decreed = await check(
      "bulukumba",
      (s) =>
        (s.domain = {
          name: "bulukumba.go.id",
          source: "configured",
          decree: { number: "Keputusan Bupati Bulukumba Nomor 1/2026", date: "2026-01-02" },
        }),
    );
    expect(mandatoryRules(decreed)).toEqual([]);
    // OKU Selatan's regulation names no domain: any go.id domain of its own passes.
    expect(mandatoryRules(await check("oku-selatan", (s) => (s.domain.name = "okus.go.id")))).toEqual([]);
  });

  it("a backup on the primary site", async () => {
    const v = await check("bulukumba", (s) => (s.backup.policies[0].targetSite = "pusat-data"));
    expect(mandatoryRules(v)).toEqual(["backup-separation"]);
    const x = v.violations.find((y) => y.rule === "backup-separation")!;
    expect(x.citations[0].summary).toContain("Peraturan Bupati Bulukumba Nomor 143 Tahun 2017, Pasal 23 ayat (3)");
  });

  it("an expired exemption", async () => {
    const v = await check("bulukumba", (s) => (s.exemptions[0].expires = "2026-01-31"));
    expect(mandatoryRules(v)).toEqual(["bupati-exemption", "server-consolidation"]);
    expect(v.violations.find((y) => y.rule === "bupati-exemption")!.message).toContain(
      'exemption "simrs-rsud" (Keputusan Bupati Bulukumba Nomor 188.45/412/2025 (2025-07-01)) for rsud expired on 2026-01-31',
    );
    expect(v.violations.find((y) => y.rule === "server-consolidation")!.message).toContain(
      'application "simrs" of rsud runs on "ruang-server-rsud"',
    );
  });

  it("an exemption decided by anyone but the Bupati, or dated in the future, covers nothing", async () => {
    const kadis = await check("bulukumba", (s) => (s.exemptions[0].approver = "Kepala Dinas Kesehatan"));
    expect(mandatoryRules(kadis)).toEqual(["bupati-exemption", "server-consolidation"]);
    expect(kadis.violations.find((y) => y.rule === "bupati-exemption")!.message).toContain(
      'was approved by "Kepala Dinas Kesehatan", not by the Bupati (Bupati Bulukumba)',
    );
    expect(kadis.violations.find((y) => y.rule === "server-consolidation")!.message).toContain(
      "does not hold (wrong-authority)",
    );
    const future = await check("bulukumba", (s) => (s.exemptions[0].decree.date = "2026-12-01"));
    expect(mandatoryRules(future)).toEqual(["bupati-exemption", "server-consolidation"]);
    expect(future.violations.find((y) => y.rule === "bupati-exemption")!.message).toContain(
      `is dated after ${TODAY}: it is not yet in force`,
    );
    // From the decree's date on, the same exemption holds.
    const onTheDay = await check("bulukumba", (s) => (s.exemptions[0].decree.date = TODAY));
    expect(mandatoryRules(onTheDay)).toEqual([]);
  });

  it("an exemption in a regency whose regulation allows none", async () => {
    const v = await check(
      "konawe-selatan",
      (s) =>
        (s.exemptions = [
          {
            id: "rsud",
            decree: { number: "KEP/1/2026", date: "2026-01-05" },
            scope: { opd: "rsud" },
            approver: "Bupati Konawe Selatan",
            expires: "2027-01-05",
            reason: "migrasi SIMRS",
          },
        ]),
    );
    expect(mandatoryRules(v)).toEqual(["bupati-exemption"]);
    const x = v.violations.find((y) => y.rule === "bupati-exemption")!;
    expect(x.message).toContain("Peraturan Bupati Konawe Selatan Nomor 4 Tahun 2018 allows no exception by the Bupati");
    expect(x.citations[0].summary).toContain(
      'Pasal 6 ayat (3): "Seluruh server yang dikelola oleh OPD dikonsolidasikan pada pusat data yang dikelola oleh Bagian"',
    );
  });

  it("a database published on a public port", async () => {
    for (const platform of [undefined, "docker"] as const) {
      const v = await check("oku-selatan", (s) => (s.opds[1].applications[0].database.publishedPort = 5432), platform);
      expect(mandatoryRules(v)).toEqual(["network-isolation"]);
      expect(v.violations.find((y) => y.rule === "network-isolation")!.citations[0].summary).toContain(
        "Peraturan Bupati Ogan Komering Ulu Selatan Nomor 16 Tahun 2018, Pasal 10 ayat (2)",
      );
    }
  });

  it("an OPD server kept outside without any exemption", async () => {
    const v = await check("batang-hari", (s) => {
      s.sites.push({
        id: "server-rsud",
        kind: "opd-server",
        name: "Server RSUD",
        location: "Muara Bulian",
        operator: "rsud",
      });
      s.opds[2].applications[0].site = "server-rsud";
    });
    expect(mandatoryRules(v)).toEqual(["server-consolidation"]);
    expect(v.violations.find((y) => y.rule === "server-consolidation")!.citations[0].summary).toContain(
      "Pasal 6 ayat (3)",
    );
  });

  it("a rule the regulation does not mandate is only advisory (OKU Selatan has no backup article)", async () => {
    const v = await check("oku-selatan", (s) => (s.backup.policies[0].targetSite = "pusat-data"));
    expect(mandatoryRules(v)).toEqual([]);
    const x = v.violations.find((y) => y.rule === "backup-separation")!;
    expect([x.policy, x.level]).toEqual(["backup-separation-advisory", "advisory"]);
    expect(x.citations[0].summary).toContain(
      "not mandated by Peraturan Bupati Ogan Komering Ulu Selatan Nomor 16 Tahun 2018",
    );
  });

  it("regulation-specific rules apply only where their regulation says so", async () => {
    const noRegistration = await check("oku-selatan", (s) => delete s.opds[1].applications[0].registration);
    expect(mandatoryRules(noRegistration)).toEqual(["device-registration"]);
    expect(noRegistration.violations.find((y) => y.rule === "device-registration")!.citations[0].summary).toContain(
      "Pasal 10 ayat (1)",
    );
    const elsewhere = await check("batang-hari", () => undefined);
    expect(elsewhere.violations.some((y) => y.rule === "device-registration")).toBe(false);
    const noArchive = await check("batang-hari", (s) => {
      s.opds[11].applications[0].volumes = [];
      s.backup.verifiedRestores = [];
    });
    expect(mandatoryRules(noArchive)).toEqual(["lpse-archive"]);
    const noSiteControl = await check("hulu-sungai-tengah", (s) => (s.internet.blockedCategories = []));
    expect(mandatoryRules(noSiteControl)).toEqual(["internet-site-control"]);
  });

  it("policy configuration sets levels like CrossGuard's (policy entry over all)", async () => {
    const model = loadStack("konawe-selatan");
    const off = await checkModel(model, {
      today: TODAY,
      config: { "sso-transition": "disabled", "data-stewardship": { enforcementLevel: "mandatory" } },
    });
    expect(off.violations.some((v) => v.rule === "sso-transition")).toBe(false);
    expect(off.violations.filter((v) => v.rule === "data-stewardship").every((v) => v.level === "mandatory")).toBe(
      true,
    );
  });
});

describe("rules on resources no component made (hand-written resources are checked too)", () => {
  const base = async () => {
    const v = await checkModel(loadStack("bulukumba"), { today: TODAY });
    return v;
  };
  const ctxWith = (extra: ResourceView[]): CheckContext => {
    const root: ResourceView = {
      urn: "urn:root",
      type: "regency:regency:Regency",
      name: "bulukumba",
      protect: false,
      props: {
        ...loadStack("bulukumba").spec,
        slug: "bulukumba",
        regulation: "Peraturan Bupati Bulukumba Nomor 143 Tahun 2017",
        custodian: "Dinas Komunikasi dan Informatika",
        domain: "bulukumbakab.go.id",
        supernet: "10.73.0.0/16",
        platform: "kubernetes",
        mainSite: "pusat-data",
        sites: [],
        segments: [
          {
            name: "opd-dinkes",
            purpose: "opd",
            cidr: "10.73.6.0/24",
            prefixLength: 24,
            gateway: "10.73.6.1",
            usable: 253,
            source: "allocated",
          },
        ],
        exemptions: [],
        blockedCategories: [],
      },
    };
    return contextOf([root, ...extra], TODAY)!;
  };

  it("ip-numbering: a network outside the supernet, or off the plan, or overlapping", async () => {
    await base();
    const net = (name: string, subnet: string, segment?: string): ResourceView => ({
      urn: `urn:${name}`,
      type: "docker:index/network:Network",
      name,
      protect: false,
      props: {
        name,
        ipamConfigs: [{ subnet }],
        labels: segment ? [{ label: "regency.go.id/segment", value: segment }] : [],
      },
    });
    const ok = evaluate(
      [ipNumbering],
      ctxWith([
        net("regency-opd-dinkes-simpus-front", "10.73.6.0/29", "opd-dinkes"),
        net("regency-opd-dinkes-simpus-db", "10.73.6.8/29", "opd-dinkes"),
      ]),
    ).violations;
    expect(ok).toEqual([]);
    const bad = evaluate(
      [ipNumbering],
      ctxWith([
        net("regency-a", "10.73.7.0/24", "opd-dinkes"),
        net("regency-x", "192.168.1.0/24", "opd-dinkes"),
        net("regency-y", "10.73.7.128/25", "y"),
        net("regency-z", "10.73.6.16/29"),
      ]),
    ).violations;
    expect(bad.map((v) => v.message)).toEqual([
      "Docker network regency-a uses 10.73.7.0/24; the IP plan gives segment opd-dinkes 10.73.6.0/24",
      "Docker network regency-x uses 192.168.1.0/24, outside the supernet 10.73.0.0/16",
      "Docker network regency-y uses 10.73.7.128/25; the IP plan gives segment y no range",
      "Docker network regency-z uses 10.73.6.16/29; the IP plan gives segment (none) no range",
      "10.73.7.128/25 overlaps 10.73.7.0/24",
    ]);
    expect(bad[0].citations[0].summary).toContain("Pasal 5 ayat (2)");
  });

  it("secrets-hygiene: a literal password in a Deployment's env", () => {
    const dep = (value: object): ResourceView => ({
      urn: "urn:dep",
      type: "kubernetes:apps/v1:Deployment",
      name: "x",
      protect: false,
      props: {
        kind: "Deployment",
        metadata: { name: "x", namespace: "opd-dinkes" },
        spec: { template: { spec: { containers: [{ name: "x", env: [{ name: "DB_PASSWORD", ...value }] }] } } },
      },
    });
    expect(
      evaluate([secretsHygiene], ctxWith([dep({ valueFrom: { secretKeyRef: { name: "s", key: "p" } } })])).violations,
    ).toEqual([]);
    expect(
      evaluate([secretsHygiene], ctxWith([dep({ value: "rahasia123" })])).violations.map((v) => [v.level, v.message]),
    ).toEqual([["mandatory", "Deployment opd-dinkes/x: DB_PASSWORD is a literal value in container x"]]);
  });

  it("sso-client: an application without a client in the realm", () => {
    const hosting: ResourceView = {
      urn: "urn:h",
      type: "regency:hosting:OpdHosting",
      name: "opd-dinkes",
      protect: false,
      props: {
        namespace: "opd-dinkes",
        applications: [{ id: "simpus", sso: { clientId: "simpus", status: "onboarded" }, volumes: [] }],
      },
    };
    const kc = (clients: string[]): ResourceView => ({
      urn: "urn:kc",
      type: "regency:sso:Keycloak",
      name: "sso",
      protect: false,
      props: { clients },
    });
    expect(evaluate([ssoClient], ctxWith([hosting, kc(["simpus"])])).violations).toEqual([]);
    expect(evaluate([ssoClient], ctxWith([hosting, kc([])])).violations.map((v) => v.message)).toEqual([
      "application opd-dinkes/simpus has no SSO client",
    ]);
  });

  it("backup-coverage: a database or volume without a backup job", () => {
    const hosting: ResourceView = {
      urn: "urn:h",
      type: "regency:hosting:OpdHosting",
      name: "opd-dinkes",
      protect: false,
      props: {
        namespace: "opd-dinkes",
        applications: [{ id: "simpus", database: { name: "simpus-db" }, volumes: ["simpus-berkas"] }],
      },
    };
    const backups = (sources: string[]): ResourceView => ({
      urn: "urn:b",
      type: "regency:backup:Backups",
      name: "b",
      protect: false,
      props: { jobs: sources.map((source) => ({ namespace: "opd-dinkes", source })) },
    });
    expect(evaluate([backupCoverage], ctxWith([hosting, backups(["simpus-db", "simpus-berkas"])])).violations).toEqual(
      [],
    );
    expect(
      evaluate([backupCoverage], ctxWith([hosting, backups(["simpus-db"])])).violations.map((v) => [
        v.level,
        v.message,
      ]),
    ).toEqual([["mandatory", "volume opd-dinkes/simpus-berkas has no backup"]]);
  });

  it("cites each article once, only the registry rules a finding breaks, and no 'not mandated' note beside a mandate", async () => {
    // Konawe Selatan quotes Pasal 7 ayat (6) for both sso and sso-phased.
    const ks = await check("konawe-selatan", () => undefined);
    const transition = ks.violations.find((v) => v.rule === "sso-transition")!;
    const articles = transition.citations.flatMap((c) => c.citations.map((a) => `${a.pasal}/${a.ayat}`));
    expect(articles).toEqual([...new Set(articles)]);
    expect(articles).toEqual(["7/6"]);
    // A missing Wali Data cites the Wali Data article, not the NIK and NIP ones.
    const v = await check("konawe-selatan", (s) => {
      for (const o of s.opds) for (const a of o.applications) if (a.database) delete a.database.waliData;
      for (const o of s.opds) delete o.waliData;
    });
    const wali = v.violations.find((x) => x.rule === "data-stewardship" && x.message.includes("has no Wali Data"))!;
    expect(wali.citations.map((c) => c.rule)).toEqual(["wali-data"]);
    expect(wali.citations[0].summary).toContain("Pasal 15 ayat (5)");
    for (const x of [...ks.violations, ...v.violations])
      if (x.citations.some((c) => c.mandated)) expect(x.citations.every((c) => c.mandated)).toBe(true);
  });

  it("every rule has a description, a fix, citations of known rules and a unique policy name", () => {
    const names = policyNames();
    expect(new Set(names).size).toBe(names.length);
    for (const r of RULES)
      expect([
        r.name,
        r.description.length > 20 && r.remediation.length > 20 && (r.cites.length > 0 || r.integrity === true),
      ]).toEqual([r.name, true]);
  });

  it("every rule file has its own test file (test/rules/, a passing fixture and one-field failures)", () => {
    const fs = require("fs") as typeof import("fs");
    const path = require("path") as typeof import("path");
    const rules = fs.readdirSync(path.join(__dirname, "..", "policies", "rules")).filter((f) => f !== "index.ts");
    const tests = new Set(fs.readdirSync(path.join(__dirname, "rules")));
    expect(rules.filter((f) => !tests.has(f.replace(/\.ts$/, ".test.ts")))).toEqual([]);
    expect(rules.length).toBeGreaterThan(15);
  });
});

describe("a stack cannot loosen its own verdict", () => {
  it("articles a stack publishes for a registered regulation are reported and never used", async () => {
    const { synthesize } = await import("../infra/synth");
    const { engineViews } = await import("../infra/check");
    const views = engineViews(await synthesize(loadStack("konawe-selatan")));
    const root: AnyView = views.find((r) => r.type === "regency:regency:Regency")!;
    // As a modified program would publish them: server consolidation "not mandated", and another regulation number.
    root.props.citations = { "server-consolidation": { notMandated: "tidak diatur" } };
    root.props.regulationRef = { ...root.props.regulationRef, number: "99" };
    views.push({
      urn: "urn:pulumi:konawe-selatan::regency::regency:regency:Regency$regency:hosting:UnconsolidatedServer::rsud/simrs",
      type: "regency:hosting:UnconsolidatedServer",
      name: "rsud/simrs",
      protect: false,
      props: {
        opd: "rsud",
        application: "simrs",
        hostname: "simrs.konaweselatankab.go.id",
        site: { id: "server-rsud", kind: "opd-server", operator: "rsud" },
      },
    });
    const result = evaluate(RULES, contextOf(views, TODAY)!);
    const mandatory = result.violations.filter((v) => v.level === "mandatory");
    expect([...new Set(mandatory.map((v) => v.rule))].sort()).toEqual(["citation-integrity", "server-consolidation"]);
    expect(mandatory.filter((v) => v.rule === "citation-integrity").map((v) => v.message)).toEqual([
      "the stack publishes its own articles for server-consolidation of Peraturan Bupati Konawe Selatan Nomor 4 Tahun 2018; the registry's are used instead",
      "the stack names its regulation Nomor 99 Tahun 2018; the registry records Nomor 4 Tahun 2018",
    ]);
    const consolidation = mandatory.find((v) => v.rule === "server-consolidation")!;
    expect(consolidation.citations[0].summary).toContain(
      "Peraturan Bupati Konawe Selatan Nomor 4 Tahun 2018, Pasal 6 ayat (3)",
    );
  });
});

describe("network-isolation on planted breaches", () => {
  it("finds the one OPD namespace whose default-deny policy was removed, and no other", async () => {
    const { synthesize } = await import("../infra/synth");
    const { viewsOf } = await import("../infra/check");
    const { networkIsolation } = await import("../policies/rules/network-isolation");
    const views = viewsOf(await synthesize(loadStack("bulukumba")));
    expect(networkIsolation.check(contextOf(views, TODAY)!)).toEqual([]);
    const isDeny = (r: AnyView, ns: string) =>
      r.props.kind === "NetworkPolicy" &&
      r.props.metadata?.namespace === ns &&
      r.props.metadata?.name === "default-deny";
    const stripped = views.filter((r) => !isDeny(r, "opd-dinkes"));
    expect(stripped.length).toBe(views.length - 1);
    expect(networkIsolation.check(contextOf(stripped, TODAY)!).map((f) => f.message)).toEqual([
      "namespace opd-dinkes has no default-deny NetworkPolicy for ingress and egress",
    ]);
  });
});

describe("backup-separation reads where backup storage is created, not its label", () => {
  let views: AnyView[];
  beforeAll(async () => {
    views = engineViews(await synthesize(loadStack("konawe-selatan")));
  });
  const judge = (vs: ResourceView[]) =>
    evaluate([backupSeparation], contextOf(vs, TODAY)!).violations.map((v) => v.message);
  const drClaim = (vs: AnyView[]) =>
    vs.find(
      (r) =>
        r.type === "kubernetes:core/v1:PersistentVolumeClaim" &&
        r.props.metadata?.labels?.["regency.go.id/backup-site"] === "pusat-pemulihan",
    )!;
  const providerOf = (vs: AnyView[], site: string) =>
    vs.find((r) => r.type === "regency:datacenter:DataCenter" && r.props.site.id === site)!.props.provider as string;

  it("passes the stack as built: the DR site's claim through the DR site's provider", () => {
    expect(drClaim(views).provider?.urn).toBe(providerOf(views, "pusat-pemulihan"));
    expect(judge(views)).toEqual([]);
  });

  it("flags the DR site's copies created in the primary's cluster, though the label still says DR", () => {
    const moved = structuredClone(views);
    const claim = drClaim(moved);
    claim.provider = { ...claim.provider!, urn: providerOf(moved, "pusat-data") };
    expect(judge(moved)).toEqual([
      'backup storage repository-server-pusat-pemulihan for "pusat-pemulihan" is created on "pusat-data", the data center it protects, not on "pusat-pemulihan"',
    ]);
  });

  it("flags a repository server that creates no storage labelled for its site (its word is not enough)", () => {
    const unlabelled = structuredClone(views);
    delete drClaim(unlabelled).props.metadata.labels["regency.go.id/backup-site"];
    expect(judge(unlabelled)).toEqual([
      'repository server for "pusat-pemulihan" creates no storage labelled for that site: where its copies live cannot be checked',
    ]);
  });

  it("flags jobs whose target site has no repository server in the stack", () => {
    const without = views.filter(
      (r) => !(r.type === "regency:backup:BackupRepository" && r.props.site === "pusat-pemulihan"),
    );
    const messages = judge(without);
    expect(messages.length).toBe(
      new Set(views.filter((r) => r.type === "regency:backup:Backups").map((r) => r.urn)).size,
    );
    expect(new Set(messages)).toEqual(
      new Set(['backups go to "pusat-pemulihan", but the stack creates no repository server there']),
    );
  });
});
