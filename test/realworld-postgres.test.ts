/**
 * The generated database backup and restore scripts against a real PostgreSQL (Debian's): back up,
 * verify, drop, restore and compare; refuse corrupted or truncated archives; keep exactly the
 * retention. The scripts and the job's settings come from the offline plan of a seed stack.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PostgresServer, startPostgres } from "./realworld/postgres-server";

const ROOT = path.join(__dirname, "..");
let pg: PostgresServer;
let planDir: string;
let work: string;
let job: { source: string; retention: number };

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "regency-pgtest-"));
  planDir = path.join(work, "plan");
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "regency.js"), "plan", "--stack", "konawe-selatan", "--out", planDir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  job = JSON.parse(fs.readFileSync(path.join(planDir, "backup", "schedule.json"), "utf8")).find((j: { source: string; kind: string }) => j.kind === "postgres" && j.source === "simpus-db");
  pg = await startPostgres();
  pg.psql("postgres", "CREATE DATABASE simpus");
  pg.psql("simpus", "CREATE TABLE pasien (nik char(16) PRIMARY KEY, nama text NOT NULL, lahir date NOT NULL)");
  pg.psql("simpus", "INSERT INTO pasien SELECT '7405' || lpad(g::text, 12, '0'), 'Pasien ' || g, date '1950-01-01' + (g % 20000) FROM generate_series(1, 20000) g");
}, 120000);
afterAll(() => {
  pg?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

const script = (name: string) => path.join(planDir, "backup", "scripts", name);
const run = (name: string, extra: Record<string, string>) => {
  const r = spawnSync("sh", [script(name)], { encoding: "utf8", env: { PATH: process.env.PATH!, ...pg.env, PGDATABASE: "simpus", BACKUP_NAME: job.source, RETENTION: String(job.retention), ...extra } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const fingerprint = () => pg.psql("simpus", "SELECT count(*) || ':' || md5(string_agg(nik || nama || lahir, ',' ORDER BY nik)) FROM pasien");
const dumps = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".dump")).sort();

describe("database backups against a real PostgreSQL", () => {
  it("uses the planned job of a real seed stack", () => {
    expect(job).toMatchObject({ source: "simpus-db", retention: 14 });
  });

  it("backs up with a checksum, then restores a dropped table exactly", () => {
    const dir = path.join(work, "b1");
    const before = fingerprint();
    expect(before).toMatch(/^20000:[0-9a-f]{32}$/);
    const b = run("pg-backup.sh", { BACKUP_DIR: dir });
    expect(b.err).toBe("");
    expect(b.code).toBe(0);
    const [dump] = dumps(dir);
    // Nothing is left behind but the sealed artifact (no scratch checksum or partial file).
    expect(fs.readdirSync(dir).sort()).toEqual([dump, `${dump}.sha256`]);
    expect(spawnSync("sha256sum", ["-c", `${dump}.sha256`], { cwd: dir }).status).toBe(0);
    pg.psql("simpus", "DROP TABLE pasien");
    const r = run("pg-restore.sh", { BACKUP_DIR: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`restored ${dump} into simpus`);
    expect(fingerprint()).toBe(before);
  });

  it("refuses a corrupted, a truncated and a resealed-but-broken archive, leaving the database as it was", () => {
    const dir = path.join(work, "b2");
    expect(run("pg-backup.sh", { BACKUP_DIR: dir }).code).toBe(0);
    const [dump] = dumps(dir);
    const file = path.join(dir, dump);
    const original = fs.readFileSync(file);
    pg.psql("simpus", "INSERT INTO pasien VALUES ('9999999999999999', 'Sesudah backup', '2000-01-01')");
    const live = fingerprint();

    const flipped = Buffer.from(original);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    fs.writeFileSync(file, flipped);
    let r = run("pg-restore.sh", { BACKUP_DIR: dir });
    expect([r.code, r.err]).toEqual([1, expect.stringContaining("checksum mismatch")]);

    fs.writeFileSync(file, original.subarray(0, Math.floor(original.length / 3)));
    r = run("pg-restore.sh", { BACKUP_DIR: dir });
    expect([r.code, r.err]).toEqual([1, expect.stringContaining("corrupted or truncated; refusing to restore")]);

    // Even with a matching checksum, an archive pg_restore cannot read is refused before any change.
    const sum = spawnSync("sha256sum", [dump], { cwd: dir, encoding: "utf8" }).stdout;
    fs.writeFileSync(`${file}.sha256`, sum);
    r = run("pg-restore.sh", { BACKUP_DIR: dir });
    expect([r.code, r.err]).toEqual([1, expect.stringMatching(/not a readable pg_dump archive|pg_restore of .* failed/)]);
    expect(fingerprint()).toBe(live);
  });

  it("keeps exactly the configured number of copies", () => {
    const dir = path.join(work, "b3");
    for (let i = 0; i < 5; i++) expect(run("pg-backup.sh", { BACKUP_DIR: dir, RETENTION: "3" }).code).toBe(0);
    expect(dumps(dir)).toHaveLength(3);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".sha256"))).toHaveLength(3);
    // The newest three, in time order.
    const stamps = dumps(dir).map((f) => f.slice("simpus-db-".length, -".dump".length));
    expect([...stamps].sort()).toEqual(stamps);
  }, 60000);

  it("reports a wrong password clearly", () => {
    const r = run("pg-backup.sh", { BACKUP_DIR: path.join(work, "b4"), PGPASSWORD: "salah" });
    expect(r.code).toBe(1);
    expect(r.err).toContain("pg_dump of simpus failed");
    // The dump streams through tee and sha256sum: a failed dump leaves no artifact, checksum or scratch file.
    expect(fs.readdirSync(path.join(work, "b4"))).toEqual([]);
  });
});
