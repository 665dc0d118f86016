/** The Kubernetes back end: composes the components on the primary site's cluster. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Backups } from "../components/backup/backups";
import { OpdHosting } from "../components/hosting/opd-hosting";
import { clientSecretsFor, flowsByNamespace, RegencyPlan, storageClassOf } from "../components/model/plan";
import { RegencyModel } from "../components/model/validate";
import { NetworkSegments } from "../components/network/network-segments";
import { Keycloak } from "../components/sso/keycloak";

export async function deployKubernetes(model: RegencyModel, plan: RegencyPlan, provider: k8s.Provider, platformNamespaces: pulumi.Resource[], parent: pulumi.Resource, pace?: () => Promise<void>) {
  const storageClass = storageClassOf(plan.primary);
  const opts = { provider, parent, dependsOn: platformNamespaces };
  const flowsOf = flowsByNamespace(plan.flows);
  new NetworkSegments(
    "segments",
    { segments: model.ipPlan.segments, podSegments: plan.tenants.map((t) => t.segment.name), flows: flowsOf("backup"), cni: plan.cni },
    opts,
  );
  const sso = new Keycloak("sso", { sso: plan.sso, flows: flowsOf(plan.sso.namespace), storageClass, images: plan.images }, opts);
  new Backups("sso/backups", { namespace: plan.sso.namespace, jobs: plan.sso.backups, image: plan.images.postgres }, { provider, parent, dependsOn: [sso] });
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
        cni: plan.cni,
        supernet: plan.supernet,
      },
      opts,
    );
    if (tenant.backups.length > 0) {
      new Backups(`${tenant.namespace}/backups`, { namespace: tenant.namespace, jobs: tenant.backups, image: plan.images.postgres }, { provider, parent, dependsOn: [hosting] });
    }
    await pace?.();
  }
  return { issuer: sso.issuer, clients: Object.keys(sso.clientSecrets) };
}
