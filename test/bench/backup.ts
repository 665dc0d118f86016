/**
 * The generated database backup pipeline (components/backup/scripts: pg_dump streamed into restic,
 * through rclone's append-only server, then a partial read-back) against raw `pg_dump -Fc > /dev/null`
 * on a generated PostgreSQL database of about 1 GB; what seven daily backups of the slowly changing
 * database take against seven full dumps; and the restore (read out, check, pg_restore) back into an
 * emptied database, checked row for row.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { backupScripts } from "../../components/backup/scripts";
import { startPostgres } from "../realworld/postgres-server";
import { startRepositoryServer } from "../realworld/repository-server";

export interface BackupFigures {
  databaseBytes: number;
  dumpBytes: number;
  rawDumpSeconds: number;
  pipelineSeconds: number;
  /** Pipeline throughput over raw pg_dump's (= raw time / pipeline time). */
  throughputRatio: number;
  restoreSeconds: number;
  rows: number;
  /** Repository size after seven daily backups (day 1 full, then 0.5 % new rows and 0.1 % corrected a day). */
  sevenDailyBytes: number;
  /** Seven full `pg_dump -Fc` files, as the scheme before restic kept them. */
  sevenFullDumpBytes: number;
}

const DB = "arsip";

export async function backupBench(
  targetBytes: number,
  rounds: number,
  progress: (msg: string) => void,
): Promise<BackupFigures> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "regency-bench-pg-"));
  const pg = await startPostgres();
  const server = await startRepositoryServer({ bench: "bench-password" });
  try {
    const env = { ...process.env, ...pg.env, PGDATABASE: DB };
    const seconds = (f: () => void) => {
      const t0 = process.hrtime.bigint();
      f();
      return Number(process.hrtime.bigint() - t0) / 1e9;
    };
    pg.psql("postgres", `CREATE DATABASE ${DB}`);
    // Records like an OPD's: an id, a NIK, names and free text (half random, so it compresses as real data does).
    pg.psql(
      DB,
      "CREATE TABLE dokumen (id bigint PRIMARY KEY, nik char(16), nama text, alamat text, isi text, dibuat timestamptz)",
    );
    const batch = 500_000;
    let rows = 0;
    while (Number(pg.psql(DB, `SELECT pg_database_size('${DB}')`)) < targetBytes) {
      pg.psql(
        DB,
        `INSERT INTO dokumen SELECT g, lpad(g::text, 16, '0'), 'Warga ' || g, 'Jalan ' || (g % 997) || ' No. ' || (g % 113) || ', Desa ' || (g % 211),
           repeat('surat keterangan ', 4) || md5(g::text) || md5((g * 7)::text), timestamptz '2020-01-01' + g * interval '1 minute'
         FROM generate_series(${rows + 1}, ${rows + batch}) g`,
      );
      rows += batch;
      progress(
        `generating the database: ${(Number(pg.psql(DB, `SELECT pg_database_size('${DB}')`)) / 1e9).toFixed(2)} GB`,
      );
    }
    pg.psql(DB, "VACUUM ANALYZE dokumen");
    const databaseBytes = Number(pg.psql(DB, `SELECT pg_database_size('${DB}')`));
    const fingerprint = () => pg.psql(DB, "SELECT count(*) || ':' || sum(hashtext(d::text)::bigint) FROM dokumen d");
    const scripts = path.join(work, "scripts");
    fs.mkdirSync(scripts);
    for (const [name, text] of Object.entries(backupScripts())) fs.writeFileSync(path.join(scripts, name), text);
    const jobEnvOf = (repo: string) => ({
      ...env,
      ...server.env("bench", "bench-password", "bench-key"),
      RESTIC_REPOSITORY: `rest:${server.url}/bench/${repo}/`,
      BACKUP_NAME: DB,
    });
    const run = (script: string, repo: string) => {
      const r = spawnSync("sh", [path.join(scripts, script)], { env: jobEnvOf(repo), encoding: "utf8" });
      if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
    };
    const du = (dir: string): number =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .reduce(
          (n, e) => n + (e.isDirectory() ? du(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size),
          0,
        );
    // Alternated, best of `rounds`, each into a fresh repository (a first, full backup: the slowest case).
    let rawDumpSeconds = Infinity;
    let pipelineSeconds = Infinity;
    for (let round = 1; round <= rounds; round++) {
      progress(`raw pg_dump -Fc > /dev/null (round ${round} of ${rounds})`);
      rawDumpSeconds = Math.min(
        rawDumpSeconds,
        seconds(() => execFileSync("sh", ["-c", "pg_dump -Fc > /dev/null"], { env, stdio: "inherit" })),
      );
      progress(`generated pipeline, pg-backup.sh into a new repository (round ${round} of ${rounds})`);
      pipelineSeconds = Math.min(
        pipelineSeconds,
        seconds(() => run("pg-backup.sh", `r${round}`)),
      );
    }
    const dumpBytes = Number(execFileSync("sh", ["-c", "pg_dump -Fc | wc -c"], { env, encoding: "utf8" }).trim());
    // Six more days of a register: new records, corrections of recent ones.
    let sevenFullDumpBytes = dumpBytes;
    for (let day = 2; day <= 7; day++) {
      const n = Math.round(rows * 0.005);
      pg.psql(
        DB,
        `INSERT INTO dokumen SELECT g, lpad(g::text, 16, '0'), 'Warga ' || g, 'Jalan baru', repeat('surat keterangan ', 4) || md5(g::text), now() FROM generate_series(${rows + 1}, ${rows + n}) g`,
      );
      rows += n;
      pg.psql(DB, `UPDATE dokumen SET alamat = alamat || ' (koreksi)' WHERE id > ${rows - Math.round(rows * 0.001)}`);
      progress(`day ${day} of 7: backup into the same repository`);
      run("pg-backup.sh", "r1");
      sevenFullDumpBytes += Number(execFileSync("sh", ["-c", "pg_dump -Fc | wc -c"], { env, encoding: "utf8" }).trim());
    }
    const sevenDailyBytes = du(path.join(server.root, "bench", "r1"));
    const before = fingerprint();

    progress("restore (pg-restore.sh) into an emptied database");
    pg.psql("postgres", `DROP DATABASE ${DB}`);
    pg.psql("postgres", `CREATE DATABASE ${DB}`);
    const restoreSeconds = seconds(() => run("pg-restore.sh", "r1"));
    const after = fingerprint();
    if (after !== before) throw new Error(`restored database differs: ${after} vs ${before}`);
    return {
      databaseBytes,
      dumpBytes,
      rawDumpSeconds,
      pipelineSeconds,
      throughputRatio: rawDumpSeconds / pipelineSeconds,
      restoreSeconds,
      rows: Number(before.split(":")[0]),
      sevenDailyBytes,
      sevenFullDumpBytes,
    };
  } finally {
    pg.stop();
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
