/**
 * Point-in-time recovery of a generated ~1 GB PostgreSQL database: WAL archived through rclone's
 * append-only server (wal-archive.sh), a base backup (pg-basebackup.sh), then the time from
 * pg-pitr-restore.sh to a promoted server that holds exactly the rows of the target moment.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { SCRIPTS_DIR } from "../../components/backup/scripts";
import { archiveCurrentWal, startPostgres, untilPromoted } from "../realworld/postgres-server";
import { startRepositoryServer, toolsForPostgres } from "../realworld/repository-server";

export interface PitrFigures {
  databaseBytes: number;
  baseBackupSeconds: number;
  /** From pg-pitr-restore.sh to the recovered server promoted and answering. */
  recoverySeconds: number;
}

const DB = "adminduk";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function pitrBench(targetBytes: number, progress: (msg: string) => void): Promise<PitrFigures> {
  const server = await startRepositoryServer({ bench: "bench-password" });
  const tools = toolsForPostgres(SCRIPTS_DIR);
  const repoEnv = {
    ...server.env("bench", "bench-password", "bench-key"),
    RESTIC_REPOSITORY: `rest:${server.url}/bench/pitr/`,
    RESTIC: tools.restic,
    RESTIC_CACHE_DIR: tools.cache,
    WAL_TAG: `wal-${DB}`,
    BASE_TAG: `base-${DB}`,
  };
  const settings = {
    archive_mode: "on",
    archive_command: `'sh ${tools.scripts}/wal-archive.sh %p %f'`,
    archive_timeout: "60",
  };
  const pg = await startPostgres({ env: repoEnv, settings });
  let recovered: Awaited<ReturnType<typeof startPostgres>> | undefined;
  const seconds = async (f: () => Promise<void> | void) => {
    const t0 = process.hrtime.bigint();
    await f();
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  const run = (script: string, env: Record<string, string>) => {
    const r = spawnSync("sh", [path.join(tools.scripts, script)], {
      encoding: "utf8",
      env: { PATH: process.env.PATH!, ...env },
    });
    if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  };
  try {
    pg.psql("postgres", `CREATE DATABASE ${DB}`);
    pg.psql(DB, "CREATE TABLE akta (id bigint PRIMARY KEY, nik char(16), isi text)");
    for (let rows = 0; Number(pg.psql(DB, `SELECT pg_database_size('${DB}')`)) < targetBytes; rows += 500_000) {
      pg.psql(
        DB,
        `INSERT INTO akta SELECT g, lpad(g::text, 16, '0'), repeat('akta ', 8) || md5(g::text) || md5((g * 7)::text) FROM generate_series(${rows + 1}, ${rows + 500_000}) g`,
      );
      progress(
        `generating the database: ${(Number(pg.psql(DB, `SELECT pg_database_size('${DB}')`)) / 1e9).toFixed(2)} GB`,
      );
    }
    const databaseBytes = Number(pg.psql(DB, `SELECT pg_database_size('${DB}')`));
    progress("base backup (pg-basebackup.sh)");
    // The job runs in a pod of its own in a deployment: a restic cache of its own, not the server's.
    const baseBackupSeconds = await seconds(() =>
      run("pg-basebackup.sh", {
        ...repoEnv,
        ...pg.env,
        RESTIC_CACHE_DIR: path.join(tools.dir, "job-cache"),
        CHECK_READ_DATA: "1%",
      }),
    );
    // A day's work after the base backup, the target moment, then more that must not come back.
    pg.psql(
      DB,
      "INSERT INTO akta SELECT g, lpad(g::text, 16, '0'), 'sesudah base backup' FROM generate_series(100000001, 100050000) g",
    );
    await sleep(1500);
    const target = pg.psql("postgres", "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')");
    const expected = pg.psql(DB, "SELECT count(*) FROM akta");
    await sleep(1500);
    pg.psql(DB, "DELETE FROM akta WHERE id <= 1000");
    progress("waiting for the WAL to be archived");
    await archiveCurrentWal(pg, 600);
    progress("point-in-time recovery (pg-pitr-restore.sh, replay, promote)");
    const data = path.join(tools.dir, "recovered");
    const recoverySeconds = await seconds(async () => {
      run("pg-pitr-restore.sh", { ...repoEnv, TARGET_PGDATA: data, RECOVERY_TARGET_TIME: target });
      recovered = await startPostgres({ env: repoEnv, existing: { data, password: pg.password } });
      await untilPromoted(recovered, 600);
    });
    const got = recovered!.psql(DB, "SELECT count(*) FROM akta");
    if (got !== expected) throw new Error(`recovered ${got} rows, expected ${expected}`);
    return { databaseBytes, baseBackupSeconds, recoverySeconds };
  } finally {
    recovered?.stop();
    pg.stop();
    await server.stop();
    tools.cleanup();
  }
}
