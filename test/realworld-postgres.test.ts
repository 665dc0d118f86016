/**
 * The generated database backup and restore scripts against a real PostgreSQL (Debian's), restic
 * and rclone's append-only restic server: back up, drop, restore and compare; refuse a wrong key and
 * a corrupted repository before the database is touched; a failed dump leaves no snapshot; a second
 * backup of a slowly changing database adds only its change. The scripts and the job's settings come
 * from the offline plan of a seed stack.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PostgresServer, startPostgres } from "./realworld/postgres-server";
import { corruptPacks, RepositoryServer, RESTIC, startRepositoryServer } from "./realworld/repository-server";

const ROOT = path.join(__dirname, "..");
const USER = "opd-dinkes";
const PASSWORD = "server-password-of-opd-dinkes";
const KEY = "repository-key-of-opd-dinkes";
let pg: PostgresServer;
let server: RepositoryServer;
let planDir: string;
let work: string;
let job: { name: string; namespace: string; source: string; repository: string; retention: Record<string, number> };

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "regency-pgtest-"));
  planDir = path.join(work, "plan");
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin", "regency.js"), "plan", "--stack", "konawe-selatan", "--out", planDir],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  job = JSON.parse(fs.readFileSync(path.join(planDir, "backup", "schedule.json"), "utf8")).find(
    (j: { source: string; kind: string; targetSite: string }) =>
      j.kind === "postgres" && j.source === "simpus-db" && j.targetSite === "pusat-pemulihan",
  );
  [pg, server] = await Promise.all([startPostgres(), startRepositoryServer({ [USER]: PASSWORD })]);
  pg.psql("postgres", "CREATE DATABASE simpus");
  pg.psql("simpus", "CREATE TABLE pasien (nik char(16) PRIMARY KEY, nama text NOT NULL, lahir date NOT NULL)");
  pg.psql(
    "simpus",
    "INSERT INTO pasien SELECT '7405' || lpad(g::text, 12, '0'), 'Pasien ' || g, date '1950-01-01' + (g % 20000) FROM generate_series(1, 20000) g",
  );
}, 120000);
afterAll(async () => {
  pg?.stop();
  await server?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

let n = 0;
const script = (name: string) => path.join(planDir, "backup", "scripts", name);
/** The job's settings as planned, pointed at the local server (repository path per test). */
const jobEnv = (repo: string) => ({
  ...pg.env,
  ...server.env(USER, PASSWORD, KEY),
  RESTIC_REPOSITORY: `rest:${server.url}/${USER}/${repo}/`,
  PGDATABASE: "simpus",
  BACKUP_NAME: job.name,
  BACKUP_HOST: job.namespace,
  CHECK_READ_DATA: "100%",
});
const run = (name: string, env: Record<string, string>) => {
  const r = spawnSync("sh", [script(name)], { encoding: "utf8", env: { PATH: process.env.PATH!, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const fingerprint = () =>
  pg.psql("simpus", "SELECT count(*) || ':' || md5(string_agg(nik || nama || lahir, ',' ORDER BY nik)) FROM pasien");
const snapshotsOf = (repo: string) => {
  const dir = path.join(server.root, USER, repo, "snapshots");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};
const duOf = (dir: string): number =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce(
      (sum, e) => sum + (e.isDirectory() ? duOf(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size),
      0,
    );

describe("database backups into an append-only restic repository, against a real PostgreSQL", () => {
  beforeEach(() => (n += 1));

  it("uses the planned job of a real seed stack: its namespace's repository on the DR site's server, retention by time", () => {
    expect(job).toMatchObject({
      namespace: "opd-dinkes",
      repository: expect.stringMatching(/^rest:http:\/\/10\.74\.3\.\d+:8000\/opd-dinkes\/$/),
      retention: { daily: 14, weekly: 8, monthly: 12 },
    });
  });

  it("backs up, then restores a dropped table exactly", () => {
    const before = fingerprint();
    expect(before).toMatch(/^20000:[0-9a-f]{32}$/);
    const b = run("pg-backup.sh", jobEnv(`r${n}`));
    expect([b.code, b.err]).toEqual([0, ""]);
    expect(snapshotsOf(`r${n}`)).toHaveLength(1);
    pg.psql("simpus", "DROP TABLE pasien");
    const r = run("pg-restore.sh", jobEnv(`r${n}`));
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).toContain(`restored ${job.name} (latest) into simpus`);
    expect(fingerprint()).toBe(before);
  });

  it("refuses a wrong key and a corrupted repository before the database is touched", () => {
    expect(run("pg-backup.sh", jobEnv(`r${n}`)).code).toBe(0);
    pg.psql("simpus", "INSERT INTO pasien VALUES ('9999999999999999', 'Sesudah backup', '2000-01-01')");
    const live = fingerprint();
    let r = run("pg-restore.sh", { ...jobEnv(`r${n}`), RESTIC_PASSWORD: "bukan-kuncinya" });
    expect([r.code, r.err]).toEqual([1, expect.stringContaining("the database is untouched")]);
    expect(corruptPacks(path.join(server.root, USER, `r${n}`))).toBeGreaterThan(0);
    r = run("pg-restore.sh", jobEnv(`r${n}`));
    expect([r.code, r.err]).toEqual([1, expect.stringContaining("the database is untouched")]);
    expect(fingerprint()).toBe(live);
    pg.psql("simpus", "DELETE FROM pasien WHERE nik = '9999999999999999'");
  });

  it("runs a restore drill into a scratch database, records its evidence in the repository, and fails loudly on a damaged backup", () => {
    const env = { ...jobEnv(`r${n}`), BACKUP_KIND: "postgres" };
    expect(run("pg-backup.sh", env).code).toBe(0);
    const live = fingerprint();
    const d = run("restore-drill.sh", env);
    expect([d.code, d.err]).toEqual([0, ""]);
    const evidence = JSON.parse(
      d.out
        .trim()
        .split("\n")
        .pop()!
        .replace(/^drill: /, ""),
    );
    expect(evidence).toMatchObject({
      source: job.name,
      kind: "postgres",
      result: "ok",
      detail: "1 tables, 20000 rows",
    });
    expect(evidence.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // The evidence is a snapshot of its own in the append-only repository; the scratch database is gone; the live one untouched.
    const restic = (...args: string[]) =>
      spawnSync(RESTIC, args, { encoding: "utf8", env: { PATH: process.env.PATH!, ...env } });
    expect(JSON.parse(restic("dump", "--tag", `drill-${job.name}`, "latest", "/drill.json").stdout)).toEqual(evidence);
    expect(pg.psql("postgres", "SELECT count(*) FROM pg_database WHERE datname = 'simpus_drill'")).toBe("0");
    expect(fingerprint()).toBe(live);
    // A damaged backup: the drill fails, says why, and records that it failed.
    expect(corruptPacks(path.join(server.root, USER, `r${n}`))).toBeGreaterThan(0);
    const bad = run("restore-drill.sh", env);
    expect([bad.code, bad.err]).toEqual([
      1,
      expect.stringContaining(`restore drill of ${job.name} failed: reading the newest snapshot failed`),
    ]);
    expect(JSON.parse(restic("dump", "--tag", `drill-${job.name}`, "latest", "/drill.json").stdout)).toMatchObject({
      result: "failed",
    });
    expect(fingerprint()).toBe(live);
  });

  it("keeps no snapshot of a failed dump and says why", () => {
    const r = run("pg-backup.sh", { ...jobEnv(`r${n}`), PGPASSWORD: "salah" });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`pg_dump of simpus into rest:${server.url}/${USER}/r${n}/ failed; no snapshot was kept`);
    expect(snapshotsOf(`r${n}`)).toEqual([]);
  });

  it("stores a second backup of a slowly changing database as its change, not a second copy", () => {
    // Big enough for content-defined chunks (restic's are 0.5–8 MiB): some 40 MB of civil records.
    pg.psql("simpus", "CREATE TABLE akta (id int PRIMARY KEY, isi text NOT NULL)");
    pg.psql(
      "simpus",
      "INSERT INTO akta SELECT g, md5(g::text) || md5((g * 7)::text) || repeat(md5((g * 13)::text), 2) FROM generate_series(1, 300000) g",
    );
    expect(run("pg-backup.sh", jobEnv(`r${n}`)).code).toBe(0);
    const first = duOf(path.join(server.root, USER, `r${n}`));
    // A day of a register: new records, corrections of recent ones. (Scattered updates move rows and
    // touch many chunks: the bench measures that case.)
    pg.psql("simpus", "INSERT INTO akta SELECT g, md5(g::text) FROM generate_series(300001, 301000) g");
    pg.psql("simpus", "UPDATE akta SET isi = isi || ' (koreksi)' WHERE id > 299900");
    expect(run("pg-backup.sh", jobEnv(`r${n}`)).code).toBe(0);
    const second = duOf(path.join(server.root, USER, `r${n}`)) - first;
    expect(snapshotsOf(`r${n}`)).toHaveLength(2);
    expect(first).toBeGreaterThan(10_000_000);
    expect(second).toBeLessThan(first / 2);
    pg.psql("simpus", "DROP TABLE akta");
  });
});
