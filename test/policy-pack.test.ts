/**
 * The real policy pack, served by @pulumi/policy's own analyzer server in a child process and
 * driven over gRPC the way the Pulumi engine drives it, on the resources as the engine hands them
 * (components' registered outputs, providers, values unknown during preview): its verdicts must
 * equal the offline check's, and no rule may crash it.
 */
import { loadStack, loadStackText } from "../components/model/load";
import { checkSynthesis, engineViews, UNKNOWN } from "../infra/check";
import { synthesize } from "../infra/synth";
import { evaluate } from "../policies/engine";
import { contextOf, ResourceView } from "../policies/model";
import { unknownCheckingProxy } from "../policies/preview";
import { RULES } from "../policies/rules";
import { LEVEL, servePack, ServedPack } from "./support/pack";
import { specOf, stackText } from "./support/stacks";
import type { AnyView } from "./support/views";

const RECORDED: {
  type: string;
  urn: string;
  propKeys: string[];
}[] = require("../../shared/engine/konawe-selatan.preview-resources.json");

const TODAY = new Date().toISOString().slice(0, 10);
let served: ServedPack;
beforeAll(async () => {
  served = await servePack();
}, 60000);
afterAll(() => served?.close());
const analyze = (views: ResourceView[]) => served.analyze(views);

/** The offline verdict on the very views the pack was served (guarded as CrossGuard guards them). */
const offline = (views: ResourceView[]) =>
  evaluate(
    RULES,
    contextOf(
      views.map((v) => ({ ...v, props: unknownCheckingProxy(v.props) })),
      TODAY,
    )!,
  );
const key = (x: { policy: string; level: string; urn: string }) => `${x.level} ${x.policy} ${x.urn}`;

describe("the CrossGuard policy pack, served for real", () => {
  it("declares a mandatory policy and an advisory twin per rule", async () => {
    const info: any = await served.info();
    const policies = info.getPoliciesList().map((p: any) => [p.getName(), LEVEL[p.getEnforcementlevel()]]);
    expect(info.getName()).toBe("regency-compliance");
    expect(policies).toContainEqual(["custodian-data-center", "mandatory"]);
    expect(policies).toContainEqual(["custodian-data-center-advisory", "advisory"]);
    expect(policies).toContainEqual(["sso-transition", "advisory"]);
    expect(policies.length).toBeGreaterThanOrEqual(28);
  });

  it.each([
    ["a seed stack (Konawe Selatan)", "konawe-selatan", () => undefined, []],
    [
      "a DR site run by an OPD (Batang Hari)",
      "batang-hari",
      (s: Record<string, any>) => (s.sites[1].operator = "dinkes"),
      ["backup-separation", "custodian-data-center", "disaster-recovery"],
    ],
    [
      "a database on a public port (OKU Selatan)",
      "oku-selatan",
      (s: Record<string, any>) => (s.opds[1].applications[0].database.publishedPort = 5432),
      ["network-isolation"],
    ],
  ])(
    "reports exactly what the offline check reports, on the engine's view: %s",
    async (_label, slug, mutate, blocked) => {
      const spec = specOf(slug);
      mutate(spec);
      const model = loadStackText(stackText(spec), "x.yaml");
      const synthesis = await synthesize(model);
      const diagnostics = await analyze(engineViews(synthesis));
      const verdict = checkSynthesis(model, synthesis, { today: TODAY });
      expect(verdict.programErrors.filter((e) => e.startsWith("rule "))).toEqual([]);
      expect(diagnostics.map(key).sort()).toEqual(verdict.violations.map(key).sort());
      expect([...new Set(diagnostics.filter((d) => d.level === "mandatory").map((d) => d.policy))].sort()).toEqual(
        blocked,
      );
      for (const d of diagnostics.filter((x) => x.level === "mandatory"))
        expect(d.message).toMatch(/Dasar \/ basis: Peraturan Bupati .* Pasal \d+/);
    },
  );

  it("a value unknown until apply: the rule says it cannot decide (advisory), offline and under the engine alike", async () => {
    const views = engineViews(await synthesize(loadStack("hulu-sungai-tengah")));
    const ingress: AnyView = views.find((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress")!;
    ingress.props.spec.rules[0].host = UNKNOWN;
    const diagnostics = await analyze(views);
    const undecided = diagnostics.filter((d) => d.policy === "official-domain");
    expect(undecided).toHaveLength(1);
    expect(undecided[0].level).toBe("advisory");
    expect(undecided[0].message).toMatch(
      /can't run policy 'official-domain' .* during preview: string value at \.spec\.rules\.0\.host can't be known during preview/,
    );
    const result = offline(views);
    expect(result.undecided.map((u) => [u.policy, u.message])).toEqual([
      [
        "official-domain",
        "can't run rule official-domain during preview: string value at .spec.rules.0.host can't be known during preview",
      ],
    ]);
    // Every other policy still judged the stack.
    expect(
      diagnostics
        .filter((d) => d.policy !== "official-domain")
        .map(key)
        .sort(),
    ).toEqual(result.violations.map(key).sort());
  });

  it("a rule that throws is a program error reported with the rule's name; the other rules still judge", async () => {
    const views = engineViews(await synthesize(loadStack("konawe-selatan")));
    // Backups as the component published them before this pack read facts: no `jobs`.
    for (const r of views.filter((x) => x.type === "regency:backup:Backups"))
      r.props = { claims: [`backup-${r.name}`] };
    const diagnostics = await analyze(views);
    const failed = diagnostics.filter((d) => d.message.includes("failed:"));
    // Every rule that reads the backup jobs fails; the personal-data rule reads them too.
    expect(failed.map((d) => [d.policy, d.level])).toEqual([
      ["backup-coverage", "mandatory"],
      ["backup-separation", "mandatory"],
      ["personal-data", "mandatory"],
    ]);
    expect(failed[0].message).toMatch(
      /\nrule backup-coverage failed: Cannot read properties of undefined.*program error in the policy pack/s,
    );
    const result = offline(views);
    expect(result.ruleErrors.map((e) => e.rule)).toEqual(["backup-coverage", "backup-separation", "personal-data"]);
    expect(diagnostics.some((d) => d.policy === "sso-transition")).toBe(true);
  });

  it("does not crash on what the real engine handed the pack as shipped (the recorded preview of konawe-selatan): each rule blocks once and says why", async () => {
    const views: ResourceView[] = RECORDED.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.urn.split("::").pop()!,
      protect: false,
      props: Object.fromEntries(r.propKeys.map((k) => [k, UNKNOWN])),
    }));
    const diagnostics = await analyze(views);
    expect(diagnostics.map((d) => d.policy).sort()).toEqual(RULES.map((r) => r.name).sort());
    for (const d of diagnostics) {
      expect(d.level).toBe(RULES.find((r) => r.name === d.policy)!.enforcement);
      expect(d.message).toContain(
        `rule ${d.policy} cannot run: regency:regency:Regency urn:pulumi:konawe-selatan::regency::regency:regency:Regency::konawe-selatan publishes no slug, regulation, supernet, platform, mainSite, sites, segments, exemptions, blockedCategories among its outputs`,
      );
    }
  });
});
