/** A real Keycloak (the Maven Central distribution) on PostgreSQL, importing the given realm files. */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { freePort, PostgresServer } from "./postgres-server";

export const CACHE =
  process.env.REGENCY_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "regency-dc");
export const KEYCLOAK_HOME = path.join(CACHE, "keycloak-26.4.7");

export interface KeycloakServer {
  url: string;
  admin: { username: string; password: string };
  /** The process started (kc.sh, whose child is the JVM): for measuring Keycloak's CPU. */
  pid: number;
  log: () => string;
  stop(): Promise<void>;
}

export async function startKeycloak(
  pg: PostgresServer,
  realmFiles: string[],
  env: Record<string, string>,
): Promise<KeycloakServer> {
  if (!fs.existsSync(path.join(KEYCLOAK_HOME, "bin", "kc.sh"))) {
    throw new Error(`This test needs Keycloak in ${KEYCLOAK_HOME}: run \`npm run setup\`.`);
  }
  pg.psql("postgres", "DROP DATABASE IF EXISTS keycloak");
  pg.psql("postgres", "CREATE DATABASE keycloak");
  const importDir = path.join(KEYCLOAK_HOME, "data", "import");
  fs.rmSync(importDir, { recursive: true, force: true });
  fs.mkdirSync(importDir, { recursive: true });
  for (const f of realmFiles) fs.copyFileSync(f, path.join(importDir, path.basename(f)));
  const [port, management] = [await freePort(), await freePort()];
  const admin = { username: "regency-bootstrap", password: `admin-${Math.random().toString(36).slice(2)}` };
  let output = "";
  const kc: ChildProcess = spawn(path.join(KEYCLOAK_HOME, "bin", "kc.sh"), ["start", "--import-realm"], {
    env: {
      ...process.env,
      ...env,
      KC_DB: "postgres",
      KC_DB_URL: `jdbc:postgresql://127.0.0.1:${pg.port}/keycloak`,
      KC_DB_USERNAME: "postgres",
      KC_DB_PASSWORD: pg.password,
      KC_HOSTNAME: `http://localhost:${port}`,
      KC_HTTP_ENABLED: "true",
      KC_HTTP_PORT: String(port),
      KC_HTTP_MANAGEMENT_PORT: String(management),
      KC_HEALTH_ENABLED: "true",
      KC_METRICS_ENABLED: "true",
      KC_BOOTSTRAP_ADMIN_USERNAME: admin.username,
      KC_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      JAVA_OPTS_KC_HEAP: "-Xms256m -Xmx1536m",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  kc.stdout!.on("data", (d) => (output += d));
  kc.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number>((resolve) => kc.on("exit", (code) => resolve(code ?? -1)));
  const deadline = Date.now() + 480_000;
  for (;;) {
    const done = await Promise.race([
      exited.then((c) => `exit ${c}`),
      // Timers of a race are unref'd: the loser must not keep the test process alive.
      new Promise<string>((r) => setTimeout(() => r("wait"), 2000).unref()),
    ]);
    if (done !== "wait") throw new Error(`Keycloak stopped (${done}):\n${output.slice(-4000)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${management}/health/ready`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      kc.kill("SIGKILL");
      throw new Error(`Keycloak was not ready in 480 s:\n${output.slice(-4000)}`);
    }
  }
  return {
    url: `http://localhost:${port}`,
    admin,
    pid: kc.pid!,
    log: () => output,
    stop: async () => {
      kc.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20000).unref())]);
      if (kc.exitCode === null) kc.kill("SIGKILL");
    },
  };
}
