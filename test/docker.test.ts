/** The Docker back end, synthesized for every seed stack under Pulumi's mock runtime. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { backupScripts } from "../components/backup/scripts";
import { POSIX_TZ } from "../components/docker/naming";
import { caddyfile } from "../components/docker/reverse-proxy";
import { cidrsOverlap, cidrWithin } from "../components/model/ipplan";
import { containerOfPeer, intendedCases, Peer } from "./support/matrix";
import { loadStack } from "../components/model/load";
import { Synthesis, synthesize, SynthResource } from "../infra/synth";
import { SEED_STACKS } from "./support/stacks";
import { synthOf, meta, ofKind, spec } from "./support/synth";

const cache = new Map<string, Synthesis>();
const dockerOf = async (slug: string) => {
  if (!cache.has(slug)) cache.set(slug, await synthesize(loadStack(slug), { platform: "docker" }));
  return cache.get(slug)!;
};
const byType = (s: Synthesis, t: string) => s.resources.filter((r) => r.type === `docker:index/${t}`);
const inputs = (r: SynthResource) => r.inputs as Record<string, any>;
const uploadsOf = (c: SynthResource) =>
  new Map<string, string>((inputs(c).uploads ?? []).map((u: { file: string; content: string }) => [u.file, u.content]));

/**
 * Reachability on one server, read from the synthesized containers and networks alone: two containers
 * reach each other when they share a network; a container reaches outside the server when it joins a
 * network that is not internal; an application reaches SSO through the proxy, which answers the SSO
 * host name on its network (and, by its Caddyfile, nothing else to an application).
 */
function dockerReachability(s: Synthesis): (from: Peer, to: Peer) => boolean {
  const nets = new Map(
    byType(s, "network:Network").map((n) => [inputs(n).name as string, inputs(n).internal as boolean]),
  );
  const attached = new Map<string, { name: string; aliases?: string[] }[]>(
    byType(s, "container:Container").map((c) => [inputs(c).name, inputs(c).networksAdvanced ?? []]),
  );
  const ssoHost = s.outputs.plan.sso.hostname;
  return (from, to) => {
    const a = containerOfPeer(from)!;
    const b = containerOfPeer(to);
    if (b === "dns") return true;
    const mine = attached.get(a) ?? [];
    if (b === undefined) return mine.some((n) => nets.get(n.name) === false);
    if (b === "sso-keycloak" && a !== "regency-proxy") {
      return mine.some((n) =>
        (attached.get("regency-proxy") ?? []).some((p) => p.name === n.name && (p.aliases ?? []).includes(ssoHost)),
      );
    }
    return mine.some((n) => (attached.get(b) ?? []).some((x) => x.name === n.name));
  };
}

describe.each(SEED_STACKS)("docker plan of %s", (slug) => {
  const model = loadStack(slug);
  // Applications on an OPD's own server (Bulukumba's SIMRS, by exemption) are not deployed here.
  const deployed = model.applications.filter((h) => h.app.site === undefined);

  it("makes one network per allowed flow, numbered inside its segment; none overlap; only the DMZ and egress networks are open, each to one container", async () => {
    const s = await dockerOf(slug);
    expect(s.errors).toEqual([]);
    const nets = byType(s, "network:Network").map(inputs);
    const segments = new Map(model.ipPlan.segments.map((x) => [x.name, x.cidr]));
    for (const n of nets) {
      const segment = n.labels.find((l: { label: string }) => l.label === "regency.go.id/segment").value;
      expect([n.name, cidrWithin(n.ipamConfigs[0].subnet, segments.get(segment)!)]).toEqual([n.name, true]);
    }
    const sorted = nets.map((n) => n.ipamConfigs[0].subnet).sort();
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++)
        expect([sorted[i], sorted[j], cidrsOverlap(sorted[i], sorted[j])]).toEqual([sorted[i], sorted[j], false]);
    const containers = byType(s, "container:Container").map(inputs);
    const membersOf = (net: string) =>
      containers
        .filter((c) => (c.networksAdvanced ?? []).some((a: { name: string }) => a.name === net))
        .map((c) => c.name);
    for (const n of nets) {
      const members = membersOf(n.name);
      if (n.name === "regency-dmz") expect(members).toEqual(["regency-proxy"]);
      else if (!n.internal) expect([n.name, members.length]).toEqual([n.name, 1]);
      else expect([n.name, members.length]).toEqual([n.name, 2]);
    }
    // Database containers sit on internal networks only: one with their application, one with the backup runner.
    const internal = new Map(nets.map((n) => [n.name, n.internal]));
    for (const c of containers.filter((c) => c.name.endsWith("-db"))) {
      // Its application's and the runner's, and its repository server's when it archives WAL: all internal.
      const pitr = s.outputs.plan.tenants
        .flatMap((t) => t.apps)
        .some((a) => a.database?.pointInTime && `${a.namespace}-${a.database.name}` === c.name);
      expect([c.name, c.networksAdvanced.map((n: { name: string }) => internal.get(n.name))]).toEqual([
        c.name,
        pitr ? [true, true, true] : [true, true],
      ]);
    }
  });

  it("lets through exactly the intended matrix the Kubernetes test checks, except the egress Docker can only open wide (each listed in the plan)", async () => {
    const s = await dockerOf(slug);
    const reach = dockerReachability(s);
    const cases = intendedCases(slug);
    const differ = cases.filter((c) => reach(c.traffic.Source, c.traffic.Destination) !== c.expected);
    const approximated = new Set(s.outputs.plan.docker.approximations.map((a) => a.container));
    // What differs: only a way out that Docker cannot narrow to an address or port, from a container the plan says so of.
    expect(
      differ
        .filter(
          (c) =>
            !(
              c.expected === false &&
              c.traffic.Destination.Internal === undefined &&
              approximated.has(containerOfPeer(c.traffic.Source)!)
            ),
        )
        .map((c) => c.label),
    ).toEqual([]);
    expect(cases.filter((c) => c.expected).every((c) => reach(c.traffic.Source, c.traffic.Destination))).toBe(true);
    expect(cases.length).toBeGreaterThan(400);
  });

  it("runs a container per application and database, labelled with OPD, segment and data groups", async () => {
    const s = await dockerOf(slug);
    const containers = new Map(byType(s, "container:Container").map((c) => [inputs(c).name, inputs(c)]));
    for (const h of deployed) {
      const ns = h.opd ? `opd-${h.opd}` : "aplikasi-umum";
      const c = containers.get(`${ns}-${h.app.id}`)!;
      const labels = Object.fromEntries(c.labels.map((l: { label: string; value: string }) => [l.label, l.value]));
      expect(labels).toMatchObject({ "regency.go.id/segment": h.segment, "regency.go.id/hostname": h.hostname });
      if (h.opd) expect(labels["regency.go.id/opd"]).toBe(h.opd);
      if (h.app.database) expect(labels["regency.go.id/data-groups"]).toContain(h.app.database.dataGroups[0]);
      expect(c).toMatchObject({ restart: "unless-stopped", readOnly: true });
      expect(c.memory).toBeGreaterThan(0);
      expect(c.healthcheck.tests.length).toBeGreaterThan(0);
      if (h.app.database) expect(containers.has(`${ns}-${h.app.id}-db`)).toBe(true);
    }
  });

  it("keeps backups in an append-only repository server per target site, on the site's path, retained by `pulumi destroy`", async () => {
    const s = await dockerOf(slug);
    const backupVolumes = byType(s, "volume:Volume").filter(
      (v) => inputs(v).name.startsWith("regency-backup-") && inputs(v).name !== "regency-backup-tools",
    );
    const targets = new Set(model.spec.backup.policies.map((p) => p.targetSite));
    expect(backupVolumes.map((v) => inputs(v).name).sort()).toEqual(
      [...targets].map((t) => `regency-backup-${t}`).sort(),
    );
    const containers = new Map(byType(s, "container:Container").map((c) => [inputs(c).name as string, c]));
    for (const v of backupVolumes) {
      const site = model.spec.sites.find((x) => `regency-backup-${x.id}` === inputs(v).name)!;
      expect(site.kind).not.toBe("primary");
      expect(inputs(v).driverOpts).toEqual({ type: "none", o: "bind", device: site.path ?? `/srv/regency/${site.id}` });
      expect([v.retainOnDelete, v.protect]).toEqual([true, false]);
      // Only the site's server and its maintenance mount the copies; the runner never does.
      const mounting = [...containers.values()]
        .filter((c) => (inputs(c).volumes ?? []).some((m: { volumeName: string }) => m.volumeName === inputs(v).name))
        .map((c) => inputs(c).name)
        .sort();
      expect(mounting).toEqual([
        `regency-backup-repository-${site.id}`,
        `regency-backup-repository-${site.id}-maintenance`,
      ]);
      const server = inputs(containers.get(`regency-backup-repository-${site.id}`)!);
      expect(server.command).toEqual(expect.arrayContaining(["serve", "restic", "--append-only", "--private-repos"]));
      const maintenance = inputs(containers.get(`regency-backup-repository-${site.id}-maintenance`)!);
      expect(maintenance.networkMode).toBe("none");
      // Its schedule runs in the regency's backup time zone, and it prints the drill ledger of its site.
      expect(maintenance.envs).toEqual([`TZ=${POSIX_TZ[model.spec.backup.timeZone]}`]);
      expect(
        uploadsOf(containers.get(`regency-backup-repository-${site.id}-maintenance`)!).get("/etc/crontabs/root"),
      ).toContain(`SITE=${site.id} `);
    }
  });

  it("schedules every backup job in the runner with the very scripts the Kubernetes CronJobs use", async () => {
    const s = await dockerOf(slug);
    const runner = byType(s, "container:Container").find((c) => inputs(c).name === "regency-backup-runner")!;
    const files = uploadsOf(runner);
    for (const [name, text] of Object.entries(backupScripts())) expect(files.get(`/scripts/${name}`)).toBe(text);
    const crontab = files.get("/etc/crontabs/root")!.trim().split("\n");
    const k8s = await synthOf(slug);
    // The same schedules as the Kubernetes CronJobs: backups by their job's name, drills by theirs.
    const jobOfDrill = new Map(
      k8s.outputs.plan.backupJobs
        .filter((j) => j.drill)
        .map((j) => [`${j.namespace}.${j.drill!.name}`, `${j.namespace}.${j.name}`]),
    );
    const cronJobs = ofKind(k8s, "CronJob")
      .filter((r) => !spec(r).suspend && meta(r).labels?.["app.kubernetes.io/component"] !== "backup-repository")
      .map((r) => {
        const drill = jobOfDrill.get(`${meta(r).namespace}.${meta(r).name}`);
        return `${spec(r).schedule} ${drill ? "drill" : "backup"} ${drill ?? `${meta(r).namespace}.${meta(r).name}`}`;
      })
      .sort();
    expect(
      crontab
        .map((l) => {
          const f = l.split(" ");
          return `${f.slice(0, 5).join(" ")} ${f[7]} ${f[8]}`;
        })
        .sort(),
    ).toEqual(cronJobs);
    expect(inputs(runner).envs).toEqual([expect.stringMatching(/^TZ=WI(B|TA|T)-[789]$/)]);
    for (const [file, content] of files)
      if (file.startsWith("/run/regency/pgpass/")) expect(content).toMatch(/:\{\{secret:[^}]+\}\}\n$/);
    // Repository secrets are files of mode 0400, never in a job's settings.
    const uploads = inputs(runner).uploads as { file: string; content: string; permissions?: string }[];
    for (const u of uploads.filter((x) => x.file.startsWith("/run/regency/restic/")))
      expect([u.file, u.permissions, u.content]).toEqual([
        u.file,
        "0400",
        expect.stringMatching(/^\{\{secret:[^}]+\}\}$/),
      ]);
    for (const [file, content] of files)
      if (file.startsWith("/jobs/")) expect(content).not.toMatch(/\{\{secret:|PASSWORD=/);
  });

  it("keeps secrets out of plain text: passwords and client secrets are generated placeholders", async () => {
    const s = await dockerOf(slug);
    for (const c of byType(s, "container:Container").map(inputs)) {
      for (const e of (c.envs ?? []) as string[]) {
        const [name, value] = [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)];
        if (/PASSWORD|SECRET/.test(name))
          expect([c.name, name, value]).toEqual([c.name, name, expect.stringMatching(/^\{\{secret:[a-z0-9/-]+\}\}$/)]);
      }
    }
  });

  it("serves every go.id hostname and SSO through the reverse proxy, fencing intranet applications", async () => {
    const s = await dockerOf(slug);
    const proxy = byType(s, "container:Container").find((c) => inputs(c).name === "regency-proxy")!;
    const conf = uploadsOf(proxy).get("/etc/caddy/Caddyfile")!;
    for (const h of deployed) expect(conf).toContain(`${h.hostname} {`);
    expect(conf).toContain(`sso.${model.spec.domain.name} {`);
    const intranet = deployed.find((h) => !h.app.public);
    if (intranet)
      expect(conf).toMatch(
        new RegExp(
          `${intranet.hostname.replace(/\./g, "\\.")} \\{\n(\t.*\n)*\t@outside not remote_ip ${model.ipPlan.supernet}\n`,
        ),
      );
    // Applications' containers get SSO from the proxy, and nothing else: every other site refuses their segments.
    const blocks = conf.split("\n\n");
    const segments = [
      ...new Set(deployed.map((h) => model.ipPlan.segments.find((x) => x.name === h.segment)!.cidr)),
    ].sort();
    for (const b of blocks) {
      const fenced = /\t@applications remote_ip (.*)\n\trespond @applications 403/.exec(b);
      if (b.startsWith(`sso.${model.spec.domain.name} `)) expect(fenced).toBeNull();
      else expect(fenced?.[1].split(" ").sort()).toEqual(segments);
    }
    expect(blocks.filter((b) => b.includes("@applications")).length).toBe(deployed.length);
    expect(inputs(proxy).ports).toEqual([
      { internal: 80, external: 80 },
      { internal: 443, external: 443 },
    ]);
    // Caddy itself accepts the file.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caddy-"));
    fs.writeFileSync(path.join(dir, "Caddyfile"), conf);
    const v = spawnSync("caddy", ["validate", "--adapter", "caddyfile", "--config", path.join(dir, "Caddyfile")], {
      encoding: "utf8",
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect([v.status, v.stderr.split("\n").filter((l) => /error/i.test(l))]).toEqual([0, []]);
  });

  it("imports the same realm as the Kubernetes back end", async () => {
    const [d, k] = [await dockerOf(slug), await synthOf(slug)];
    const keycloak = byType(d, "container:Container").find((c) => inputs(c).name === "sso-keycloak")!;
    const k8sRealm = (
      ofKind(k, "ConfigMap").find((r) => meta(r).name === "keycloak-realm")!.inputs.data as Record<string, string>
    )["realm.json"];
    expect(uploadsOf(keycloak).get("/opt/keycloak/data/import/realm.json")).toBe(k8sRealm);
    expect(inputs(keycloak).command).toEqual(["start", "--import-realm"]);
  });
});

describe("caddyfile", () => {
  it("is accepted by its own syntax: one block per route", () => {
    const text = caddyfile({
      routes: [
        { hostname: "a.x.go.id", upstream: "a:80", intranetOnly: false },
        { hostname: "b.x.go.id", upstream: "b:80", intranetOnly: true },
      ],
      supernet: "10.0.0.0/16",
      applicationSources: [],
    });
    expect(text).toBe(
      "a.x.go.id {\n\treverse_proxy a:80\n}\n\nb.x.go.id {\n\t@outside not remote_ip 10.0.0.0/16\n\trespond @outside 403\n\treverse_proxy b:80\n}\n",
    );
  });
});

describe("npm run up", () => {
  it("says clearly what is missing instead of failing obscurely", () => {
    const up = (args: string[]) =>
      spawnSync(process.execPath, [path.join(__dirname, "..", "bin", "up.js"), ...args], {
        encoding: "utf8",
        env: { PATH: path.dirname(process.execPath) },
      });
    expect(up([]).stderr).toContain("give --stack <slug> (stacks: batang-hari, bulukumba");
    const r = up(["--stack", "bulukumba"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("the Pulumi CLI is not installed");
  });
});

describe.each(SEED_STACKS)("docker containers of %s, as the daemon checks them", (slug) => {
  it("mount no path twice (the daemon refuses a duplicate mount point) and name every network once", async () => {
    const s = await dockerOf(slug);
    for (const c of byType(s, "container:Container").map(inputs)) {
      const paths = (c.volumes ?? []).map((v: { containerPath: string }) => v.containerPath);
      expect([c.name, paths.filter((p: string, i: number) => paths.indexOf(p) !== i)]).toEqual([c.name, []]);
      const nets = (c.networksAdvanced ?? []).map((n: { name: string }) => n.name);
      expect([c.name, nets.filter((n: string, i: number) => nets.indexOf(n) !== i)]).toEqual([c.name, []]);
    }
    // Konawe Selatan backs up some volumes twice (daily to the DR site, weekly to portable media).
    if (slug === "konawe-selatan") {
      const runner = byType(s, "container:Container")
        .map(inputs)
        .find((c) => c.name === "regency-backup-runner")!;
      const jobs = s.outputs.plan.backupJobs.filter((j) => j.kind === "files");
      expect(jobs.length).toBeGreaterThan(new Set(jobs.map((j) => `${j.namespace}/${j.source}`)).size);
      expect(
        runner.volumes.filter((v: { containerPath: string }) => v.containerPath.startsWith("/volumes/")).length,
      ).toBe(new Set(jobs.map((j) => `${j.namespace}/${j.source}`)).size);
    }
  });
});

describe("the applications' health check, run for real by the shells images have", () => {
  const { listeningCheck } = require("../components/docker/naming") as typeof import("../components/docker/naming");
  const net = require("net") as typeof import("net");
  const shells = [["dash"], ["busybox", "sh"], ["bash"]];
  let server: import("net").Server;
  let port: number;
  let closed: number;
  const listen = async () => {
    const s = net.createServer();
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    return { s, port: (s.address() as import("net").AddressInfo).port };
  };
  beforeAll(async () => {
    ({ s: server, port } = await listen());
    // A port that listened a moment ago and no longer does.
    const gone = await listen();
    closed = gone.port;
    await new Promise((resolve) => gone.s.close(resolve));
  });
  afterAll(() => server.close());

  it.each(shells)("%s: healthy while the port listens, unhealthy when nothing does", (...shell: string[]) => {
    const run = (p: number) => spawnSync(shell[0], [...shell.slice(1), "-c", listeningCheck(p)], { encoding: "utf8" });
    const up = run(port);
    expect([up.status, up.stderr]).toEqual([0, ""]);
    const down = run(closed);
    expect([down.status, down.stderr]).toEqual([1, ""]);
  });
});
