/**
 * The regency program: what `pulumi up` builds from a validated regency model. Kept apart from
 * index.ts so tests and the offline `plan` run the very same code with a model of their choice.
 */
import * as pulumi from "@pulumi/pulumi";
import { Backups } from "../components/backup/backups";
import { DataCenter } from "../components/datacenter/datacenter";
import { OpdHosting } from "../components/hosting/opd-hosting";
import { IpPlan } from "../components/model/ipplan";
import { buildPlan, RegencyPlan } from "../components/model/plan";
import { RegencyModel } from "../components/model/validate";
import { NetworkSegments } from "../components/network/network-segments";
import { Keycloak } from "../components/sso/keycloak";

export interface ProgramOptions {
  /** Kubeconfig contents (config `regency:kubeconfig`); default: the ambient kubeconfig. */
  kubeconfig?: pulumi.Input<string>;
}

export interface RegencyOutputs {
  regency: string;
  custodian: string;
  domain: string;
  regulation: string;
  ipPlan: IpPlan;
  opds: { slug: string; segment: string; applications: string[] }[];
  sso: { issuer: string; clients: string[] };
  plan: RegencyPlan;
}

export function regencyProgram(model: RegencyModel, options: ProgramOptions = {}): RegencyOutputs {
  const plan = buildPlan(model);
  if (plan.primary.platform !== "kubernetes") {
    throw new pulumi.RunError(`the primary site "${plan.primary.id}" runs on ${plan.primary.platform}; this version deploys Kubernetes sites only`);
  }
  const citation = model.cite("custodian-data-center");
  const centers = plan.sites
    .filter((s) => s.kind !== "portable-media")
    .map((site) => new DataCenter(site.id, { site, custodian: model.spec.custodian.name, citation, ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}) }));
  const primary = centers.find((c) => c.site.kind === "primary")!;
  const storageClass = plan.primary.storageClass ?? "standard";
  let issuer = "";
  let clients: string[] = [];

  // Nothing is placed in a data center that is not the custodian's (DataCenter has failed the run).
  if (primary.provider) {
    const opts = { provider: primary.provider, dependsOn: Object.values(primary.namespaces) };
    new NetworkSegments(
      "segments",
      { segments: model.ipPlan.segments, podSegments: plan.tenants.map((t) => t.segment.name), flows: plan.flows, cni: plan.cni },
      opts,
    );
    const sso = new Keycloak("sso", { sso: plan.sso, flows: plan.flows, storageClass, images: plan.images }, opts);
    issuer = sso.issuer;
    clients = Object.keys(sso.clientSecrets);
    for (const tenant of plan.tenants) {
      const hosting = new OpdHosting(
        tenant.namespace,
        {
          tenant,
          flows: plan.flows,
          storageClass,
          ssoIssuer: sso.issuer,
          clientSecrets: sso.clientSecrets,
          postgresImage: plan.images.postgres,
          cni: plan.cni,
          supernet: plan.supernet,
        },
        opts,
      );
      if (tenant.backups.length > 0) {
        new Backups(`${tenant.namespace}/backups`, { namespace: tenant.namespace, jobs: tenant.backups, image: plan.images.postgres }, { provider: primary.provider, dependsOn: [hosting] });
      }
    }
  }

  const { spec, ipPlan } = model;
  const segmentOf = new Map(ipPlan.segments.filter((s) => s.opd).map((s) => [s.opd!, s.cidr]));
  return {
    regency: spec.regency.name,
    custodian: spec.custodian.name,
    domain: spec.domain.name,
    regulation: citation.regulation,
    ipPlan,
    opds: spec.opds.map((o) => ({ slug: o.slug, segment: segmentOf.get(o.slug)!, applications: o.applications.map((a) => a.id) })),
    sso: { issuer, clients },
    plan,
  };
}
