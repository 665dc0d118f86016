/**
 * The regency program: what `pulumi up` builds from a validated regency model.
 * Kept apart from index.ts so tests and the offline commands run it with a model they choose.
 */
import { IpPlan } from "../components/model/ipplan";
import { RegencyModel } from "../components/model/validate";

export interface RegencyOutputs {
  regency: string;
  custodian: string;
  domain: string;
  regulation: string;
  ipPlan: IpPlan;
  opds: { slug: string; segment: string; applications: string[] }[];
}

export function regencyProgram(model: RegencyModel): RegencyOutputs {
  const { spec, ipPlan } = model;
  const segmentOf = new Map(ipPlan.segments.filter((s) => s.opd).map((s) => [s.opd!, s.cidr]));
  return {
    regency: spec.regency.name,
    custodian: spec.custodian.name,
    domain: spec.domain.name,
    regulation: model.cite("custodian-data-center").regulation,
    ipPlan,
    opds: spec.opds.map((o) => ({ slug: o.slug, segment: segmentOf.get(o.slug)!, applications: o.applications.map((a) => a.id) })),
  };
}
