/**
 * One view, two sources: the offline synthesis builds the policy pack's resources exactly as the
 * real Pulumi engine hands them (../shared/engine: recorded from `pulumi preview --policy-pack` of
 * konawe-selatan with Pulumi CLI 3.248.0). Same URNs (whole parent-type chain), same types, same
 * prop keys: a custom resource's state, a component's registered outputs.
 */
import { loadStack } from "../components/model/load";
import { engineViews, UNKNOWN } from "../infra/check";
import { synthesize } from "../infra/synth";
import { ResourceView } from "../policies/model";
import type { AnyView } from "./support/views";

const RECORDED: {
  type: string;
  urn: string;
  propKeys: string[];
}[] = require("../../shared/engine/konawe-selatan.preview-resources.json");

/**
 * What the components publish beyond what the recorded (pre-facts) pack saw: the facts the rules
 * now read from registered outputs (components/model/facts.ts). Nothing the engine showed is dropped.
 */
const ADDED_FACTS: Record<string, string[]> = {
  "regency:regency:Regency": [
    "interconnections",
    "continuityPlan",
    "itAudit",
    "personalDataOfficer",
    "slug",
    "regulation",
    "regulationRef",
    "supernet",
    "platform",
    "mainSite",
    "sites",
    "segments",
    "exemptions",
    "blockedCategories",
  ],
  "regency:datacenter:DataCenter": ["platform", "provider"],
  "regency:hosting:OpdHosting": ["opd", "defaultDeny", "applications", "networkPolicies"],
  "regency:backup:Backups": ["jobs"],
  "regency:sso:Keycloak": ["hostname", "namespace", "database"],
};

/** Recorded outputs dropped on purpose since: backup claims no longer live in an OPD's namespace (issue 22). */
const REMOVED_FACTS: Record<string, string[]> = { "regency:backup:Backups": ["claims"] };

/** Resources added on purpose since the recording: a repository server per backup target site, reached with a per-site Secret (issue 22); each cluster's admission policies (issue 15). */
const ADDED = (urn: string) =>
  /\$regency:backup:BackupRepository[$:]/.test(urn) ||
  /\$regency:backup:Backups\$kubernetes:core\/v1:Secret::[^:]+\/backups\/backup-[a-z0-9-]+$/.test(urn) ||
  /\$regency:datacenter:AdmissionPolicies[$:]/.test(urn);

let views: ResourceView[];
beforeAll(async () => {
  views = engineViews(await synthesize(loadStack("konawe-selatan")));
});

describe("the synthesis' view of konawe-selatan against what the real engine handed a pack", () => {
  it("has every recorded resource under the same URN and type, and of each recorded type exactly the recorded ones", () => {
    const urns = new Map(views.map((r) => [r.urn, r.type]));
    expect(RECORDED.filter((r) => urns.get(r.urn) !== r.type).map((r) => r.urn)).toEqual([]);
    for (const type of new Set(RECORDED.map((r) => r.type))) {
      const now = views
        .filter((r) => r.type === type && !ADDED(r.urn))
        .map((r) => r.urn)
        .sort();
      expect([type, now]).toEqual([
        type,
        RECORDED.filter((r) => r.type === type)
          .map((r) => r.urn)
          .sort(),
      ]);
    }
    // Grandchildren keep the whole chain (the stock mock monitor kept only the direct parent's type).
    expect(
      urns.has(
        "urn:pulumi:konawe-selatan::regency::regency:regency:Regency$regency:hosting:OpdHosting$regency:database:Postgres$kubernetes:core/v1:Secret::opd-setda/satudata/db/credentials",
      ),
    ).toBe(true);
  });

  it("gives custom resources the recorded prop keys (their state, not only their inputs)", () => {
    const byUrn = new Map(views.map((r) => [r.urn, r]));
    for (const r of RECORDED.filter((x) => !x.type.startsWith("regency:"))) {
      expect([r.urn, Object.keys(byUrn.get(r.urn)!.props).sort()]).toEqual([r.urn, [...r.propKeys].sort()]);
    }
  });

  it("gives components their registered outputs, never their args: the recorded keys plus the facts added since", () => {
    const byUrn = new Map(views.map((r) => [r.urn, r]));
    for (const r of RECORDED.filter((x) => x.type.startsWith("regency:"))) {
      const keys = Object.keys(byUrn.get(r.urn)!.props);
      expect([
        r.urn,
        r.propKeys.filter((k) => !keys.includes(k) && !(REMOVED_FACTS[r.type] ?? []).includes(k)),
      ]).toEqual([r.urn, []]);
      const added = keys.filter((k) => !r.propKeys.includes(k));
      expect([r.urn, added.filter((k) => !(ADDED_FACTS[r.type] ?? []).includes(k))]).toEqual([r.urn, []]);
    }
    const hosting = views.find((r) => r.type === "regency:hosting:OpdHosting" && r.name === "opd-dinkes")!;
    expect(hosting.props).not.toHaveProperty("tenant");
    expect(hosting.props).not.toHaveProperty("flows");
  });

  it("shows values derived from generated secrets as unknown, as a preview does, and providers as each resource's provider", () => {
    const password = views.find((r) => r.type === "random:index/randomPassword:RandomPassword")!;
    expect([password.props.result, password.props.bcryptHash]).toEqual([UNKNOWN, UNKNOWN]);
    const oidc: AnyView = views.find((r) => r.urn.endsWith("::opd-rsud/simrs/oidc"))!;
    expect(oidc.props.stringData["client-secret"]).toBe(UNKNOWN);
    expect(oidc.props.stringData["client-id"]).toBe("simrs");
    expect(views.filter((r) => r.type.startsWith("pulumi:providers:"))).toEqual([]);
    expect(oidc.provider?.urn).toBe(
      "urn:pulumi:konawe-selatan::regency::regency:regency:Regency$regency:datacenter:DataCenter$pulumi:providers:kubernetes::pusat-data",
    );
    expect(password.provider?.urn).toBe("urn:pulumi:konawe-selatan::regency::pulumi:providers:random::default_4_21_2");
    const center = views.find((r) => r.type === "regency:datacenter:DataCenter" && r.name === "pusat-data")!;
    expect(center.props.provider).toBe(oidc.provider?.urn);
  });
});
