/**
 * Bench part 7: the regency's Keycloak under load, as the plan configures it (konawe-selatan's
 * realm, imported into the real Keycloak 26 the tests start, on PostgreSQL). Locust (PyPI, pinned)
 * drives password logins through the login form (authorization code + PKCE) and client-credential
 * grants; Keycloak's own CPU time (its process tree, from /proc) turns the rates into requests per
 * vCPU, compared with Keycloak's sizing guide: 15 password logins/s and 120 client-credential
 * grants/s per vCPU.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CACHE, startKeycloak } from "../realworld/keycloak-server";
import { startPostgres } from "../realworld/postgres-server";

const ROOT = path.join(__dirname, "..", "..");
const LOCUST_VERSION = "2.37.14";
const VENV = path.join(CACHE, `locust-${LOCUST_VERSION}`);
const GUIDE = { login: 15, "client-credentials": 120 } as const;
const USERS = 200;
const PASSWORD = "Rahasia-Beban-123";

export interface SsoFigures {
  mode: keyof typeof GUIDE;
  requests: number;
  failures: number;
  perSecond: number;
  keycloakCpus: number;
  perVcpu: number;
  guidePerVcpu: number;
  ratio: number;
  p95Ms: number;
  /** Why requests failed, as Locust counted them (message × occurrences). */
  failureReasons: string[];
}

/** Locust in its own virtual environment in the cache (installed once). */
function locust(): string {
  const bin = path.join(VENV, "bin", "locust");
  if (fs.existsSync(bin)) return bin;
  for (const args of [
    ["python3", "-m", "venv", VENV],
    [path.join(VENV, "bin", "pip"), "install", "-q", `locust==${LOCUST_VERSION}`],
  ]) {
    const r = spawnSync(args[0], args.slice(1), { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
  }
  return bin;
}

/** CPU seconds used so far by a process and all its descendants. */
function treeCpuSeconds(pid: number): number {
  const tick = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
  const children = new Map<number, number[]>();
  const own = new Map<number, number>();
  for (const d of fs.readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      own.set(Number(d), (Number(fields[11]) + Number(fields[12])) / tick);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // a process that ended while we read
    }
  }
  const sum = (p: number): number => (own.get(p) ?? 0) + (children.get(p) ?? []).reduce((n, c) => n + sum(c), 0);
  return sum(pid);
}

export async function ssoBench(progress: (msg: string) => void, seconds = 30): Promise<SsoFigures[]> {
  const bin = locust();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "regency-sso-bench-"));
  const plan = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin", "regency.js"), "plan", "--stack", "konawe-selatan", "--out", work],
    {
      encoding: "utf8",
    },
  );
  if (plan.status !== 0) throw new Error(plan.stderr);
  const realmFile = fs.readdirSync(path.join(work, "sso")).map((f) => path.join(work, "sso", f))[0];
  const realm = JSON.parse(fs.readFileSync(realmFile, "utf8")) as {
    realm: string;
    clients: { clientId: string; secret: string }[];
  };
  const env: Record<string, string> = {};
  for (const c of realm.clients)
    env[/REALM_CLIENT_SECRET_[A-Z0-9_]+/.exec(c.secret)![0]] = `beban-${c.clientId}-rahasia`;
  const pg = await startPostgres();
  const kc = await startKeycloak(pg, [realmFile], env);
  try {
    const token = await (
      await fetch(`${kc.url}/realms/master/protocol/openid-connect/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "password",
          client_id: "admin-cli",
          username: kc.admin.username,
          password: kc.admin.password,
        }),
      })
    ).json();
    const users = Array.from({ length: USERS }, (_, i) => ({
      username: `pegawai${i}`,
      enabled: true,
      email: `pegawai${i}@konaweselatankab.go.id`,
      emailVerified: true,
      firstName: "Pegawai",
      lastName: String(i),
      credentials: [{ type: "password", value: PASSWORD, temporary: false }],
      groups: ["/dinkes"],
    }));
    const imported = await fetch(`${kc.url}/admin/realms/${realm.realm}/partialImport`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${(token as { access_token: string }).access_token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ ifResourceExists: "SKIP", users }),
    });
    if (!imported.ok) throw new Error(`partial import of users: ${imported.status} ${await imported.text()}`);
    progress(`sso: Keycloak up with ${USERS} users in realm ${realm.realm}`);

    const run = (mode: keyof typeof GUIDE, duration: number, csv: string) => {
      const r = spawnSync(
        bin,
        [
          "-f",
          path.join(__dirname, "sso", "locustfile.py"),
          "--headless",
          "--only-summary",
          "--host",
          kc.url,
          "-u",
          mode === "login" ? "8" : "16",
          "-r",
          "16",
          "-t",
          `${duration}s`,
          "--csv",
          csv,
        ],
        {
          encoding: "utf8",
          env: {
            ...process.env,
            MODE: mode,
            REALM: realm.realm,
            CLIENT_ID: "simpus",
            CLIENT_SECRET: env.REALM_CLIENT_SECRET_SIMPUS,
            REDIRECT_URI: "https://simpus.konaweselatankab.go.id/callback",
            USER_COUNT: String(USERS),
            USER_PASSWORD: PASSWORD,
          },
        },
      );
      if (r.error) throw r.error;
      if (!fs.existsSync(`${csv}_stats.csv`))
        throw new Error(`locust (${mode}) wrote no statistics (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
    };
    const figures: SsoFigures[] = [];
    for (const mode of ["login", "client-credentials"] as const) {
      run(mode, 10, path.join(work, `warm-${mode}`)); // the JIT and caches warm up first
      const before = treeCpuSeconds(kc.pid);
      const t0 = Date.now();
      run(mode, seconds, path.join(work, mode));
      const elapsed = (Date.now() - t0) / 1000;
      const cpu = treeCpuSeconds(kc.pid) - before;
      const rows = fs
        .readFileSync(path.join(work, `${mode}_stats.csv`), "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(","));
      const head = rows[0].map((h) => h.replace(/"/g, ""));
      const row = rows.find(
        (r) => r[1]?.replace(/"/g, "") === (mode === "login" ? "password-login" : "client-credentials"),
      );
      if (!row) throw new Error(`sso: no ${mode} row in Locust's stats:\n${rows.map((r) => r.join(",")).join("\n")}`);
      const col = (name: string) => Number(row[head.indexOf(name)]);
      const requests = col("Request Count");
      const failures = col("Failure Count");
      const ok = requests - failures;
      const perVcpu = ok / cpu;
      figures.push({
        mode,
        requests,
        failures,
        perSecond: Math.round((ok / elapsed) * 10) / 10,
        keycloakCpus: Math.round((cpu / elapsed) * 100) / 100,
        perVcpu: Math.round(perVcpu * 10) / 10,
        guidePerVcpu: GUIDE[mode],
        ratio: Math.round((perVcpu / GUIDE[mode]) * 100) / 100,
        p95Ms: col("95%"),
        failureReasons: fs
          .readFileSync(path.join(work, `${mode}_failures.csv`), "utf8")
          .trim()
          .split("\n")
          .slice(1)
          .filter((l) => l !== ""),
      });
      progress(`sso: ${mode}: ${ok} in ${elapsed.toFixed(0)} s, Keycloak used ${cpu.toFixed(1)} CPU-s`);
    }
    return figures;
  } finally {
    await kc.stop();
    pg.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
