/** The Docker back end: the same plan on one server (networks per segment, containers, backup runner, reverse proxy). */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { BackupRunner } from "../components/docker/backup-runner";
import { Images } from "../components/docker/images";
import { DockerKeycloak } from "../components/docker/keycloak";
import { containerOf, DOCKER } from "../components/docker/naming";
import { Networks } from "../components/docker/networks";
import { DockerOpdHosting } from "../components/docker/opd-hosting";
import { ReverseProxy } from "../components/docker/reverse-proxy";
import { clientSecretsFor, KEYCLOAK_PORT, RegencyPlan } from "../components/model/plan";
import { RegencyModel } from "../components/model/validate";

export async function deployDocker(model: RegencyModel, plan: RegencyPlan, provider: docker.Provider, parent: pulumi.Resource, pace?: () => Promise<void>) {
  const opts = { provider, parent };
  const apps = plan.tenants.flatMap((t) => t.apps);
  const images = new Images("images", { refs: [...Object.values(plan.images), ...apps.map((a) => a.image)] }, opts);
  const imageId = (ref: string) => images.id(ref);
  const networks = new Networks("networks", { segments: model.ipPlan.segments }, opts);
  const net = (segment: string) => networks.byName[segment].name;
  const sso = new DockerKeycloak(
    "sso",
    { sso: plan.sso, networks: { platform: net("platform"), dmz: net("dmz") }, images: imageId, keycloakImage: plan.images.keycloak, postgresImage: plan.images.postgres },
    opts,
  );
  const databases: Record<string, { host: string; credentials: Record<string, pulumi.Input<string>> }> = {
    [`${plan.sso.namespace}/${plan.sso.database.name}`]: sso.database,
  };
  const volumes: Record<string, pulumi.Output<string>> = {};
  for (const tenant of plan.tenants) {
    const hosting = new DockerOpdHosting(
      tenant.namespace,
      {
        tenant,
        networks: { own: net(tenant.segment.name), dmz: net("dmz"), interconnect: net("interconnect") },
        images: imageId,
        postgresImage: plan.images.postgres,
        ssoIssuer: sso.issuer,
        clientSecrets: clientSecretsFor(tenant, sso.clientSecrets),
      },
      opts,
    );
    for (const [db, v] of Object.entries(hosting.databases)) databases[`${tenant.namespace}/${db}`] = v;
    for (const [claim, v] of Object.entries(hosting.volumes)) volumes[`${tenant.namespace}/${claim}`] = v;
    await pace?.();
  }
  new BackupRunner(
    "backups",
    { jobs: plan.backupJobs, image: imageId(plan.images.backupRunner), networks: [net("platform"), ...plan.tenants.filter((t) => t.backups.length > 0).map((t) => net(t.segment.name))], databases, volumes },
    opts,
  );
  new ReverseProxy(
    "proxy",
    {
      routes: [
        { hostname: plan.sso.hostname, upstream: `${DOCKER.keycloak}:${KEYCLOAK_PORT}`, intranetOnly: false },
        ...apps.map((a) => ({ hostname: a.hostname, upstream: `${containerOf(a.namespace, a.id)}:${a.port}`, intranetOnly: !a.public })),
      ],
      supernet: plan.supernet,
      image: imageId(plan.images.proxy),
      dmzNetwork: net("dmz"),
    },
    opts,
  );
  return { issuer: sso.issuer, clients: Object.keys(sso.clientSecrets) };
}
