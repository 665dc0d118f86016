/**
 * The embedded default, run for real: a seed stack's Docker plan deployed on a real Docker Engine
 * (Debian's docker.io, started by `npm run setup`) from the exact resource inputs the program
 * registers (test/realworld/docker-deploy.ts), then judged against the running system: health,
 * the reverse proxy on the go.id host names, each application's own database, the reachability
 * matrix measured from inside the containers, a backup and a restore by the backup runner, and a
 * teardown that leaves the backups. Images are stand-ins built from Debian packages and Maven
 * Central, tagged with the plan's names (test/realworld/docker-images.sh).
 */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as https from "https";
import * as os from "os";
import * as path from "path";
import Docker from "dockerode";
import { drillStatuses, parseLedger } from "../components/model/drills";
import { loadStack } from "../components/model/load";
import { containerOf } from "../components/model/names";
import { BOOTSTRAP_ADMIN } from "../components/sso/secrets";
import { checkSynthesis } from "../infra/check";
import { drillsConfig } from "../infra/estate";
import { Synthesis, synthesize } from "../infra/synth";
import { deploy, Deployment, start, teardown } from "./realworld/docker-deploy";
import { containerOfPeer, intendedCases, Peer } from "./support/matrix";

const SLUG = "oku-selatan";
const STANDIN = "regency-standin-app:1";
jest.setTimeout(300_000);

const docker = new Docker();
let s: Synthesis;
let d: Deployment;
let scratch: string;
/** An HTTPS request to the proxy's published port on this machine, for a go.id host name (Caddy's own certificates). */
function viaProxy(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string; cookies: string; location?: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        port: 443,
        servername: u.hostname,
        method,
        path: u.pathname + u.search,
        rejectUnauthorized: false,
        headers: { host: u.hostname, ...headers },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; "),
            ...(res.headers.location ? { location: res.headers.location } : {}),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const sh = (container: string, script: string, user?: string) =>
  spawnSync("docker", ["exec", ...(user ? ["-u", user] : []), container, "bash", "-c", script], {
    encoding: "utf8",
    timeout: 120_000,
  });

beforeAll(async () => {
  const ping = await docker.ping().catch((e: Error) => e);
  if (ping instanceof Error)
    throw new Error(`This test needs Docker Engine: run \`npm run setup\` (starts Debian's dockerd). ${ping.message}`);
  s = await synthesize(loadStack(SLUG), { platform: "docker" });
  // Leftovers of an interrupted run would make the daemon refuse the names.
  await teardown(docker, s);
  await docker
    .getNetwork("regency-test-outside")
    .remove()
    .catch(() => undefined);
  for (const v of s.resources.filter((r) => r.type === "docker:index/volume:Volume"))
    await docker
      .getVolume((v.inputs as { name: string }).name)
      .remove()
      .catch(() => undefined);
  for (const r of s.resources.filter((x) => x.type === "docker:index/remoteImage:RemoteImage")) {
    const ref = (r.inputs as { name: string }).name;
    if (
      !(await docker
        .getImage(ref)
        .inspect()
        .catch(() => undefined))
    ) {
      const [repo, tag] = [ref.slice(0, ref.lastIndexOf(":")), ref.slice(ref.lastIndexOf(":") + 1)];
      await docker.getImage(STANDIN).tag({ repo, tag });
    }
  }
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "regency-docker-"));
  d = await deploy(docker, s, scratch);
  await start(docker, s, d, 240_000);
}, 600_000);

afterAll(async () => {
  if (s) await teardown(docker, s);
  if (s)
    for (const v of s.resources.filter((r) => r.type === "docker:index/volume:Volume"))
      await docker
        .getVolume((v.inputs as { name: string }).name)
        .remove()
        .catch(() => undefined);
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe(`the Docker plan of ${SLUG} on a real Docker Engine`, () => {
  it("runs every container, each health check healthy, in the order the dependencies require", async () => {
    const states = await Promise.all(
      d.containers.map(async (n) => [n, (await docker.getContainer(n).inspect()).State] as const),
    );
    const bad = states.filter(
      ([, st]) => !(st.Health ? st.Health.Status === "healthy" : st.Running || st.ExitCode === 0),
    );
    expect(bad.map(([n, st]) => `${n}: ${st.Health?.Status ?? st.Status}`)).toEqual([]);
    expect(states.filter(([, st]) => st.Health).length).toBeGreaterThan(30);
  });

  it("creates the plan's networks: subnets, gateways, internal flags and exactly the planned members", async () => {
    for (const n of s.outputs.plan.docker.networks) {
      const info = await docker.getNetwork(n.name).inspect();
      const ipam = info.IPAM?.Config?.[0];
      expect([n.name, ipam?.Subnet, ipam?.Gateway, info.Internal]).toEqual([n.name, n.cidr, n.gateway, n.internal]);
      const members = Object.values(info.Containers as Record<string, { Name: string }>)
        .map((c) => c.Name.replace(/-[0-9a-f]{10}$/, ""))
        .sort();
      expect([n.name, members]).toEqual([n.name, n.members.map((m) => m.container).sort()]);
    }
  });

  it("serves every application through the reverse proxy on its go.id host name, and each reaches its own database", () => {
    for (const a of s.outputs.plan.tenants.flatMap((t) => t.apps)) {
      // Caddy issues its certificates just after it listens: a few tries.
      let body: { client?: string; database?: string } = {};
      for (let i = 0; i < 10 && body.client === undefined; i++) {
        const r = spawnSync(
          "curl",
          ["-sk", "--max-time", "10", "--resolve", `${a.hostname}:443:127.0.0.1`, `https://${a.hostname}/db`],
          { encoding: "utf8" },
        );
        if (r.status === 0) body = JSON.parse(r.stdout || "{}");
        else spawnSync("sleep", ["1"]);
      }
      expect([a.hostname, body.client, body.database]).toEqual([a.hostname, a.sso.clientId, a.database?.database]);
    }
  });

  it("lets through exactly the intended matrix, measured from inside the containers (every destination on this server)", async () => {
    const ips = new Map<string, string[]>();
    for (const n of d.containers) {
      const nets = (await docker.getContainer(n).inspect()).NetworkSettings.Networks as Record<
        string,
        { IPAddress: string }
      >;
      ips.set(
        n,
        Object.values(nets).map((x) => x.IPAddress),
      );
    }
    const who = (p: Peer) => containerOfPeer(p)!;
    const sso = s.outputs.plan.sso.hostname;
    // External destinations get no traffic from this test (only this machine's addresses may be probed); DNS is Docker's own.
    const cases = intendedCases(SLUG).filter(
      (c) => c.traffic.Destination.Internal && c.traffic.Destination.Internal.Namespace !== "kube-system",
    );
    const bySource = new Map<string, typeof cases>();
    for (const c of cases) bySource.set(who(c.traffic.Source), [...(bySource.get(who(c.traffic.Source)) ?? []), c]);
    const wrong: string[] = [];
    for (const [source, list] of bySource) {
      // One probe per case, all at once: a TCP connect to any of the destination's addresses (SSO: its host name, through the proxy).
      const probe = (c: (typeof list)[number], i: number, seconds: number) => {
        const target = who(c.traffic.Destination);
        const hosts = target === "sso-keycloak" && source !== "regency-proxy" ? [sso] : (ips.get(target) ?? []);
        const port = target === "sso-keycloak" && source !== "regency-proxy" ? 443 : c.traffic.ResolvedPort;
        return `( ok=0; for h in ${hosts.join(" ") || "none"}; do timeout ${seconds} bash -c "</dev/tcp/$h/${port}" 2>/dev/null && ok=1; done; echo "${i} $ok" ) &`;
      };
      const measure = (cases: [(typeof list)[number], number][], seconds: number) =>
        new Map(
          sh(source, `${cases.map(([c, i]) => probe(c, i, seconds)).join("\n")}\nwait`)
            .stdout.trim()
            .split("\n")
            .filter(Boolean)
            .map((l) => l.split(" ").map(Number) as [number, number]),
        );
      const got = measure(
        list.map((c, i) => [c, i]),
        1,
      );
      // A slow machine can time out an allowed connection: those alone are measured again, with more time.
      // (A leak — denied but connected — is never retried away.)
      const slow = list
        .map((c, i) => [c, i] as [(typeof list)[number], number])
        .filter(([c, i]) => c.expected && got.get(i) !== 1);
      if (slow.length > 0) for (const [i, ok] of measure(slow, 5)) got.set(i, ok);
      list.forEach((c, i) => {
        if ((got.get(i) === 1) !== c.expected)
          wrong.push(
            `${c.label}: intended ${c.expected ? "allowed" : "denied"}, measured ${got.get(i) === 1 ? "allowed" : "denied"}`,
          );
      });
    }
    expect(wrong).toEqual([]);
    expect(cases.length).toBeGreaterThan(200);
  });

  it("answers SSO through the proxy: OIDC discovery of the regency realm from inside an application", () => {
    const app = s.outputs.plan.tenants.flatMap((t) => t.apps)[0];
    const { hostname, realm } = { hostname: s.outputs.plan.sso.hostname, realm: s.outputs.plan.sso.realm.realm };
    const py = `import json,ssl,urllib.request as u; c=ssl._create_unverified_context(); print(json.load(u.urlopen("https://${hostname}/realms/${realm}/.well-known/openid-configuration", context=c, timeout=20))["issuer"])`;
    const r = spawnSync("docker", ["exec", containerOf(app.namespace, app.id), "python3", "-c", py], {
      encoding: "utf8",
    });
    expect(r.stdout.trim()).toBe(`https://${hostname}/realms/${realm}`);
  });

  it("is no way from one application to another: the proxy answers an application's container for SSO only", async () => {
    const [a, b] = s.outputs.plan.tenants.flatMap((t) => t.apps);
    const me = containerOf(a.namespace, a.id);
    const nets = (await docker.getContainer("regency-proxy").inspect()).NetworkSettings.Networks as Record<
      string,
      { IPAddress: string }
    >;
    const proxy = nets[`regency-${me}-front`].IPAddress;
    const py = [
      "import socket, ssl, sys",
      "def status(host, path):",
      "    with socket.create_connection((sys.argv[1], 443), timeout=10) as raw, ssl._create_unverified_context().wrap_socket(raw, server_hostname=host) as s:",
      "        s.sendall(f'GET {path} HTTP/1.1\\r\\nHost: {host}\\r\\nConnection: close\\r\\n\\r\\n'.encode())",
      "        return s.recv(64).split(b' ')[1].decode()",
      `print(status("${b.hostname}", "/"), status("${s.outputs.plan.sso.hostname}", "/realms/${s.outputs.plan.sso.realm.realm}"))`,
    ].join("\n");
    const r = spawnSync("docker", ["exec", me, "python3", "-c", py, proxy], { encoding: "utf8" });
    expect([r.stdout.trim(), r.stderr]).toEqual(["403 200", ""]);
  });

  it("answers an intranet-only application only from inside the supernet: a client outside it gets 403, a public one 200", async () => {
    // A client with an address outside the supernet, on a network of this test's own, meets the proxy there.
    const apps = s.outputs.plan.tenants.flatMap((t) => t.apps);
    const [open, intranet] = [apps.find((a) => a.public)!, apps.find((a) => !a.public)!];
    const outside = await docker.createNetwork({
      Name: "regency-test-outside",
      Driver: "bridge",
      IPAM: { Driver: "default", Config: [{ Subnet: "172.31.250.0/24", Gateway: "172.31.250.1" }] },
    });
    try {
      await outside.connect({ Container: "regency-proxy" });
      const proxy = (
        (await docker.getContainer("regency-proxy").inspect()).NetworkSettings.Networks as Record<
          string,
          { IPAddress: string }
        >
      )["regency-test-outside"].IPAddress;
      const py = [
        "import socket, ssl, sys",
        "def status(host):",
        "    with socket.create_connection((sys.argv[1], 443), timeout=10) as raw, ssl._create_unverified_context().wrap_socket(raw, server_hostname=host) as s:",
        "        s.sendall(f'GET / HTTP/1.1\\r\\nHost: {host}\\r\\nConnection: close\\r\\n\\r\\n'.encode())",
        "        return s.recv(64).split(b' ')[1].decode()",
        `print(status("${open.hostname}"), status("${intranet.hostname}"))`,
      ].join("\n");
      const r = spawnSync(
        "docker",
        ["run", "--rm", "--network", "regency-test-outside", STANDIN, "python3", "-c", py, proxy],
        { encoding: "utf8" },
      );
      expect([r.stdout.trim(), r.stderr]).toEqual(["200 403", ""]);
    } finally {
      await outside.disconnect({ Container: "regency-proxy", Force: true }).catch(() => undefined);
      await outside.remove();
    }
  });

  it("logs a user of an OPD group in through Keycloak on this deployment (authorization code + PKCE, via the proxy)", async () => {
    const sso = s.outputs.plan.sso;
    const base = `https://${sso.hostname}`;
    const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
    const token = async (realm: string, params: Record<string, string>) => {
      const r = await viaProxy(
        "POST",
        `${base}/realms/${realm}/protocol/openid-connect/token`,
        { "content-type": "application/x-www-form-urlencoded" },
        form(params),
      );
      return { status: r.status, body: JSON.parse(r.body) as Record<string, string> };
    };
    const adminToken = (
      await token("master", {
        grant_type: "password",
        client_id: "admin-cli",
        username: BOOTSTRAP_ADMIN,
        password: d.secrets.get("sso-bootstrap-admin")!,
      })
    ).body.access_token;
    expect(adminToken).toBeDefined();
    const tenant = s.outputs.plan.tenants.find((t) => t.opd && t.apps.length > 0)!;
    const app = tenant.apps[0];
    const created = await viaProxy(
      "POST",
      `${base}/admin/realms/${sso.realm.realm}/users`,
      { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      JSON.stringify({
        username: `pegawai.${tenant.opd}`,
        enabled: true,
        email: `pegawai.${tenant.opd}@example.go.id`,
        emailVerified: true,
        firstName: "Pegawai",
        lastName: "OPD",
        credentials: [{ type: "password", value: "Rahasia-123", temporary: false }],
        groups: [`/${tenant.opd}`],
      }),
    );
    expect(created.status).toBe(201);
    const verifier = crypto.randomBytes(32).toString("base64url");
    const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
    const redirect = `https://${app.hostname}/callback`;
    const auth = await viaProxy(
      "GET",
      `${base}/realms/${sso.realm.realm}/protocol/openid-connect/auth?` +
        form({
          client_id: app.sso.clientId,
          redirect_uri: redirect,
          response_type: "code",
          scope: "openid",
          state: "s1",
          code_challenge: challenge,
          code_challenge_method: "S256",
        }),
      {},
    );
    expect(auth.status).toBe(200);
    const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(auth.body)?.[1]?.replace(/&amp;/g, "&");
    expect(action).toBeDefined();
    const login = await viaProxy(
      "POST",
      action!,
      { cookie: auth.cookies, "content-type": "application/x-www-form-urlencoded" },
      form({ username: `pegawai.${tenant.opd}`, password: "Rahasia-123", credentialId: "" }),
    );
    expect(login.status).toBe(302);
    const location = new URL(login.location!);
    expect(location.origin + location.pathname).toBe(redirect);
    const t = await token(sso.realm.realm, {
      grant_type: "authorization_code",
      code: location.searchParams.get("code")!,
      redirect_uri: redirect,
      client_id: app.sso.clientId,
      client_secret: d.secrets.get(`sso-client-${app.sso.clientId}`)!,
      code_verifier: verifier,
    });
    expect(t.status).toBe(200);
    const claims = JSON.parse(Buffer.from(t.body.access_token.split(".")[1], "base64url").toString("utf8"));
    expect([claims.groups, claims.iss]).toEqual([[tenant.opd], `${base}/realms/${sso.realm.realm}`]);
  });

  it("backs up a database and a file volume into the target site's encrypted repository, restores the database; the runner cannot delete a copy", async () => {
    const jobs = s.outputs.plan.backupJobs;
    const db = jobs.find((j) => j.kind === "postgres" && j.namespace !== "sso")!;
    const files = jobs.find((j) => j.kind === "files");
    const dbContainer = containerOf(db.namespace, db.source);
    const psql = (sql: string) => sh(dbContainer, `psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -tAc "${sql}"`);
    expect(
      psql(
        "CREATE TABLE arsip_kependudukan (id int primary key, isi text); INSERT INTO arsip_kependudukan SELECT g, md5(g::text) FROM generate_series(1, 500) g",
      ).status,
    ).toBe(0);
    const before = psql(
      "SELECT count(*) || ':' || md5(string_agg(isi, ',' ORDER BY id)) FROM arsip_kependudukan",
    ).stdout.trim();
    // crond runs in the runner with the plan's schedules; the test runs a line's command rather than wait a day for it.
    const crontab = sh("regency-backup-runner", "cat /etc/crontabs/root; tr '\\0' ' ' </proc/1/cmdline");
    expect(crontab.stdout).toContain(`${db.schedule} /bin/sh /scripts/run-job.sh backup ${db.namespace}.${db.name} `);
    expect(crontab.stdout).toContain("busybox crond -c /etc/crontabs -f -l 8");
    const run = (mode: string, job: typeof db) =>
      sh("regency-backup-runner", `sh /scripts/run-job.sh ${mode} ${job.namespace}.${job.name}`);
    const b = run("backup", db);
    expect([b.status, b.stderr]).toEqual([0, ""]);
    if (files) expect(run("backup", files).status).toBe(0);
    for (const j of [db, ...(files ? [files] : [])]) {
      // The namespace's repository on the target site's directory: restic's layout, nothing in clear.
      const repo = path.join(d.sitePaths.get(j.targetSite)!, j.namespace);
      expect(fs.readdirSync(repo).sort()).toEqual(["config", "data", "index", "keys", "locks", "snapshots"]);
      expect(fs.readdirSync(path.join(repo, "snapshots")).length).toBeGreaterThan(0);
      for (const f of fs
        .readdirSync(repo, { recursive: true })
        .map((x) => path.join(repo, String(x)))
        .filter((x) => fs.statSync(x).isFile())) {
        expect([f, fs.readFileSync(f).includes("arsip_kependudukan")]).toEqual([f, false]);
      }
    }
    // The runner holds no copy and its credentials cannot delete one.
    const runner = await docker.getContainer("regency-backup-runner").inspect();
    expect(
      runner.Mounts.map((m) => m.Name).filter((n) => n?.startsWith("regency-backup-") && n !== "regency-backup-tools"),
    ).toEqual([]);
    const attack = sh(
      "regency-backup-runner",
      `set -a; . /jobs/${db.namespace}.${db.name}.env; set +a; RESTIC_REST_PASSWORD=$(cat "$RESTIC_REST_PASSWORD_FILE"); export RESTIC_REST_PASSWORD; /tools/restic forget latest`,
    );
    // restic 0.18 reports the refused removal and still exits 0: what counts is that the server refused and the snapshot is there.
    expect(attack.stderr).toMatch(/unable to remove snapshot\/[0-9a-f]+ from the repository/);
    expect(attack.stderr).toMatch(/403 Forbidden/);
    const snapshots = path.join(d.sitePaths.get(db.targetSite)!, db.namespace, "snapshots");
    expect(fs.readdirSync(snapshots).length).toBeGreaterThan(0);
    expect(psql("DROP TABLE arsip_kependudukan").status).toBe(0);
    const r = run("restore", db);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(
      psql("SELECT count(*) || ':' || md5(string_agg(isi, ',' ORDER BY id)) FROM arsip_kependudukan").stdout.trim(),
    ).toBe(before);
    // The restore drill the runner schedules: into a scratch database, evidence recorded, the live one untouched.
    const drilled = jobs.find((j) => j.kind === "postgres" && j.namespace !== "sso" && j.drill)!;
    expect(crontab.stdout).toContain(
      `${drilled.drill!.schedule} /bin/sh /scripts/run-job.sh drill ${drilled.namespace}.${drilled.name} `,
    );
    const drill = run("drill", drilled);
    expect([drill.status, drill.stderr]).toEqual([0, ""]);
    expect(drill.stdout).toMatch(/drill: \{.*"result":"ok"/);
    // The site's maintenance, as its crond line runs it, prints the drill ledger; read back, it says the source was drilled today
    // and the pack passes it; 40 days on with no new drill, the pack blocks it citing Permenkominfo 4/2024 Pasal 46 ayat (3).
    const site = s.outputs.plan.backupRepositories.find((r) => r.site === drilled.targetSite)!;
    const maintenance = sh(
      `${site.container}-maintenance`,
      `line=$(sed -n 's/^\\([^ ]* \\)\\{5\\}//; s/ >.*$//p' /etc/crontabs/root); eval "$line"`,
    );
    expect([maintenance.status, maintenance.stderr]).toEqual([0, ""]);
    const ledger = parseLedger(maintenance.stdout, "maintenance log");
    const today = new Date().toISOString().slice(0, 10);
    const status = drillStatuses(jobs, ledger, today).find(
      (x) => x.namespace === drilled.namespace && x.source === drilled.source,
    )!;
    expect([status.state, status.lastOk?.result, status.lastOk?.kind]).toEqual(["ok", "ok", "postgres"]);
    const drillViolations = (day: string) =>
      checkSynthesis(loadStack(SLUG), s, { today: day, config: drillsConfig(ledger) }).violations.filter(
        (v) => v.rule === "restore-drills" && v.level === "mandatory",
      );
    expect(drillViolations(today)).toEqual([]);
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const blocked = drillViolations(later).find((v) => v.message.includes(`${drilled.namespace}/${drilled.source}`));
    expect(blocked?.message).toMatch(/no successful restore drill within 35 days/);
    expect(blocked?.citations[0].summary).toContain(
      "Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024, Pasal 46 ayat (3)",
    );
  });

  it("archives the WAL of a NIK-keyed database into its repository (point-in-time recovery) and takes its base backup with the daily job", async () => {
    const db = s.outputs.plan.tenants.flatMap((t) =>
      t.apps.flatMap((a) => (a.database?.pointInTime ? [a.database] : [])),
    )[0];
    const container = containerOf(db.namespace, db.name);
    const psql = (sql: string) => sh(container, `psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -tAc "${sql}"`);
    expect(psql("SHOW archive_command").stdout.trim()).toBe("sh /scripts/wal-archive.sh %p %f");
    expect(
      psql("CREATE TABLE akta (id int primary key); INSERT INTO akta SELECT generate_series(1, 1000)").status,
    ).toBe(0);
    const segment = psql("SELECT pg_walfile_name(pg_switch_wal())").stdout.trim();
    for (let i = 0; psql("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver").stdout.trim() < segment; i++) {
      if (i > 60) throw new Error(`not archived: ${psql("SELECT row_to_json(a) FROM pg_stat_archiver a").stdout}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const job = s.outputs.plan.backupJobs.find(
      (j) => j.namespace === db.namespace && j.source === db.name && j.baseTag,
    )!;
    const b = sh("regency-backup-runner", `sh /scripts/run-job.sh backup ${job.namespace}.${job.name}`);
    expect([b.status, b.stderr]).toEqual([0, ""]);
    expect(b.stdout).toContain(`base backup saved as base.tar (base-${db.name})`);
    // Both in the namespace's repository on the target site: snapshots that list WAL segments and the base backup.
    const repo = path.join(d.sitePaths.get(job.targetSite)!, db.namespace);
    expect(fs.readdirSync(path.join(repo, "snapshots")).length).toBeGreaterThanOrEqual(3);
  });

  it("tears down everything but the backups: the backup volumes and their copies survive", async () => {
    const repositoryFiles = () =>
      [...d.sitePaths.values()]
        .flatMap((p) => fs.readdirSync(p, { recursive: true }).map((f) => path.join(p, String(f))))
        .filter((f) => fs.statSync(f).isFile() && !f.includes(`${path.sep}locks${path.sep}`));
    const copies = repositoryFiles();
    expect(copies.length).toBeGreaterThan(0);
    await teardown(docker, s);
    const left = await docker.listContainers({ all: true });
    expect(left.filter((c) => d.containers.includes(c.Names[0].slice(1)))).toEqual([]);
    const volumes = ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name);
    for (const r of s.resources.filter((x) => x.type === "docker:index/volume:Volume")) {
      const name = (r.inputs as { name: string }).name;
      expect([name, volumes.includes(name)]).toEqual([name, r.retainOnDelete]);
    }
    expect(repositoryFiles().sort()).toEqual(copies.sort());
  });
});
