/** The estate of a regency, from its own stack: what the policy pack judges any other stack against. */
import { RegencyModel } from "../components/model/validate";
import { Estate } from "../policies/estate";
import type { LedgerLine } from "../components/model/drills";
import { policiesOf, RULES } from "../policies/rules";
import { restoreDrills } from "../policies/rules/restore-drills";

/** Docker's own default when a site names no host (the DataCenter component uses it too). */
const DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

export function estateOf(model: RegencyModel): Estate {
  const { spec } = model;
  return {
    schemaVersion: 1,
    regency: spec.regency.slug,
    name: spec.regency.name,
    custodian: spec.custodian.name,
    domain: spec.domain.name,
    ...(spec.domain.decree ? { domainDecree: spec.domain.decree } : {}),
    supernet: model.ipPlan.supernet,
    sites: spec.sites.map((s) => ({
      id: s.id,
      kind: s.kind,
      operator: s.operator,
      country: s.country,
      kubeApiServers: s.endpoint?.kubeApiServer ? [s.endpoint.kubeApiServer] : [],
      kubeContexts: s.endpoint?.kubeContext ? [s.endpoint.kubeContext] : [],
      dockerHosts: s.endpoint?.dockerHost
        ? [s.endpoint.dockerHost]
        : s.platform === "docker"
          ? [DEFAULT_DOCKER_HOST]
          : [],
      identifiers: s.endpoint?.identifiers ?? [],
    })),
    exemptions: spec.exemptions,
  };
}

/** The policy pack config that hands the drill ledger to `restore-drills` and its advisory twin. */
export const drillsConfig = (drills: LedgerLine[]) =>
  Object.fromEntries(policiesOf(restoreDrills).map((p) => [p.name, { drills }]));

/** The policy pack config that hands the estate to every policy that judges any stack. */
export const estateConfig = (estate: Estate) =>
  Object.fromEntries(RULES.filter((r) => r.anyStack).map((r) => [r.name, { estate }]));
