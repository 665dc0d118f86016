/** A throwaway PostgreSQL server (Debian's binaries) in a temporary directory, on a free loopback port. */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

export interface PostgresServer {
  port: number;
  password: string;
  env: Record<string, string>;
  dataDir: string;
  /** The server's log so far. */
  log(): string;
  psql(db: string, sql: string): string;
  stop(): void;
}

export function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const version = fs.existsSync(root) ? fs.readdirSync(root).sort().pop() : undefined;
  const bin = version && path.join(root, version, "bin");
  if (!bin || !fs.existsSync(path.join(bin, "initdb"))) {
    throw new Error(
      "This test needs PostgreSQL from Debian (initdb, pg_ctl): run `npm run setup` (apt-get install postgresql).",
    );
  }
  return bin;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface PostgresOptions {
  /** Extra server settings (`-c name=value`), e.g. WAL archiving. */
  settings?: Record<string, string>;
  /** Environment of the server process (what archive_command and restore_command see). */
  env?: Record<string, string>;
  /** Start on this existing data directory (e.g. one prepared for recovery) instead of a new one; its password. */
  existing?: { data: string; password: string };
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regency-pg-"));
  const data = options.existing?.data ?? path.join(dir, "data");
  const password = options.existing?.password ?? `test-${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(path.join(dir, "pw"), password);
  // PostgreSQL refuses to run as root: run it as the postgres user when we are root.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", dir, ...(options.existing ? [data] : [])]);
  const run = (cmd: string, args: string[]) => {
    const env = { ...process.env, ...(options.env ?? {}) };
    return asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], { stdio: "pipe", env })
      : execFileSync(path.join(bin, cmd), args, { stdio: "pipe", env });
  };
  if (!options.existing)
    run("initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=scram-sha-256",
      `--pwfile=${path.join(dir, "pw")}`,
      "-E",
      "UTF8",
      "--locale=C",
    ]);
  const port = await freePort();
  const settings = Object.entries(options.settings ?? {})
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(" ");
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "-w",
    "-t",
    "120",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${settings}`,
    "start",
  ]);
  const env = { PGHOST: "127.0.0.1", PGPORT: String(port), PGUSER: "postgres", PGPASSWORD: password };
  return {
    port,
    password,
    env,
    dataDir: data,
    log: () => fs.readFileSync(path.join(dir, "log"), "utf8"),
    psql: (db, sql) =>
      execFileSync("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql], {
        env: { ...process.env, ...env },
        encoding: "utf8",
      }).trim(),
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        if (options.existing) fs.rmSync(data, { recursive: true, force: true });
      }
    },
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Closes the current WAL segment and waits until PostgreSQL's archiver has archived it (archive_command retries until it succeeds). */
export async function archiveCurrentWal(pg: PostgresServer, timeoutSeconds: number): Promise<string> {
  const segment = pg.psql("postgres", "SELECT pg_walfile_name(pg_switch_wal())");
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (pg.psql("postgres", "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver") < segment) {
    if (Date.now() > deadline)
      throw new Error(
        `WAL segment ${segment} not archived: ${pg.psql("postgres", "SELECT row_to_json(a) FROM pg_stat_archiver a")}\n${pg.log().slice(-2000)}`,
      );
    await pause(200);
  }
  return segment;
}

/** Waits until a server started for recovery has replayed to its target and promoted. */
export async function untilPromoted(pg: PostgresServer, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (pg.psql("postgres", "SELECT pg_is_in_recovery()") === "t") {
    if (Date.now() > deadline) throw new Error(`still in recovery:\n${pg.log().slice(-2000)}`);
    await pause(200);
  }
}
