/**
 * The passing fixture each rule's test starts from (as pulumi/compliance-policies' rule specs do): a
 * small regency of two OPDs, synthesized and shown as the Pulumi engine hands it to a policy pack,
 * on either back end. A test changes one field of it and reads the rule's findings.
 */
import * as YAML from "yaml";
import { loadStackText, SPEC_KEY } from "../../components/model/load";
import { RegencyModel } from "../../components/model/validate";
import { engineViews } from "../../infra/check";
import { estateOf } from "../../infra/estate";
import { synthesize } from "../../infra/synth";
import type { Estate } from "../../policies/estate";
import type { RuleId } from "../../components/model/rules";
import { CheckContext, contextOf, Rule } from "../../policies/model";
import { syntheticStackText } from "../bench/synthetic";
import type { AnyView } from "../support/views";

export const TODAY = "2026-12-01";
export const DOMAIN = "contohkab.go.id";

/** The fixture's stack file as data, on one back end: what every rule asks for, given. */
export function fixtureSpec(platform: "kubernetes" | "docker"): Record<string, any> {
  const doc = YAML.parse(syntheticStackText(2, "contoh"));
  const spec = doc.config[SPEC_KEY];
  spec.domain.name = DOMAIN;
  spec.internet = { blockedCategories: ["perjudian"], egress: [] };
  spec.imageMirror = "cermin.contohkab.go.id";
  for (const site of spec.sites) {
    if (site.kind === "portable-media") continue;
    site.platform = platform;
    site.endpoint =
      platform === "kubernetes"
        ? { kubeContext: site.id }
        : { dockerHost: `ssh://admin@${site.id}.dc.contoh.internal` };
  }
  const apps = [...spec.commonApplications, ...spec.opds.flatMap((o: any) => o.applications)];
  apps.forEach((a: any, i: number) => {
    a.image = `cermin.contohkab.go.id/app:${i}`;
    a.registration = `REG-${i}`;
    a.sso = "onboarded";
    if (a.database) a.database.waliData = "Kepala Bidang Statistik";
  });
  return doc;
}

export const modelOf = (doc: Record<string, any>): RegencyModel => loadStackText(YAML.stringify(doc), "contoh.yaml");

export interface Fixture {
  model: RegencyModel;
  views: AnyView[];
  estate: Estate;
}

const built = new Map<string, Promise<Fixture>>();

/** The fixture on one back end, synthesized once per test file. */
export function fixture(platform: "kubernetes" | "docker" = "kubernetes"): Promise<Fixture> {
  if (!built.has(platform))
    built.set(
      platform,
      (async () => {
        const model = modelOf(fixtureSpec(platform));
        const views = engineViews(await synthesize(model, { platform })) as AnyView[];
        return { model, views, estate: estateOf(model) };
      })(),
    );
  return built.get(platform)!;
}

/**
 * The rule's findings (messages) on a copy of the fixture after `change`. `extra` adds to the context
 * (estate, drills, registry, today); `mandate` makes the fixture's regulation mandate those rules (its
 * own citations mandate none: "Peraturan Bupati Contoh" is the fork template's).
 */
export function findingsOf(
  rule: Rule,
  fx: Fixture,
  change: (views: AnyView[]) => void = () => {},
  extra: Partial<CheckContext> & { mandate?: RuleId[] } = {},
): string[] {
  const views = structuredClone(fx.views);
  change(views);
  const { mandate = [], ...rest } = extra;
  const ctx = contextOf(views, extra.today ?? TODAY, undefined, extra.estate)!;
  const cite = (r: RuleId) => ({ ...ctx.cite(r), ...(mandate.includes(r) ? { mandated: true } : {}) });
  return rule.check({ ...ctx, cite, ...rest }).map((f) => f.message);
}

/** The one view of a type whose name ends with `name` (throws if there is not exactly one). */
export function one(views: AnyView[], type: string, name = ""): AnyView {
  const found = views.filter((r) => r.type === type && r.name.endsWith(name));
  if (found.length !== 1) throw new Error(`${found.length} ${type} named …${name} in the fixture`);
  return found[0];
}

/** The Kubernetes object of a kind and name. */
export const object = (views: AnyView[], kind: string, name: string, namespace?: string): AnyView => {
  const found = views.filter(
    (r) =>
      r.props.kind === kind &&
      r.props.metadata?.name === name &&
      (namespace === undefined || r.props.metadata?.namespace === namespace),
  );
  if (found.length !== 1) throw new Error(`${found.length} ${kind} ${namespace ?? "*"}/${name} in the fixture`);
  return found[0];
};

/** The root component's facts (RegencyFacts). */
export const root = (views: AnyView[]): AnyView => one(views, "regency:regency:Regency");

/** An OPD's hosting component (either back end), by namespace. */
export const hosting = (views: AnyView[], namespace: string): AnyView => {
  const found = views.filter((r) => r.type.endsWith(":OpdHosting") && r.props.namespace === namespace);
  if (found.length !== 1) throw new Error(`${found.length} OpdHosting for ${namespace} in the fixture`);
  return found[0];
};

/** A Docker resource by type (`container`, `network`, `volume`) and name. */
export const dockerNamed = (views: AnyView[], type: "container" | "network" | "volume", name: string): AnyView => {
  const t = `docker:index/${type}:${type[0].toUpperCase()}${type.slice(1)}`;
  const found = views.filter((r) => r.type === t && r.props.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${t} ${name} in the fixture`);
  return found[0];
};
