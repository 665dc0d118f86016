/**
 * What a resource of ANY stack is, and where it lands: a table of type tokens (the provider SDK
 * packages are not needed — the engine hands the pack type tokens and provider inputs), and each
 * provider's inputs matched against the endpoints the estate lists for the custodian's sites.
 */
import * as YAML from "yaml";
import type { Estate, EstateSite } from "./estate";
import type { ResourceView } from "./model";

export type Category = "server" | "container" | "workload" | "cluster" | "database" | "storage" | "dns" | "none";

/** First match wins. "none": lands nowhere of itself (configuration, networks, images, generated values). */
export const RESOURCE_TABLE: [RegExp, Category][] = [
  [/^(regency|pulumi|random|tls|command:local|kubernetes:helm\.sh):/, "none"],
  // Kubernetes: what runs or keeps data on a cluster; other objects follow their workloads.
  [
    /^kubernetes:(apps\/v1:(Deployment|StatefulSet|DaemonSet|ReplicaSet)|batch\/v1:(Job|CronJob)|core\/v1:(Pod|ReplicationController))$/,
    "workload",
  ],
  [/^kubernetes:core\/v1:PersistentVolumeClaim$/, "storage"],
  [/^kubernetes:/, "none"],
  // Docker: containers and volumes on the host the provider points at.
  [/^docker:index\/(container|service):/, "container"],
  [/^docker:index\/volume:/, "storage"],
  [/^docker:/, "none"],
  // Commands over SSH run on a server.
  [/^command:remote:/, "server"],
  // AWS
  [/^aws:(ec2\/(instance|spotInstanceRequest|spotFleetRequest)|lightsail\/instance|autoscaling\/group):/, "server"],
  [/^aws:eks\/(cluster|nodeGroup):/, "cluster"],
  [/^aws:(ecs\/(service|taskDefinition|cluster)|apprunner\/service):/, "container"],
  [/^aws:lambda\/function:/, "workload"],
  [/^aws:(rds|dynamodb|docdb|elasticache|redshift|neptune|opensearch)\//, "database"],
  [/^aws:(s3\/bucket(V2)?|ebs\/volume|efs\/fileSystem|fsx\/.*|glacier\/vault):/, "storage"],
  [/^aws:route53\/record:/, "dns"],
  // Azure
  [/^azure-native:compute(\/v[\w-]+)?:VirtualMachine(ScaleSet)?$/, "server"],
  [/^azure-native:containerservice(\/v[\w-]+)?:ManagedCluster$/, "cluster"],
  [/^azure-native:(containerinstance(\/v[\w-]+)?:ContainerGroup|app(\/v[\w-]+)?:ContainerApp)$/, "container"],
  [/^azure-native:web(\/v[\w-]+)?:WebApp$/, "workload"],
  [/^azure-native:(sql|dbforpostgresql|dbformysql|documentdb|cache)(\/v[\w-]+)?:/, "database"],
  [/^azure-native:storage(\/v[\w-]+)?:(StorageAccount|BlobContainer|FileShare)$/, "storage"],
  [/^azure-native:(dns|network)(\/v[\w-]+)?:RecordSet$/, "dns"],
  // Google Cloud
  [/^gcp:compute\/(instance|instanceFromTemplate|instanceGroupManager):/, "server"],
  [/^gcp:container\/(cluster|nodePool):/, "cluster"],
  [/^gcp:cloudrun(v2)?\/service:/, "container"],
  [/^gcp:sql\/databaseInstance:/, "database"],
  [/^gcp:(storage\/bucket|compute\/disk):/, "storage"],
  [/^gcp:dns\/recordSet:/, "dns"],
  // Alibaba Cloud
  [/^alicloud:ecs\/instance:/, "server"],
  [/^alicloud:cs\/(managedKubernetes|kubernetes|serverlessKubernetes):/, "cluster"],
  [/^alicloud:(rds|polardb|mongodb|kvstore)\//, "database"],
  [/^alicloud:(oss\/bucket|ecs\/ecsDisk):/, "storage"],
  [/^alicloud:dns\/(record|alidnsRecord):/, "dns"],
  // DigitalOcean
  [/^digitalocean:index\/droplet:/, "server"],
  [/^digitalocean:index\/kubernetesCluster:/, "cluster"],
  [/^digitalocean:index\/app:/, "container"],
  [/^digitalocean:index\/databaseCluster:/, "database"],
  [/^digitalocean:index\/(spacesBucket|volume):/, "storage"],
  [/^digitalocean:index\/dnsRecord:/, "dns"],
  // OpenStack
  [/^openstack:compute\/instance:/, "server"],
  [/^openstack:containerinfra\/cluster:/, "cluster"],
  [/^openstack:database\/instance:/, "database"],
  [/^openstack:(blockstorage\/volume(V\d)?|objectstorage\/container(V\d)?):/, "storage"],
  [/^openstack:dns\/recordSet:/, "dns"],
  // Hypervisors
  [/^vsphere:index\/virtualMachine:/, "server"],
  [/^vsphere:index\/virtualDisk:/, "storage"],
  // Proxmox VE's module was "VM"/"CT" before v7 and "vm"/"ct" since.
  [/^proxmoxve:vm\/(virtualMachine|vm2?):/i, "server"],
  [/^proxmoxve:ct\/container:/i, "container"],
  [/^libvirt:index\/domain:/, "server"],
  [/^libvirt:index\/volume:/, "storage"],
  // DNS services
  [/^cloudflare:index\/(record|dnsRecord):/, "dns"],
];

/** What a resource is, or undefined: a type the table does not know. */
export const categoryOf = (type: string): Category | undefined => RESOURCE_TABLE.find(([re]) => re.test(type))?.[1];

export interface Landing {
  /** The estate's site it lands on, if any. */
  site?: EstateSite;
  /** What identifies where it lands (API server, context, Docker host, endpoint), or why it cannot be told. */
  where: string;
}

/** A non-empty string, or undefined (provider inputs are untyped). */
export const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** The API server a kubeconfig's chosen context points at. */
function kubeServer(kubeconfig: string | undefined, context: string | undefined): string | undefined {
  if (!kubeconfig) return undefined;
  try {
    const k = YAML.parse(kubeconfig) as {
      "current-context"?: string;
      contexts?: { name: string; context: { cluster: string } }[];
      clusters?: { name: string; cluster: { server: string } }[];
    };
    const ctx = k.contexts?.find((c) => c.name === (context ?? k["current-context"]));
    return k.clusters?.find((c) => c.name === ctx?.context.cluster)?.cluster.server;
  } catch {
    return undefined;
  }
}

const hostOf = (endpoint: string) => /^(?:[a-z]+:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/i.exec(endpoint)?.[1];

/** Where a resource lands, from its provider's inputs (explicit provider, or the default one and its config). */
export function landingOf(r: ResourceView, estate: Estate): Landing {
  const p = r.provider?.props ?? {};
  const pkg = r.type.split(":")[0];
  const find = (pred: (s: EstateSite) => boolean) => estate.sites.find(pred);
  if (pkg === "kubernetes") {
    const context = str(p.context);
    const server = kubeServer(str(p.kubeconfig), context) ?? str(p.cluster);
    if (server) return { site: find((s) => s.kubeApiServers.includes(server)), where: `cluster ${server}` };
    if (context) return { site: find((s) => s.kubeContexts.includes(context)), where: `kubeconfig context ${context}` };
    return { where: "the ambient kubeconfig of whoever runs `pulumi up` (no kubeconfig or context in the provider)" };
  }
  if (pkg === "docker") {
    const host = str(p.host) ?? "unix:///var/run/docker.sock";
    return { site: find((s) => s.dockerHosts.includes(host)), where: `Docker host ${host}` };
  }
  if (r.type.startsWith("command:remote:")) {
    const host = str((r.props.connection as { host?: unknown } | undefined)?.host);
    if (!host) return { where: "a server the command does not name" };
    return {
      site: find((s) =>
        [...s.identifiers, ...s.dockerHosts, ...s.kubeApiServers].some((e) => e === host || hostOf(e) === host),
      ),
      where: `server ${host}`,
    };
  }
  // Clouds and hypervisors: the account, project, subscription or endpoint the provider names.
  const ids = [
    "vsphereServer",
    "endpoint",
    "uri",
    "authUrl",
    "project",
    "subscriptionId",
    "allowedAccountIds",
    "accountId",
    "region",
  ]
    .flatMap((k) => (Array.isArray(p[k]) ? (p[k] as unknown[]) : [p[k]]))
    .filter((v): v is string => typeof v === "string" && v !== "");
  const site = find((s) => ids.some((id) => s.identifiers.includes(id)));
  return {
    ...(site ? { site } : {}),
    where: ids.length > 0 ? `${pkg} ${ids.join(", ")}` : `${pkg} (the provider names no account or endpoint)`,
  };
}

/** The fully qualified name a DNS record publishes, from the common fields of DNS providers. */
export function dnsNameOf(r: ResourceView): string | undefined {
  const p = r.props;
  const name = str(p.name) ?? str(p.rr) ?? str(p.relativeRecordSetName);
  const zone = str(p.zoneName) ?? str(p.domain) ?? str(p.domainName) ?? str(p.managedZone) ?? str(p.zone);
  if (!name) return undefined;
  if (name === "@" && zone) return zone.replace(/\.$/, "");
  return (zone && !name.replace(/\.$/, "").endsWith(zone.replace(/\.$/, "")) ? `${name}.${zone}` : name).replace(
    /\.$/,
    "",
  );
}
