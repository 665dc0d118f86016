/**
 * Point-in-time recovery with real software: PostgreSQL 15 (Debian) archives every WAL segment into
 * its restic repository through rclone's append-only server (archive_command = wal-archive.sh), a
 * base backup streams in (pg-basebackup.sh), and pg-pitr-restore.sh prepares a new data directory
 * that PostgreSQL itself replays (restore_command = wal-restore.sh) up to a moment between two
 * transactions: exactly the first is there.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { SCRIPTS_DIR } from "../components/backup/scripts";
import { loadStack } from "../components/model/load";
import { synthesize } from "../infra/synth";
import { archiveCurrentWal, PostgresServer, startPostgres, untilPromoted } from "./realworld/postgres-server";
import { RepositoryServer, startRepositoryServer, toolsForPostgres } from "./realworld/repository-server";

jest.setTimeout(300_000);
const USER = "opd-disdukcapil";
const PASSWORD = "server-password-of-opd-disdukcapil";
const KEY = "repository-key-of-opd-disdukcapil";
let server: RepositoryServer;
let work: string;
let scripts: string;
let repoEnv: Record<string, string>;
const servers: PostgresServer[] = [];
/** The planned PostgreSQL settings of a NIK-keyed database of konawe-selatan (its StatefulSet's `-c` args), and its pg_hba.conf. */
let planned: { settings: Record<string, string>; hba: string };

beforeAll(async () => {
  server = await startRepositoryServer({ [USER]: PASSWORD });
  const tools = toolsForPostgres(SCRIPTS_DIR);
  work = tools.dir;
  scripts = tools.scripts;
  repoEnv = {
    ...server.env(USER, PASSWORD, KEY),
    RESTIC: tools.restic,
    RESTIC_CACHE_DIR: tools.cache,
    WAL_TAG: "wal-adminduk-db",
    BASE_TAG: "base-adminduk-db",
    BACKUP_HOST: USER,
    CHECK_READ_DATA: "100%",
  };
  const synthesis = await synthesize(loadStack("konawe-selatan"));
  const db = synthesis.outputs.plan.tenants.flatMap((t) =>
    t.apps.flatMap((a) => (a.database?.pointInTime ? [a.database] : [])),
  )[0];
  const inputs = (type: string, name: string) =>
    synthesis.resources.find(
      (r) =>
        r.type === type &&
        (r.inputs as any).metadata?.name === name &&
        (r.inputs as any).metadata?.namespace === db.namespace,
    )!.inputs as any;
  const args: string[] = inputs("kubernetes:apps/v1:StatefulSet", db.name).spec.template.spec.containers[0].args;
  const settings = Object.fromEntries(
    args.filter((_, i) => args[i - 1] === "-c").map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]),
  );
  planned = { settings, hba: inputs("kubernetes:core/v1:ConfigMap", `${db.name}-hba`).data["pg_hba.conf"] };
}, 60_000);
afterAll(async () => {
  for (const pg of servers) pg.stop();
  await server?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

const run = (script: string, env: Record<string, string>) => {
  const r = spawnSync("sh", [path.join(scripts, script)], {
    encoding: "utf8",
    env: { PATH: process.env.PATH!, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("point-in-time recovery from the encrypted repository", () => {
  it("replays the archive to a moment between two transactions: exactly the first is back", async () => {
    // The plan's own settings; only the paths move to where this test keeps the scripts and pg_hba.conf.
    expect(planned.settings).toMatchObject({
      archive_mode: "on",
      archive_command: "sh /scripts/wal-archive.sh %p %f",
      archive_timeout: "300",
      hba_file: "/etc/regency/pg_hba.conf",
    });
    const hba = path.join(work, "pg_hba.conf");
    fs.writeFileSync(hba, planned.hba);
    const settings = Object.fromEntries(
      Object.entries({ ...planned.settings, hba_file: hba }).map(([k, v]) => [
        k,
        `'${v.replace("/scripts/", `${scripts}/`)}'`,
      ]),
    );
    const pg = await startPostgres({ env: repoEnv, settings });
    servers.push(pg);
    pg.psql("postgres", "CREATE DATABASE adminduk");
    pg.psql("adminduk", "CREATE TABLE akta (id int PRIMARY KEY, isi text NOT NULL)");
    const base = run("pg-basebackup.sh", { ...repoEnv, ...pg.env, RESTIC_CACHE_DIR: path.join(work, "job-cache") });
    expect([base.code, base.err]).toEqual([0, ""]);

    pg.psql("adminduk", "INSERT INTO akta VALUES (1, 'akta kelahiran pertama')");
    await sleep(1500);
    const target = pg.psql("postgres", "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')");
    await sleep(1500);
    pg.psql("adminduk", "INSERT INTO akta VALUES (2, 'akta kelahiran kedua')");
    // PostgreSQL archives the switched segment through wal-archive.sh (and retries until it succeeds).
    await archiveCurrentWal(pg, 60);
    // (An attempt may fail while the base backup's read-back holds restic's exclusive lock: PostgreSQL retries it.)

    const restored = path.join(work, "restored");
    const r = run("pg-pitr-restore.sh", { ...repoEnv, TARGET_PGDATA: restored, RECOVERY_TARGET_TIME: target });
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(fs.readFileSync(path.join(restored, "postgresql.auto.conf"), "utf8")).toContain(
      `recovery_target_time = '${target}+00'`,
    );
    // The recovered server replays through wal-restore.sh, stops at the target and promotes.
    const recovered = await startPostgres({ env: repoEnv, existing: { data: restored, password: pg.password } });
    servers.push(recovered);
    await untilPromoted(recovered, 60);
    expect(recovered.psql("adminduk", "SELECT string_agg(isi, ',' ORDER BY id) FROM akta")).toBe(
      "akta kelahiran pertama",
    );
    expect(recovered.log()).toMatch(/recovery stopping before commit of transaction/);
    // The primary still has both: recovery wrote a new directory and never touched it.
    expect(pg.psql("adminduk", "SELECT count(*) FROM akta")).toBe("2");
  });

  it("refuses to write over an existing data directory, and says when no base backup is old enough", () => {
    const existing = path.join(work, "exists");
    fs.mkdirSync(existing);
    fs.writeFileSync(path.join(existing, "PG_VERSION"), "15\n");
    let r = run("pg-pitr-restore.sh", { ...repoEnv, TARGET_PGDATA: existing });
    expect([r.code, r.err]).toEqual([
      1,
      expect.stringContaining("exists: recovery writes a new data directory, never over one"),
    ]);
    expect(fs.readFileSync(path.join(existing, "PG_VERSION"), "utf8")).toBe("15\n");
    r = run("pg-pitr-restore.sh", {
      ...repoEnv,
      TARGET_PGDATA: path.join(work, "too-early"),
      RECOVERY_TARGET_TIME: "2001-01-01 00:00:00",
    });
    expect([r.code, r.err]).toEqual([
      1,
      expect.stringContaining("no base backup of base-adminduk-db before 2001-01-01 00:00:00"),
    ]);
    expect(fs.existsSync(path.join(work, "too-early"))).toBe(false);
  });
});
