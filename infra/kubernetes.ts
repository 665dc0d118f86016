/** The Kubernetes back end: composes the components on the primary site's cluster. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BackupRepository } from "../components/backup/backup-repository";
import { credentialsOf, CredentialsBySite } from "../components/backup/credentials";
import { Backups } from "../components/backup/backups";
import { admissionPolicies, admissionScopes } from "../components/datacenter/admission";
import { AdmissionPolicies } from "../components/datacenter/admission-policies";
import { OpdHosting } from "../components/hosting/opd-hosting";
import {
  clientSecretsFor,
  flowsByNamespace,
  PLATFORM_NAMESPACES,
  RegencyPlan,
  storageClassOf,
} from "../components/model/plan";
import { RegencyModel } from "../components/model/validate";
import { NetworkSegments } from "../components/network/network-segments";
import { Keycloak } from "../components/sso/keycloak";

/** A site's cluster: its DataCenter, its provider and the namespace that holds its backup repository server. */
export interface SiteCluster {
  center: pulumi.Resource;
  provider: k8s.Provider;
  backupNamespace?: pulumi.Resource;
}

export async function deployKubernetes(
  model: RegencyModel,
  plan: RegencyPlan,
  provider: k8s.Provider,
  platformNamespaces: Record<string, pulumi.Resource>,
  parent: pulumi.Resource,
  clusters: Map<string, SiteCluster>,
  pace?: () => Promise<void>,
) {
  const storageClass = storageClassOf(plan.primary);
  // Each custodian cluster's admission policies (the second line of defence), before anything else on it.
  const guards = new Map<string, pulumi.Resource>();
  for (const scope of admissionScopes(
    plan,
    model.spec.sites,
    model.spec.imageMirror,
    model.spec.regency.name,
    model.spec.domain.name,
  )) {
    const cluster = clusters.get(scope.site);
    if (!cluster) continue;
    guards.set(
      scope.site,
      new AdmissionPolicies(
        `admission/${scope.site}`,
        { site: scope.site, policies: admissionPolicies(scope, model.cite) },
        { parent: cluster.center, provider: cluster.provider },
      ),
    );
  }
  const guarded = (site: string, ...others: (pulumi.Resource | undefined)[]) =>
    [...others, guards.get(site)].filter((r): r is pulumi.Resource => r !== undefined);
  // Each target site's repository server, through that site's own provider: the copies live where they belong.
  const credentials: CredentialsBySite = {};
  for (const r of plan.backupRepositories) {
    const cluster = clusters.get(r.runsOn);
    if (!cluster) continue; // a site not run by the custodian: DataCenter has failed the run
    const repository = new BackupRepository(
      `backup/${r.site}`,
      { repository: r, images: { repositoryServer: plan.images.repositoryServer, restic: plan.images.restic } },
      { parent, provider: cluster.provider, dependsOn: guarded(r.runsOn, cluster.backupNamespace) },
    );
    credentials[r.site] = repository.credentials;
  }
  const primarySite = plan.primary.id;
  const opts = { provider, parent, dependsOn: guarded(primarySite, ...Object.values(platformNamespaces)) };
  const flowsOf = flowsByNamespace(plan.flows);
  new NetworkSegments(
    "segments",
    {
      segments: model.ipPlan.segments,
      podSegments: plan.tenants.map((t) => t.segment.name),
      flows: flowsOf("backup"),
      cni: plan.cni,
      backupNamespace: platformNamespaces[PLATFORM_NAMESPACES.backup],
    },
    opts,
  );
  const sso = new Keycloak(
    "sso",
    {
      sso: plan.sso,
      flows: flowsOf(plan.sso.namespace),
      storageClass,
      images: plan.images,
      namespace: platformNamespaces[plan.sso.namespace],
    },
    opts,
  );
  const backupImages = {
    image: plan.images.postgres,
    resticImage: plan.images.restic,
    scratchStorageClass: storageClass,
  };
  new Backups(
    "sso/backups",
    {
      namespace: plan.sso.namespace,
      jobs: plan.sso.backups,
      credentials: credentialsOf(credentials, plan.sso.namespace),
      ...backupImages,
    },
    { provider, parent, dependsOn: [sso] },
  );
  for (const tenant of plan.tenants) {
    // Each OPD gets only its own flows and secrets: its args are recorded, so passing the whole
    // estate to every OPD would make the stack quadratic in the number of OPDs.
    const hosting = new OpdHosting(
      tenant.namespace,
      {
        tenant,
        flows: flowsOf(tenant.namespace),
        storageClass,
        ssoIssuer: sso.issuer,
        clientSecrets: clientSecretsFor(tenant, sso.clientSecrets),
        postgresImage: plan.images.postgres,
        resticImage: plan.images.restic,
        cni: plan.cni,
        supernet: plan.supernet,
      },
      opts,
    );
    if (tenant.backups.length > 0) {
      new Backups(
        `${tenant.namespace}/backups`,
        {
          namespace: tenant.namespace,
          jobs: tenant.backups,
          credentials: credentialsOf(credentials, tenant.namespace),
          ...backupImages,
        },
        { provider, parent, dependsOn: [hosting] },
      );
    }
    await pace?.();
  }
  return { issuer: sso.issuer, clients: Object.keys(sso.clientSecrets) };
}
