/**
 * The file-volume backup, restore and maintenance scripts, run for real: restic (built by setup at
 * the version of the plan's image) against rclone's append-only restic server (Debian), as the plan
 * deploys them. Includes the attacker: a job's own credentials cannot delete or rewrite a copy.
 */
import { spawn, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SCRIPTS_DIR } from "../components/backup/scripts";
import { retentionLine } from "../components/model/backup";
import { drillStatuses, parseLedger } from "../components/model/drills";
import { corruptPacks, RepositoryServer, RESTIC, startRepositoryServer } from "./realworld/repository-server";

const USER = "opd-rsud";
const PASSWORD = "server-password-of-opd-rsud";
const KEY = "repository-key-of-opd-rsud";
const OTHER = { user: "opd-dinkes", password: "server-password-of-opd-dinkes" };

let server: RepositoryServer;
beforeAll(async () => {
  server = await startRepositoryServer({ [USER]: PASSWORD, [OTHER.user]: OTHER.password });
}, 30000);
afterAll(() => server?.stop());

const run = (script: string, env: Record<string, string>) => {
  const r = spawnSync("sh", [path.join(SCRIPTS_DIR, script)], {
    encoding: "utf8",
    env: { PATH: process.env.PATH!, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const restic = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(RESTIC, args, { encoding: "utf8", env: { PATH: process.env.PATH!, ...env } });
/** Every file of a tree with its content, for exact comparisons. */
const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p).toString("base64");
    }
  };
  walk(dir);
  return out;
};
const packsOf = (repo: string) => {
  const data = path.join(server.root, repo, "data");
  return fs.readdirSync(data).flatMap((d) => fs.readdirSync(path.join(data, d)).map((f) => path.join(data, d, f)));
};

describe("file volume backups into an append-only restic repository", () => {
  let dir: string;
  let env: Record<string, string>;
  let n = 0;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "regency-files-"));
    fs.mkdirSync(path.join(dir, "src", "sub"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src", "surat.pdf"), Buffer.alloc(50_000, 7));
    fs.writeFileSync(path.join(dir, "src", "sub", "catatan.txt"), "rekam medis 001 NIK 7405012345678901\n");
    fs.writeFileSync(path.join(dir, "src", ".config"), "baru");
    // Each test its own repository (a namespace of its own is a repository of its own).
    n += 1;
    env = {
      ...server.env(USER, PASSWORD, KEY),
      RESTIC_REPOSITORY: `${server.env(USER, PASSWORD, KEY).RESTIC_REPOSITORY}t${n}/`,
      SOURCE_DIR: path.join(dir, "src"),
      TARGET_DIR: path.join(dir, "restored"),
      BACKUP_NAME: "backup-simrs-rekam-medis-harian",
      CHECK_READ_DATA: "100%",
    };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const repoDir = () => `${USER}/t${n}`;

  it("round-trips a volume, dot files included, into a target that had other files; stores nothing in clear", () => {
    const b = run("files-backup.sh", env);
    expect([b.code, b.err]).toEqual([0, ""]);
    expect(b.out).toMatch(/created repository/);
    fs.mkdirSync(env.TARGET_DIR);
    fs.writeFileSync(path.join(env.TARGET_DIR, "stale.txt"), "old");
    fs.writeFileSync(path.join(env.TARGET_DIR, ".config"), "lama");
    const r = run("files-restore.sh", env);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(tree(env.TARGET_DIR)).toEqual(tree(env.SOURCE_DIR));
    // No staging left behind.
    expect(fs.readdirSync(env.TARGET_DIR).sort()).toEqual([".config", "sub", "surat.pdf"]);
    // Encrypted at rest: no file of the repository holds the NIK or the file names.
    for (const f of packsOf(repoDir())) {
      const bytes = fs.readFileSync(f);
      expect([f, bytes.includes("7405012345678901"), bytes.includes("catatan.txt")]).toEqual([f, false, false]);
    }
  });

  it("refuses a wrong key: nothing written, nothing restored, the live files untouched", () => {
    expect(run("files-backup.sh", env).code).toBe(0);
    const before = fs.readdirSync(path.join(server.root, repoDir(), "snapshots")).length;
    const wrong = { ...env, RESTIC_PASSWORD: "not-the-key" };
    const b = run("files-backup.sh", wrong);
    expect([b.code, b.err]).toEqual([1, expect.stringContaining("the repository key is wrong")]);
    expect(fs.readdirSync(path.join(server.root, repoDir(), "snapshots"))).toHaveLength(before);
    fs.mkdirSync(env.TARGET_DIR);
    fs.writeFileSync(path.join(env.TARGET_DIR, "live.txt"), "keep me");
    const r = run("files-restore.sh", wrong);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${env.TARGET_DIR} is unchanged`);
    expect(tree(env.TARGET_DIR)).toEqual({ "live.txt": Buffer.from("keep me").toString("base64") });
  });

  it("detects a corrupted repository before the live files are touched, and the check after a backup fails loudly", () => {
    expect(run("files-backup.sh", env).code).toBe(0);
    expect(corruptPacks(path.join(server.root, repoDir()))).toBeGreaterThan(0);
    fs.mkdirSync(env.TARGET_DIR);
    fs.writeFileSync(path.join(env.TARGET_DIR, "live.txt"), "keep me");
    fs.writeFileSync(path.join(env.TARGET_DIR, ".hidden"), "me too");
    const r = run("files-restore.sh", env);
    expect([r.code, r.err]).toEqual([1, expect.stringContaining(`${env.TARGET_DIR} is unchanged`)]);
    expect(fs.readdirSync(env.TARGET_DIR).sort()).toEqual([".hidden", "live.txt"]);
    expect(fs.readFileSync(path.join(env.TARGET_DIR, "live.txt"), "utf8")).toBe("keep me");
    fs.writeFileSync(path.join(env.SOURCE_DIR, "baru.txt"), "a new file");
    const b = run("files-backup.sh", env);
    expect([b.code, b.err]).toEqual([1, expect.stringContaining("the repository is damaged")]);
  });

  it("runs out of space while restoring: the live files stay as they were, nothing of the restore is left", () => {
    fs.writeFileSync(path.join(env.SOURCE_DIR, "arsip.bin"), crypto.randomBytes(3 * 1024 * 1024));
    expect(run("files-backup.sh", env).code).toBe(0);
    // The volume: a file system of 1 MiB, too small for the 3 MiB restore.
    fs.mkdirSync(env.TARGET_DIR);
    expect(
      spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", env.TARGET_DIR], { encoding: "utf8" }).status,
    ).toBe(0);
    try {
      fs.writeFileSync(path.join(env.TARGET_DIR, "live.txt"), "keep me");
      fs.mkdirSync(path.join(env.TARGET_DIR, "sub"));
      fs.writeFileSync(path.join(env.TARGET_DIR, "sub", "catatan.txt"), "live note");
      const before = tree(env.TARGET_DIR);
      const r = run("files-restore.sh", env);
      expect([r.code, r.err]).toEqual([1, expect.stringContaining(`${env.TARGET_DIR} is unchanged`)]);
      expect(tree(env.TARGET_DIR)).toEqual(before);
      expect(fs.readdirSync(env.TARGET_DIR).sort()).toEqual(["live.txt", "sub"]);
    } finally {
      spawnSync("umount", [env.TARGET_DIR]);
    }
  });

  describe("a swap that fails halfway (mv fails from its n-th call on)", () => {
    /** Runs files-restore.sh with an `mv` that works for its first `ok` calls, then fails (for `failures` calls). */
    const restoreWithFailingMv = (ok: number, failures: number) => {
      const bin = fs.mkdtempSync(path.join(os.tmpdir(), "regency-mv-"));
      const count = path.join(bin, "count");
      fs.writeFileSync(count, "0");
      fs.writeFileSync(
        path.join(bin, "mv"),
        `#!/bin/sh\nn=$(($(cat "${count}") + 1)); echo "$n" > "${count}"\n` +
          `if [ "$n" -gt ${ok} ] && [ "$n" -le ${ok + failures} ]; then echo "mv: injected failure" >&2; exit 1; fi\nexec ${spawnSync("sh", ["-c", "command -v mv"], { encoding: "utf8" }).stdout.trim()} "$@"\n`,
        { mode: 0o755 },
      );
      try {
        return run("files-restore.sh", { ...env, PATH: `${bin}:${process.env.PATH}` });
      } finally {
        fs.rmSync(bin, { recursive: true, force: true });
      }
    };
    let live: Record<string, string>;
    beforeEach(() => {
      expect(run("files-backup.sh", env).code).toBe(0);
      fs.mkdirSync(path.join(env.TARGET_DIR, "arsip lama"), { recursive: true });
      fs.writeFileSync(path.join(env.TARGET_DIR, "arsip lama", "surat.pdf"), "live letter");
      fs.writeFileSync(path.join(env.TARGET_DIR, "live.txt"), "keep me");
      fs.writeFileSync(path.join(env.TARGET_DIR, ".env"), "live dot file");
      fs.writeFileSync(path.join(env.TARGET_DIR, "baris\nbaru.txt"), "a name with a newline");
      live = tree(env.TARGET_DIR);
    });

    it.each([
      ["setting the live files aside", 2],
      ["moving the restored files into place", 5],
    ])("while %s: every live file is put back, nothing restored is left", (_, ok) => {
      const r = restoreWithFailingMv(ok, 1);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${env.TARGET_DIR} is unchanged`);
      expect(tree(env.TARGET_DIR)).toEqual(live);
      expect(fs.readdirSync(env.TARGET_DIR).filter((e) => e.startsWith(".regency-restore"))).toEqual([]);
    });

    it("and putting them back fails too: the live files are kept where the error says, never deleted", () => {
      const r = restoreWithFailingMv(5, 1000);
      expect(r.code).toBe(1);
      const where = /they are kept under (\S+\/old)$/m.exec(r.err)?.[1];
      expect(where).toBeDefined();
      // Four live entries: all set aside, none lost.
      expect(tree(where!)).toEqual(live);
    });
  });

  it("backs up a busy volume: files written, appended and deleted while the job runs", async () => {
    for (let i = 0; i < 400; i++)
      fs.writeFileSync(path.join(env.SOURCE_DIR, `berkas-${i}.txt`), `isi ${i}\n`.repeat(2000));
    // A writer that keeps changing the volume for as long as the backup runs.
    const writer = spawn("sh", [
      "-c",
      `i=0; while :; do i=$((i+1)); echo "baris $i" >> "${env.SOURCE_DIR}/log.txt"; rm -f "${env.SOURCE_DIR}/berkas-$((i % 400)).txt"; echo "baru $i" > "${env.SOURCE_DIR}/baru-$((i % 50)).txt"; done`,
    ]);
    try {
      await new Promise((r) => setTimeout(r, 200));
      const b = await new Promise<{ code: number | null; err: string }>((resolve) => {
        const p = spawn("sh", [path.join(SCRIPTS_DIR, "files-backup.sh")], {
          env: { PATH: process.env.PATH!, ...env },
        });
        let err = "";
        p.stderr.on("data", (d) => (err += d));
        p.on("exit", (code) => resolve({ code, err }));
      });
      // A volume that never stops changing: three passes, then it says so.
      expect(b.code).toBe(0);
      expect(b.err.replace(/backup: warning: files deleted during the backup were skipped: \d+\n/g, "")).toMatch(
        /^backup: warning: \S+ did not settle: \d+ file\(s\) still changed during pass 3; the newest snapshot holds them as read\n$/,
      );
    } finally {
      writer.kill("SIGKILL");
    }
    const r = run("files-restore.sh", env);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(env.TARGET_DIR, "sub", "catatan.txt"), "utf8")).toContain("rekam medis 001");
    expect(fs.readFileSync(path.join(env.TARGET_DIR, "log.txt"), "utf8")).toMatch(/^baris 1\n/);
  }, 60000);

  it("reads a volume again when files changed while it was read, until a pass sees none: the newest snapshot is of the settled volume", async () => {
    const tmp = path.join(dir, "tmp");
    fs.mkdirSync(tmp);
    // Writes once the first pass has begun (its marker exists), then stops: the second pass settles.
    const writer = spawn("sh", [
      "-c",
      `until ls "${tmp}"/files-backup.*.pass >/dev/null 2>&1; do sleep 0.05; done; echo "ditulis saat backup" >> "${env.SOURCE_DIR}/sub/catatan.txt"`,
    ]);
    const done = new Promise((r) => writer.on("exit", r));
    const b = run("files-backup.sh", { ...env, TMPDIR: tmp });
    await done;
    expect([b.code, b.err]).toEqual([0, ""]);
    expect(b.out).toContain("1 file(s) changed during pass 1; reading again");
    expect(b.out).toContain("(2 pass(es))");
    expect(run("files-restore.sh", env).code).toBe(0);
    expect(fs.readFileSync(path.join(env.TARGET_DIR, "sub", "catatan.txt"), "utf8")).toBe(
      fs.readFileSync(path.join(env.SOURCE_DIR, "sub", "catatan.txt"), "utf8"),
    );
    expect(fs.readFileSync(path.join(env.TARGET_DIR, "sub", "catatan.txt"), "utf8")).toContain("ditulis saat backup");
  });

  it("the attacker with the job's own credentials can add but neither delete nor rewrite, nor reach another namespace", async () => {
    expect(run("files-backup.sh", env).code).toBe(0);
    fs.writeFileSync(path.join(env.SOURCE_DIR, "hari-kedua.txt"), "berubah");
    expect(run("files-backup.sh", env).code).toBe(0);
    const snapshots = fs.readdirSync(path.join(server.root, repoDir(), "snapshots"));
    expect(snapshots).toHaveLength(2);
    // restic itself: the server refuses the removal (restic 0.18 reports it and still exits 0, so the test looks at the repository).
    const forget = restic(env, "forget", "latest");
    expect(forget.stderr).toMatch(/unable to remove snapshot\/[0-9a-f]+ from the repository/);
    expect(forget.stderr).toMatch(/403 Forbidden/);
    const prune = restic(env, "forget", "--prune", "--keep-last", "1");
    expect(prune.stderr).toMatch(/403 Forbidden/);
    // Raw HTTP with the job's password: delete or overwrite a snapshot, a pack, the key, the config.
    const auth = { Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}` };
    const base = `${server.url}/${repoDir()}`;
    const keys = fs.readdirSync(path.join(server.root, repoDir(), "keys"));
    const pack = path.relative(path.join(server.root, repoDir()), packsOf(repoDir())[0]).split(path.sep);
    for (const target of [`snapshots/${snapshots[0]}`, `keys/${keys[0]}`, `data/${pack[pack.length - 1]}`, "config"]) {
      const del = await fetch(`${base}/${target}`, { method: "DELETE", headers: auth });
      const put = await fetch(`${base}/${target}`, { method: "POST", headers: auth, body: "overwritten" });
      expect([target, del.status, put.status]).toEqual([target, 403, 403]);
    }
    // Another namespace's repository: neither readable nor writable with this user.
    const otherEnv = {
      ...server.env(OTHER.user, OTHER.password, "other-key"),
      RESTIC_REPOSITORY: `rest:${server.url}/${OTHER.user}/t${n}/`,
    };
    expect(restic(otherEnv, "init").status).toBe(0);
    const intruder = restic(
      { ...otherEnv, RESTIC_REST_USERNAME: USER, RESTIC_REST_PASSWORD: PASSWORD },
      "cat",
      "config",
    );
    expect(intruder.status).not.toBe(0);
    // Everything is still there and restores.
    expect(fs.readdirSync(path.join(server.root, repoDir(), "snapshots"))).toEqual(snapshots);
    expect(run("files-restore.sh", env).code).toBe(0);
    expect(tree(env.TARGET_DIR)).toEqual(tree(env.SOURCE_DIR));
  });

  it("retention runs at the site: keeps snapshots by age per source, never touches a source it does not name", () => {
    expect(run("files-backup.sh", env).code).toBe(0);
    // Snapshots of 35 days, one a day (restic records the time given), and one of a decommissioned source.
    for (let d = 1; d <= 35; d++) {
      const time = new Date(Date.UTC(2026, 8, 1 + d, 1, 30)).toISOString().replace("T", " ").slice(0, 19);
      expect(
        restic(env, "backup", "--quiet", "--tag", env.BACKUP_NAME, "--host", "opd-rsud", "--time", time, env.SOURCE_DIR)
          .status,
      ).toBe(0);
    }
    expect(
      restic(env, "backup", "--quiet", "--tag", "backup-aplikasi-lama", "--host", "opd-rsud", env.SOURCE_DIR).status,
    ).toBe(0);
    const keys = path.join(dir, "keys");
    fs.mkdirSync(keys, { mode: 0o700 });
    fs.writeFileSync(path.join(keys, `t${n}`), KEY, { mode: 0o400 });
    const retention = path.join(dir, "retention");
    fs.writeFileSync(
      retention,
      retentionLine(`t${n}`, env.BACKUP_NAME, { daily: 7, weekly: 4, monthly: 3, yearly: 0 }) + "\n",
    );
    const m = run("repository-maintenance.sh", {
      RESTIC,
      REPOSITORY_ROOT: path.join(server.root, USER),
      RETENTION_FILE: retention,
      KEYS_DIR: keys,
      RESTIC_CACHE_DIR: path.join(dir, "cache"),
    });
    expect([m.code, m.err]).toEqual([0, ""]);
    expect(m.out).toContain(`t${n} pruned and checked`);
    const list = JSON.parse(restic(env, "snapshots", "--json").stdout) as { tags: string[]; time: string }[];
    const kept = list.filter((s) => s.tags.includes(env.BACKUP_NAME));
    // 7 daily (today's and the 6 newest backdated days), then the newest of older weeks and months.
    expect(kept.length).toBeGreaterThanOrEqual(7);
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 3);
    expect(list.filter((s) => s.tags.includes("backup-aplikasi-lama"))).toHaveLength(1);
    // And what is kept still restores.
    expect(run("files-restore.sh", env).code).toBe(0);
  }, 120000);

  it("runs a restore drill into a scratch directory: every file verified and counted, evidence recorded, the live files untouched", () => {
    expect(run("files-backup.sh", env).code).toBe(0);
    const live = tree(env.SOURCE_DIR);
    const d = run("restore-drill.sh", { ...env, BACKUP_KIND: "files" });
    expect([d.code, d.err]).toEqual([0, ""]);
    expect(
      JSON.parse(
        d.out
          .trim()
          .split("\n")
          .pop()!
          .replace(/^drill: /, ""),
      ),
    ).toMatchObject({
      source: env.BACKUP_NAME,
      kind: "files",
      result: "ok",
      detail: `3 files, ${50_000 + 37 + 4} bytes, verified`,
    });
    expect(tree(env.SOURCE_DIR)).toEqual(live);
    expect(restic(env, "snapshots", "--json", "--tag", `drill-${env.BACKUP_NAME}`).stdout).toMatch(
      /"paths":\["\/drill\.json"\]/,
    );
  });

  it("the site's maintenance prints the drill ledger: each source's copies, its newest drills back to the newest that succeeded", () => {
    expect(run("files-backup.sh", env).code).toBe(0);
    expect(run("restore-drill.sh", { ...env, BACKUP_KIND: "files" }).code).toBe(0);
    // A newer drill that failed (its evidence as restore-drill.sh records it), then the maintenance reads the ledger back.
    const failed = JSON.stringify({
      source: env.BACKUP_NAME,
      kind: "files",
      startedAt: "2026-11-20T04:00:00Z",
      seconds: 3,
      result: "failed",
      detail: "restoring failed: disk full",
    });
    const evidence = path.join(dir, "evidence.json");
    fs.writeFileSync(evidence, failed);
    expect(
      restic(
        env,
        "backup",
        "--quiet",
        "--tag",
        `drill-${env.BACKUP_NAME}`,
        "--host",
        USER,
        "--stdin-from-command",
        "--stdin-filename",
        "drill.json",
        "--",
        "cat",
        evidence,
      ).status,
    ).toBe(0);
    const keys = path.join(dir, "keys");
    fs.mkdirSync(keys, { mode: 0o700 });
    fs.writeFileSync(path.join(keys, `t${n}`), KEY, { mode: 0o400 });
    const retention = path.join(dir, "retention");
    fs.writeFileSync(
      retention,
      retentionLine(`t${n}`, env.BACKUP_NAME, { daily: 7, weekly: 4, monthly: 3, yearly: 0 }) + "\n",
    );
    const m = run("repository-maintenance.sh", {
      RESTIC,
      SITE: "pusat-pemulihan",
      REPOSITORY_ROOT: path.join(server.root, USER),
      RETENTION_FILE: retention,
      KEYS_DIR: keys,
      RESTIC_CACHE_DIR: path.join(dir, "cache"),
    });
    expect([m.code, m.err]).toEqual([0, ""]);
    const ledger = parseLedger(m.out, "maintenance log");
    expect(
      ledger.map((l) => [l.type, l.site, l.repository, l.source, l.type === "drill" ? l.result : l.snapshots]),
    ).toEqual([
      ["source", "pusat-pemulihan", `t${n}`, env.BACKUP_NAME, 1],
      ["drill", "pusat-pemulihan", `t${n}`, env.BACKUP_NAME, "failed"],
      ["drill", "pusat-pemulihan", `t${n}`, env.BACKUP_NAME, "ok"],
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const job = {
      name: env.BACKUP_NAME,
      namespace: `t${n}`,
      kind: "files" as const,
      source: "data",
      targetSite: "pusat-pemulihan",
      drill: { maxAgeDays: 35 },
    };
    const [status] = drillStatuses([job], ledger, today);
    expect([status.state, status.lastOk?.detail, status.lastFailed?.detail]).toEqual([
      "ok",
      `3 files, ${50_000 + 37 + 4} bytes, verified`,
      "restoring failed: disk full",
    ]);
    expect(
      drillStatuses([job], ledger, new Date(Date.now() + 36 * 86_400_000).toISOString().slice(0, 10))[0].state,
    ).toBe("overdue");
  }, 120000);

  it("says which variable is missing", () => {
    const r = run("files-backup.sh", { RESTIC_REPOSITORY: "x" });
    expect(r.code).toBe(1);
    expect(r.err).toContain("environment variable SOURCE_DIR is required");
  });
});
