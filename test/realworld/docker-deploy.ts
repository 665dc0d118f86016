/**
 * Deploys the Docker plan on a real Docker Engine without the Pulumi CLI (no provider plugin can be
 * had here): the exact inputs the program registers for docker:index/{network,volume,container}
 * become Docker Engine API calls through dockerode, as the Pulumi docker provider would make them.
 * Three things are rewritten, and only these: generated secrets (placeholders in the plan) get fresh
 * random values, kept in memory; a backup site's host path is placed under a scratch directory; the
 * Caddyfile gets Caddy's `local_certs` (no ACME server is reachable here). Published ports bind
 * 127.0.0.1 only.
 */
import * as crypto from "crypto";
import bcrypt from "bcryptjs";
import * as fs from "fs";
import * as path from "path";
import Docker from "dockerode";
import * as tar from "tar-stream";
import { Synthesis, SynthResource } from "../../infra/synth";

type Inputs = Record<string, any>;
const PLACEHOLDER = /\{\{secret:([^}]*)\}\}/g;
const of = (s: Synthesis, type: string) =>
  s.resources.filter((r) => r.type === `docker:index/${type}`).map((r: SynthResource) => r.inputs as Inputs);
const labelsOf = (l: { label: string; value: string }[] | undefined) =>
  Object.fromEntries((l ?? []).map((x) => [x.label, x.value]));
const nanos = (d: string | undefined) => {
  const m = /^(\d+)(ms|s|m)$/.exec(d ?? "");
  return m ? Number(m[1]) * { ms: 1e6, s: 1e9, m: 60e9 }[m[2] as "ms" | "s" | "m"] : undefined;
};

export interface Deployment {
  networks: string[];
  volumes: string[];
  /** Container names in start order. */
  containers: string[];
  /** Generated values by placeholder name (memory only). */
  secrets: Map<string, string>;
  /** Host directory of each backup site's volume. */
  sitePaths: Map<string, string>;
}

/**
 * Fresh values for the plan's generated secrets, the same value wherever one placeholder appears; a
 * RandomPassword's `bcryptHash` (`<name>.bcrypt`) is the bcrypt hash of its `result`, as the provider makes it.
 */
function secretResolver(secrets: Map<string, string>) {
  const value = (name: string): string => {
    if (!secrets.has(name))
      secrets.set(
        name,
        name.endsWith(".bcrypt")
          ? bcrypt.hashSync(value(name.slice(0, -".bcrypt".length)), 10)
          : crypto.randomBytes(24).toString("base64url"),
      );
    return secrets.get(name)!;
  };
  return (text: string) => text.replace(PLACEHOLDER, (_m, name: string) => value(name));
}

async function upload(
  container: Docker.Container,
  files: { file: string; content: string; executable?: boolean; permissions?: string }[],
) {
  const pack = tar.pack();
  for (const f of files) {
    const mode = f.permissions ? parseInt(f.permissions, 8) : f.executable ? 0o755 : 0o644;
    pack.entry({ name: f.file.replace(/^\//, ""), mode }, f.content);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  await container.putArchive(Buffer.concat(chunks), { path: "/" });
}

/** Start order the dependencies require: databases, Keycloak, applications, realm sync, backup runner, proxy. */
function rank(c: Inputs): number {
  const labels = labelsOf(c.labels);
  // Databases, and one-shot containers the others wait for (`attach`: run to completion).
  if (labels["app.kubernetes.io/component"] === "database" || c.attach) return 0;
  if (c.name === "sso-keycloak") return 1;
  if (labels["app.kubernetes.io/name"] === "realm-sync") return 3;
  if (c.name === "regency-backup-runner") return 4;
  if (c.name === "regency-proxy") return 5;
  return 2;
}

export async function deploy(
  docker: Docker,
  s: Synthesis,
  scratch: string,
  log: (m: string) => void = () => undefined,
): Promise<Deployment> {
  const secrets = new Map<string, string>();
  const resolve = secretResolver(secrets);
  const d: Deployment = { networks: [], volumes: [], containers: [], secrets, sitePaths: new Map() };
  for (const n of of(s, "network:Network")) {
    await docker.createNetwork({
      Name: n.name,
      Driver: n.driver ?? "bridge",
      Internal: n.internal ?? false,
      IPAM: {
        Driver: "default",
        Config: (n.ipamConfigs ?? []).map((c: Inputs) => ({ Subnet: c.subnet, Gateway: c.gateway })),
      },
      Labels: labelsOf(n.labels),
    });
    d.networks.push(n.name);
  }
  log(`${d.networks.length} networks`);
  for (const v of of(s, "volume:Volume")) {
    const opts = { ...(v.driverOpts ?? {}) };
    if (opts.device) {
      const site = labelsOf(v.labels)["regency.go.id/backup-site"] ?? v.name;
      opts.device = path.join(scratch, opts.device);
      d.sitePaths.set(site, opts.device);
      fs.mkdirSync(opts.device, { recursive: true });
    }
    await docker.createVolume({
      Name: v.name,
      Driver: v.driver ?? "local",
      DriverOpts: opts,
      Labels: labelsOf(v.labels),
    });
    d.volumes.push(v.name);
  }
  log(`${d.volumes.length} volumes`);
  const containers = of(s, "container:Container").sort(
    (a, b) => rank(a) - rank(b) || String(a.name).localeCompare(b.name),
  );
  for (const c of containers) {
    const [first, ...rest] = (c.networksAdvanced ?? []) as { name: string; aliases?: string[] }[];
    const hc = c.healthcheck as Inputs | undefined;
    const created = await docker.createContainer({
      name: c.name,
      Image: c.image,
      Env: (c.envs ?? []).map((e: string) => resolve(e)),
      ...(c.command ? { Cmd: c.command } : {}),
      ...(c.entrypoints ? { Entrypoint: c.entrypoints } : {}),
      Labels: labelsOf(c.labels),
      ...(hc
        ? {
            Healthcheck: {
              Test: hc.tests,
              Interval: nanos(hc.interval),
              Timeout: nanos(hc.timeout),
              Retries: hc.retries,
              StartPeriod: nanos(hc.startPeriod),
            },
          }
        : {}),
      ExposedPorts: Object.fromEntries((c.ports ?? []).map((p: Inputs) => [`${p.internal}/tcp`, {}])),
      HostConfig: {
        ...(c.memory ? { Memory: c.memory * 2 ** 20 } : {}),
        ...(c.cpus ? { NanoCpus: Math.round(Number(c.cpus) * 1e9) } : {}),
        ReadonlyRootfs: c.readOnly ?? false,
        ...(c.tmpfs ? { Tmpfs: c.tmpfs } : {}),
        ...(c.capabilities?.drops ? { CapDrop: c.capabilities.drops } : {}),
        ...(c.securityOpts ? { SecurityOpt: c.securityOpts } : {}),
        RestartPolicy: { Name: c.restart ?? "no" },
        Binds: (c.volumes ?? []).map((v: Inputs) => `${v.volumeName}:${v.containerPath}${v.readOnly ? ":ro" : ""}`),
        PortBindings: Object.fromEntries(
          (c.ports ?? []).map((p: Inputs) => [
            `${p.internal}/tcp`,
            [{ HostIp: "127.0.0.1", HostPort: String(p.external) }],
          ]),
        ),
        ...(first ? { NetworkMode: first.name } : c.networkMode ? { NetworkMode: c.networkMode } : {}),
      },
      // The daemon takes one network at creation; the others are connected before the start.
      ...(first ? { NetworkingConfig: { EndpointsConfig: { [first.name]: { Aliases: first.aliases ?? [] } } } } : {}),
    });
    for (const n of rest)
      await docker.getNetwork(n.name).connect({ Container: created.id, EndpointConfig: { Aliases: n.aliases ?? [] } });
    const files = ((c.uploads ?? []) as Inputs[]).map((u) => ({
      file: String(u.file),
      executable: u.executable as boolean | undefined,
      permissions: u.permissions as string | undefined,
      content: resolve(String(u.content)),
    }));
    if (c.name === "regency-proxy")
      for (const f of files) if (f.file === "/etc/caddy/Caddyfile") f.content = `{\n\tlocal_certs\n}\n\n${f.content}`;
    if (files.length > 0) await upload(created, files);
    d.containers.push(c.name);
  }
  log(`${d.containers.length} containers created`);
  return d;
}

/** Starts the containers in order, each rank once the ones before it are healthy (or, without a health check, running). */
export async function start(
  docker: Docker,
  s: Synthesis,
  d: Deployment,
  timeoutMs: number,
  log: (m: string) => void = () => undefined,
): Promise<void> {
  const byName = new Map(of(s, "container:Container").map((c) => [c.name as string, c]));
  const ranks = [...new Set(d.containers.map((n) => rank(byName.get(n)!)))];
  for (const r of ranks) {
    const group = d.containers.filter((n) => rank(byName.get(n)!) === r);
    for (const n of group) await docker.getContainer(n).start();
    await waitReady(docker, group, timeoutMs);
    log(`started ${group.length} (rank ${r})`);
  }
}

export async function waitReady(docker: Docker, names: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(
      names.map(async (n) => ({ n, s: (await docker.getContainer(n).inspect()).State })),
    );
    const pending = states.filter(({ s }) =>
      s.Health ? s.Health.Status !== "healthy" : !s.Running && !(s.Status === "exited" && s.ExitCode === 0),
    );
    const failed = states.filter(({ s }) => s.Status === "exited" && s.ExitCode !== 0);
    if (failed.length > 0) throw new Error(`exited: ${failed.map(({ n, s }) => `${n} (${s.ExitCode})`).join(", ")}`);
    if (pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `not ready after ${timeoutMs} ms: ${pending.map(({ n, s }) => `${n} ${s.Health?.Status ?? s.Status}`).join(", ")}`,
      );
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Everything `pulumi destroy` would delete; volumes kept by `retainOnDelete` (the backup sites) stay. */
export async function teardown(docker: Docker, s: Synthesis): Promise<void> {
  const retained = new Set(
    s.resources
      .filter((r) => r.type === "docker:index/volume:Volume" && r.retainOnDelete)
      .map((r) => (r.inputs as Inputs).name),
  );
  for (const c of of(s, "container:Container"))
    await docker
      .getContainer(c.name)
      .remove({ force: true, v: false })
      .catch(() => undefined);
  for (const n of of(s, "network:Network"))
    await docker
      .getNetwork(n.name)
      .remove()
      .catch(() => undefined);
  for (const v of of(s, "volume:Volume"))
    if (!retained.has(v.name))
      await docker
        .getVolume(v.name)
        .remove()
        .catch(() => undefined);
}
