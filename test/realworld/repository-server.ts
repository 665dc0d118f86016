/**
 * A backup target site in miniature: rclone's restic REST server (Debian), append-only with private
 * repositories and bcrypt users (apache2-utils' htpasswd), exactly as the repository server of the plan
 * runs it; and the restic client built by setup at the version of the plan's image.
 */
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CACHE } from "./keycloak-server";
import { freePort } from "./postgres-server";
import { repositoryServerArgs } from "../../components/model/backup";

export const RESTIC = path.join(CACHE, "bin", "restic");

/**
 * The backup scripts and restic where the postgres user can run them (PostgreSQL runs as its own
 * user: archive_command and restore_command run there), and a restic cache it may write.
 */
export function toolsForPostgres(scriptsDir: string): {
  dir: string;
  scripts: string;
  restic: string;
  cache: string;
  cleanup(): void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regency-pgtools-"));
  fs.chmodSync(dir, 0o755);
  const scripts = path.join(dir, "scripts");
  fs.mkdirSync(scripts);
  for (const f of fs.readdirSync(scriptsDir)) fs.copyFileSync(path.join(scriptsDir, f), path.join(scripts, f));
  const restic = path.join(dir, "restic");
  fs.copyFileSync(RESTIC, restic);
  fs.chmodSync(restic, 0o755);
  const cache = path.join(dir, "cache");
  fs.mkdirSync(cache);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", cache]);
  return { dir, scripts, restic, cache, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Flips a byte in the middle of every data pack of a repository directory (what bit rot or a tampering disk does). */
export function corruptPacks(repository: string): number {
  const data = path.join(repository, "data");
  let n = 0;
  for (const d of fs.readdirSync(data)) {
    for (const f of fs.readdirSync(path.join(data, d))) {
      const file = path.join(data, d, f);
      fs.chmodSync(file, 0o600);
      const bytes = fs.readFileSync(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      fs.writeFileSync(file, bytes);
      n += 1;
    }
  }
  return n;
}

export interface RepositoryServer {
  /** The directory that holds the repositories (what the target site's volume holds). */
  root: string;
  url: string;
  /** A job's environment for repository `repo` with the HTTP user of the same name. */
  env(repo: string, password: string, key: string): Record<string, string>;
  stop(): Promise<void>;
}

export async function startRepositoryServer(users: Record<string, string>): Promise<RepositoryServer> {
  for (const bin of [RESTIC, "/usr/bin/rclone", "/usr/bin/htpasswd"]) {
    if (!fs.existsSync(bin)) throw new Error(`This test needs ${bin}: run \`npm run setup\`.`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regency-repo-"));
  const root = path.join(dir, "data");
  fs.mkdirSync(root);
  const htpasswd = path.join(dir, "htpasswd");
  fs.writeFileSync(htpasswd, "");
  // Passwords on stdin (-i), never on a command line; bcrypt (-B) as the plan's random provider hashes them.
  for (const [user, password] of Object.entries(users))
    execFileSync("htpasswd", ["-iB", htpasswd, user], { input: password, stdio: ["pipe", "ignore", "pipe"] });
  const port = await freePort();
  const args = repositoryServerArgs({ root, htpasswd, listen: `127.0.0.1:${port}` });
  const proc: ChildProcess = spawn("rclone", args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  proc.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${url}/`);
      if (r.status > 0) break;
    } catch {
      if (i > 100) throw new Error(`rclone serve restic did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    root,
    url,
    env: (repo, password, key) => ({
      RESTIC,
      RESTIC_REPOSITORY: `rest:${url}/${repo}/`,
      RESTIC_REST_USERNAME: repo,
      RESTIC_REST_PASSWORD: password,
      RESTIC_PASSWORD: key,
      RESTIC_CACHE_DIR: path.join(dir, `cache-${repo}`),
    }),
    stop: async () => {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
