/**
 * The regency program: what `pulumi up` builds from a validated regency model. Kept apart from
 * index.ts so tests and the offline `plan` run the very same code with a model of their choice.
 */
import * as pulumi from "@pulumi/pulumi";
import { DataCenter } from "../components/datacenter/datacenter";
import { UnconsolidatedServer } from "../components/hosting/unconsolidated-server";
import { Regency } from "../components/regency/regency";
import { IpPlan } from "../components/model/ipplan";
import { buildPlan, Platform, PLATFORM_NAMESPACES, RegencyPlan } from "../components/model/plan";
import { RegencyModel } from "../components/model/validate";
import { regulationName } from "../components/model/citations";
import { deployDocker } from "./docker";
import { deployKubernetes } from "./kubernetes";

export interface ProgramOptions {
  /** Plan every site for this back end, whatever the stack says (offline planning of either). */
  platform?: Platform;
  /** Kubeconfig contents (config `regency:kubeconfig`); default: the ambient kubeconfig. */
  kubeconfig?: pulumi.Input<string>;
  /**
   * Awaited after each OPD's components are declared. The offline synthesis lets the mock
   * runtime finish registering them there, so memory stays bounded by one OPD rather than the
   * estate (`npm run bench`: 1,000 OPDs 68 s → 37 s, peak 5.7 → 1.9 GB). Under `pulumi up` it
   * is unset: nothing waits.
   */
  pace?: () => Promise<void>;
}

export interface RegencyOutputs {
  regency: string;
  custodian: string;
  domain: string;
  regulation: string;
  platform: Platform;
  ipPlan: IpPlan;
  opds: { slug: string; segment: string; applications: string[] }[];
  sso: { issuer: string; clients: string[] };
  plan: RegencyPlan;
}

export async function regencyProgram(model: RegencyModel, options: ProgramOptions = {}): Promise<RegencyOutputs> {
  const plan = buildPlan(model, options.platform ? { platform: options.platform } : {});
  const citation = model.cite("custodian-data-center");
  const { spec } = model;
  const root = new Regency(spec.regency.slug, {
    slug: spec.regency.slug,
    name: spec.regency.name,
    regulation: regulationName(spec.regency.regulation),
    regulationRef: {
      title: spec.regency.regulation.title,
      number: spec.regency.regulation.number,
      year: spec.regency.regulation.year,
    },
    ...(spec.regency.regulation.citations ? { citations: spec.regency.regulation.citations } : {}),
    custodian: spec.custodian.name,
    domain: spec.domain.name,
    ...(spec.domain.decree ? { domainDecree: spec.domain.decree } : {}),
    supernet: model.ipPlan.supernet,
    platform: plan.platform,
    mainSite: plan.primary.id,
    sites: spec.sites,
    segments: model.ipPlan.segments,
    exemptions: spec.exemptions,
    blockedCategories: spec.internet.blockedCategories,
    ...(spec.imageMirror ? { imageMirror: spec.imageMirror } : {}),
    interconnections: spec.interconnections.map(({ id, party, kind }) => ({ id, party, kind })),
    ...(spec.continuityPlan ? { continuityPlan: spec.continuityPlan } : {}),
    ...(spec.itAudit ? { itAudit: spec.itAudit } : {}),
    ...(spec.personalData ? { personalDataOfficer: spec.personalData.officer } : {}),
  });
  const inRoot = { parent: root };
  const centers = plan.sites
    .filter((s) => s.kind === "primary" || s.kind === "recovery")
    .map(
      (site) =>
        new DataCenter(
          site.id,
          {
            site,
            custodian: spec.custodian.name,
            citation,
            platform: plan.platform,
            ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
          },
          inRoot,
        ),
    );
  const primary = centers.find((c) => c.site === plan.primary)!;
  for (const u of plan.unconsolidated) new UnconsolidatedServer(`${u.opd}/${u.application}`, u, inRoot);

  // Nothing is placed in a data center that is not the custodian's (DataCenter has failed the run).
  let sso = { issuer: "", clients: [] as string[] };
  if (primary.provider) {
    const clusters = new Map(
      centers
        .filter((c) => c.provider)
        .map((c) => [
          c.site.id,
          { center: c, provider: c.provider!, backupNamespace: c.namespaces[PLATFORM_NAMESPACES.backup] },
        ]),
    );
    sso = await deployKubernetes(model, plan, primary.provider, primary.namespaces, root, clusters, options.pace);
  } else if (primary.docker)
    sso = await deployDocker(
      plan,
      primary.docker,
      root,
      new Map(centers.filter((c) => c.docker).map((c) => [c.site.id, c.docker!])),
      options.pace,
    );

  const { ipPlan } = model;
  const segmentOf = new Map(ipPlan.segments.filter((s) => s.opd).map((s) => [s.opd!, s.cidr]));
  return {
    regency: spec.regency.name,
    custodian: spec.custodian.name,
    domain: spec.domain.name,
    regulation: regulationName(spec.regency.regulation),
    platform: plan.platform,
    ipPlan,
    opds: spec.opds.map((o) => ({
      slug: o.slug,
      segment: segmentOf.get(o.slug)!,
      applications: o.applications.map((a) => a.id),
    })),
    sso,
    plan,
  };
}
