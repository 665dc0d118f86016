/**
 * The plan's allowed flows as Docker networks on one server. Docker has no per-port or per-direction
 * filter: two containers on one network reach each other on every port. So every allowed flow
 * between two containers gets a network of its own with just those two (a /29 numbered inside the
 * segment of its namespace), and nothing else shares it; what is reachable on the server is then
 * what the flows allow, as on Kubernetes. What Docker cannot express is listed, never hidden.
 */
import * as ipaddr from "ipaddr.js";
import { Segment, toIp, toNum } from "./ipplan";
import { COMMON_APPS_NAMESPACE, containerOf, DOCKER_NAMES, namespaceOfOpd } from "./names";
import type { BackupJobPlan, FlowPlan, TenantPlan } from "./plan";

/** Addresses of one link network: network, gateway, the two containers, broadcast — a /29. */
export const LINK_PREFIX = 29;
const LINK_SIZE = 2 ** (32 - LINK_PREFIX);

export interface DockerNetworkPlan {
  /** Docker network name (`regency-…`). */
  name: string;
  /** The IP-plan segment it is numbered in. */
  segment: string;
  cidr: string;
  gateway: string;
  /** Cut off from outside the server (everything but the DMZ and egress networks). */
  internal: boolean;
  /** Container keys (`containerOf(namespace, app)`, or the proxy / runner / realm sync) and their extra DNS names here. */
  members: { container: string; aliases: string[] }[];
  purpose: string;
}

export interface DockerIsolation {
  networks: DockerNetworkPlan[];
  /** Flows Docker can only approximate, each said once (the policy pack and `plan` report them). */
  approximations: { container: string; flow: string; becomes: string }[];
}

/** Links an application needs in its segment: to the proxy; to its database and the database's backup (and WAL archiving); egress. */
export const linksOfApp = (a: { database?: unknown }, egress: boolean, walArchiving = false) =>
  1 + (a.database ? 2 : 0) + (walArchiving ? 1 : 0) + (egress ? 1 : 0);
/** Whether a segment holds `links` link networks after the addresses it reserves. */
export const linksFit = (segmentCidr: string, links: number) =>
  links * LINK_SIZE <= 2 ** (32 - Number(segmentCidr.split("/")[1]));

const segmentOfNamespace = (ns: string) =>
  ns === COMMON_APPS_NAMESPACE ? "common-apps" : ns.startsWith(namespaceOfOpd("")) ? ns : "platform";

export function dockerIsolation(
  tenants: TenantPlan[],
  flows: FlowPlan[],
  backupJobs: BackupJobPlan[],
  segments: Segment[],
  sso: { namespace: string; hostname: string },
  repositoryServers: { container: string; local: boolean }[] = [],
  walArchiving: { database: string; namespace: string; server: string }[] = [],
): DockerIsolation {
  const bySegment = new Map(segments.map((s) => [s.name, s]));
  const used = new Map<string, number>();
  const networks: DockerNetworkPlan[] = [];
  const approximations: DockerIsolation["approximations"] = [];
  const seen = new Map<string, string>();
  const runnerJobs = new Set(backupJobs.map((b) => `${b.namespace}/${b.name}`));
  const appsOf = new Map(tenants.map((t) => [t.namespace, t.apps.map((a) => a.id)]));

  const link = (
    name: string,
    segment: string,
    internal: boolean,
    members: DockerNetworkPlan["members"],
    purpose: string,
  ) => {
    const who = members.map((m) => m.container).join(" ");
    if (seen.has(name)) {
      if (seen.get(name) !== who)
        throw new Error(`Docker network ${name} would join both ${seen.get(name)} and ${who}`);
      return;
    }
    seen.set(name, who);
    const s = bySegment.get(segment);
    if (!s) throw new Error(`no IP-plan segment ${segment} for Docker network ${name}`);
    const i = used.get(segment) ?? 0;
    used.set(segment, i + 1);
    if (!linksFit(s.cidr, i + 1))
      throw new Error(
        `segment ${segment} (${s.cidr}) has no room for Docker network ${name}: validation sizes segments for their links`,
      );
    const base = toNum(ipaddr.IPv4.networkAddressFromCIDR(s.cidr)) + i * LINK_SIZE;
    networks.push({
      name,
      segment,
      cidr: `${toIp(base)}/${LINK_PREFIX}`,
      gateway: toIp(base + 1),
      internal,
      members,
      purpose,
    });
  };
  const member = (container: string, aliases: string[] = []) => ({ container, aliases });
  // Who a flow endpoint is on one server.
  const containerFor = (ns: string, app: string) => {
    if (ns === sso.namespace && app === DOCKER_NAMES.realmSyncApp) return DOCKER_NAMES.realmSync;
    if (runnerJobs.has(`${ns}/${app}`)) return DOCKER_NAMES.runner;
    return containerOf(ns, app);
  };

  for (const f of flows) {
    const from = f.from;
    if ("cidr" in f.to) {
      // A backup job to its repository server's address: on one server, the runner's link to the server below.
      if (from.app && runnerJobs.has(`${from.namespace}/${from.app}`)) continue;
      // Egress: Docker can open the way out, but not limit it to an address or a port.
      for (const app of from.app ? [from.app] : (appsOf.get(from.namespace) ?? [])) {
        const c = containerOf(from.namespace, app);
        link(
          `regency-${c}-egress`,
          segmentOfNamespace(from.namespace),
          false,
          [member(c)],
          "egress (partners, internet)",
        );
        approximations.push({
          container: c,
          flow: `${f.to.cidr}:${f.port}/${f.protocol} (${f.purpose})`,
          becomes: "any address outside the server, any port",
        });
      }
      continue;
    }
    const to = f.to;
    if (to.namespace === "kube-system") continue; // DNS: Docker's embedded resolver answers every container.
    if (!to.app) throw new Error(`flow to the whole namespace ${to.namespace} has no Docker form`);
    const target = containerFor(to.namespace, to.app);
    if (from.namespace === "ingress") {
      // The reverse proxy reaches each application (and SSO) over a network of their own.
      link(
        `regency-${target}-front`,
        segmentOfNamespace(to.namespace),
        true,
        [member(DOCKER_NAMES.proxy, to.namespace === sso.namespace ? [] : [sso.hostname]), member(target)],
        f.purpose,
      );
      continue;
    }
    if (!from.app) throw new Error(`flow from the whole namespace ${from.namespace} to ${target} has no Docker form`);
    const source = containerFor(from.namespace, from.app);
    if (to.namespace === sso.namespace && to.app === "keycloak" && from.namespace !== sso.namespace) {
      // The OIDC back channel goes through the proxy, which answers the SSO host name on the app's front network.
      if (!seen.has(`regency-${source}-front`))
        throw new Error(`${source} reaches SSO through the reverse proxy but has no front network`);
      continue;
    }
    const name = source === DOCKER_NAMES.runner ? `regency-${target}-backup` : `regency-${target}`;
    link(name, segmentOfNamespace(to.namespace), true, [member(source), member(target, [to.app])], f.purpose);
  }
  // The backup runner reaches each repository server it writes to, and nothing else reaches them.
  for (const server of repositoryServers.filter((s) => s.local)) {
    link(
      `${server.container}-runner`,
      "backup",
      true,
      [member(DOCKER_NAMES.runner), member(server.container)],
      "backup runner to the repository server",
    );
  }
  // A database with point-in-time recovery archives its WAL to its repository server.
  for (const w of walArchiving)
    link(
      `regency-${w.database}-wal`,
      segmentOfNamespace(w.namespace),
      true,
      [member(w.database), member(w.server)],
      "WAL archiving to the repository server",
    );
  if (repositoryServers.some((s) => !s.local)) {
    // A repository server on another site's host is reached over the backup segment: Docker cannot limit the way out to it.
    link(
      `${DOCKER_NAMES.runner}-egress`,
      "backup",
      false,
      [member(DOCKER_NAMES.runner)],
      "backup runner to repository servers on other sites",
    );
    approximations.push({
      container: DOCKER_NAMES.runner,
      flow: "repository servers of other sites (backup segment)",
      becomes: "any address outside the server, any port",
    });
  }
  // The proxy publishes ports 80 and 443: its own network of the DMZ segment, open to the outside.
  const dmz = bySegment.get("dmz");
  if (dmz)
    networks.push({
      name: "regency-dmz",
      segment: "dmz",
      cidr: dmz.cidr,
      gateway: dmz.gateway,
      internal: false,
      members: [member(DOCKER_NAMES.proxy)],
      purpose: "published ports 80 and 443",
    });
  return { networks, approximations };
}

/**
 * Whether the containers of a namespace are cut off from everything the flows do not allow: every
 * network they join is internal, or open to the outside with no other container on it (egress).
 */
export const isolatedNamespace = (isolation: DockerIsolation, namespace: string) =>
  isolation.networks
    .filter((n) => n.members.some((m) => m.container.startsWith(`${namespace}-`)))
    .every((n) => n.internal || n.members.length === 1);

/** The networks a container joins, with its aliases on each. */
export function attachmentsOf(isolation: DockerIsolation, container: string): { network: string; aliases: string[] }[] {
  return isolation.networks.flatMap((n) =>
    n.members.filter((m) => m.container === container).map((m) => ({ network: n.name, aliases: m.aliases })),
  );
}
