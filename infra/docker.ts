/** The Docker back end: the same plan on one server (networks per segment, containers, backup runner, reverse proxy). */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { credentialsOf, CredentialsBySite } from "../components/backup/credentials";
import { DockerBackupRepository } from "../components/docker/backup-repository";
import { BackupTools } from "../components/docker/backup-tools";
import { BackupRunner } from "../components/docker/backup-runner";
import { Images } from "../components/docker/images";
import { DockerKeycloak } from "../components/docker/keycloak";
import { containerOf, DOCKER } from "../components/docker/naming";
import { Networks } from "../components/docker/networks";
import { DockerOpdHosting } from "../components/docker/opd-hosting";
import { ReverseProxy } from "../components/docker/reverse-proxy";
import { isolatedNamespace } from "../components/model/docker-networks";
import { clientSecretsFor, KEYCLOAK_PORT, RegencyPlan } from "../components/model/plan";
import type { DatabaseCredentials } from "../components/docker/postgres";

export async function deployDocker(
  plan: RegencyPlan,
  provider: docker.Provider,
  parent: pulumi.Resource,
  hosts: Map<string, docker.Provider>,
  pace?: () => Promise<void>,
) {
  const opts = { provider, parent };
  const apps = plan.tenants.flatMap((t) => t.apps);
  const images = new Images("images", { refs: [...Object.values(plan.images), ...apps.map((a) => a.image)] }, opts);
  const imageId = (ref: string) => images.id(ref);
  const networks = new Networks("networks", { isolation: plan.docker }, opts);
  const attachmentsOf = (containers: string[]) => Object.fromEntries(containers.map((c) => [c, networks.attach(c)]));
  const sso = new DockerKeycloak(
    "sso",
    {
      sso: plan.sso,
      attachments: attachmentsOf([DOCKER.keycloak, DOCKER.keycloakDb, DOCKER.realmSync]),
      images: imageId,
      keycloakImage: plan.images.keycloak,
      postgresImage: plan.images.postgres,
    },
    opts,
  );
  // Each target site's repository server; on this server unless the site has a Docker host of its own.
  const tools = new BackupTools("backup-tools", { resticImage: imageId(plan.images.restic) }, opts);
  const credentials: CredentialsBySite = {};
  for (const r of plan.backupRepositories) {
    const host = hosts.get(r.runsOn);
    if (!host) continue; // a site not run by the custodian: DataCenter has failed the run
    const repository = new DockerBackupRepository(
      `backup/${r.site}`,
      {
        repository: r,
        images: { repositoryServer: imageId(plan.images.repositoryServer), restic: imageId(plan.images.restic) },
        networks: networks.attach(r.container!),
      },
      { provider: host, parent },
    );
    credentials[r.site] = repository.credentials;
  }
  const databases: Record<string, { host: string; credentials: DatabaseCredentials }> = {
    [`${plan.sso.namespace}/${plan.sso.database.name}`]: sso.database,
  };
  const volumes: Record<string, pulumi.Output<string>> = {};
  for (const tenant of plan.tenants) {
    const hosting = new DockerOpdHosting(
      tenant.namespace,
      {
        tenant,
        // Only this OPD's containers: component args are recorded, the estate's would be quadratic.
        attachments: attachmentsOf(
          tenant.apps.flatMap((a) => [
            containerOf(tenant.namespace, a.id),
            ...(a.database ? [containerOf(tenant.namespace, a.database.name)] : []),
          ]),
        ),
        defaultDeny: isolatedNamespace(plan.docker, tenant.namespace),
        unenforcedFlows: plan.docker.approximations
          .filter((a) => a.container.startsWith(`${tenant.namespace}-`))
          .map((a) => `${a.container} → ${a.flow} becomes ${a.becomes}`),
        images: imageId,
        postgresImage: plan.images.postgres,
        ssoIssuer: sso.issuer,
        clientSecrets: clientSecretsFor(tenant, sso.clientSecrets),
        pointInTime: { credentials: credentialsOf(credentials, tenant.namespace), tools },
      },
      opts,
    );
    for (const [db, v] of Object.entries(hosting.databases)) databases[`${tenant.namespace}/${db}`] = v;
    for (const [claim, v] of Object.entries(hosting.volumes)) volumes[`${tenant.namespace}/${claim}`] = v;
    await pace?.();
  }
  new BackupRunner(
    "backups",
    {
      jobs: plan.backupJobs,
      image: imageId(plan.images.backupRunner),
      tools,
      networks: networks.attach(DOCKER.runner),
      databases,
      volumes,
      credentials,
    },
    opts,
  );
  new ReverseProxy(
    "proxy",
    {
      routes: [
        {
          hostname: plan.sso.hostname,
          upstream: `${DOCKER.keycloak}:${KEYCLOAK_PORT}`,
          intranetOnly: false,
          forApplications: true,
        },
        ...apps.map((a) => ({
          hostname: a.hostname,
          upstream: `${containerOf(a.namespace, a.id)}:${a.port}`,
          intranetOnly: !a.public,
        })),
      ],
      supernet: plan.supernet,
      applicationSources: [
        ...new Set(
          plan.docker.networks
            .filter((n) => n.members.some((m) => m.container === DOCKER.proxy && m.aliases.includes(plan.sso.hostname)))
            .map((n) => n.segment),
        ),
      ].map((segment) => plan.tenants.find((t) => t.segment.name === segment)!.segment.cidr),
      image: imageId(plan.images.proxy),
      networks: networks.attach(DOCKER.proxy),
    },
    opts,
  );
  return { issuer: sso.issuer, clients: Object.keys(sso.clientSecrets) };
}
