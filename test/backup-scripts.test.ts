/** The file-volume backup and restore scripts, run for real with sh, tar and sha256sum. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SCRIPTS_DIR } from "../components/backup/scripts";

const run = (script: string, env: Record<string, string>) => {
  const r = spawnSync("sh", [path.join(SCRIPTS_DIR, script)], { encoding: "utf8", env: { PATH: process.env.PATH!, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("file volume backup scripts", () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "regency-files-"));
    fs.mkdirSync(path.join(dir, "src", "sub"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src", "surat.pdf"), Buffer.alloc(50_000, 7));
    fs.writeFileSync(path.join(dir, "src", "sub", "catatan.txt"), "rekam medis 001\n");
    env = { SOURCE_DIR: path.join(dir, "src"), BACKUP_DIR: path.join(dir, "backup"), BACKUP_NAME: "rekam-medis", RETENTION: "2", TARGET_DIR: path.join(dir, "restored") };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const archives = () => fs.readdirSync(env.BACKUP_DIR).filter((f) => f.endsWith(".tar.gz")).sort();

  it("round-trips a volume: archive, checksum, restore into an emptied target", () => {
    expect(run("files-backup.sh", env).code).toBe(0);
    const [archive] = archives();
    expect(fs.readFileSync(path.join(env.BACKUP_DIR, `${archive}.sha256`), "utf8")).toMatch(new RegExp(`^[0-9a-f]{64}  ${archive}\\n$`));
    fs.mkdirSync(env.TARGET_DIR);
    fs.writeFileSync(path.join(env.TARGET_DIR, "stale.txt"), "old");
    const r = run("files-restore.sh", env);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(env.TARGET_DIR, "sub", "catatan.txt"), "utf8")).toBe("rekam medis 001\n");
    expect(fs.readFileSync(path.join(env.TARGET_DIR, "surat.pdf")).equals(Buffer.alloc(50_000, 7))).toBe(true);
    expect(fs.existsSync(path.join(env.TARGET_DIR, "stale.txt"))).toBe(false);
  });

  it("refuses a truncated or corrupted archive and leaves the target untouched", () => {
    run("files-backup.sh", env);
    const file = path.join(env.BACKUP_DIR, archives()[0]);
    fs.mkdirSync(env.TARGET_DIR);
    fs.writeFileSync(path.join(env.TARGET_DIR, "live.txt"), "keep me");
    fs.truncateSync(file, 100);
    let r = run("files-restore.sh", env);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/checksum mismatch .* refusing to restore/);
    expect(fs.readFileSync(path.join(env.TARGET_DIR, "live.txt"), "utf8")).toBe("keep me");
    fs.rmSync(`${file}.sha256`);
    r = run("files-restore.sh", env);
    expect(r.err).toMatch(/checksum file missing/);
  });

  it("an extraction that fails half-way leaves the live files as they were, and no staging behind", () => {
    // An archive tar can list but not extract: "a" is a file, then "a/b" needs it to be a directory.
    const bad = path.join(dir, "bad");
    fs.mkdirSync(path.join(bad, "x"), { recursive: true });
    fs.writeFileSync(path.join(bad, "a"), "file");
    fs.writeFileSync(path.join(bad, "x", "b"), "later");
    fs.mkdirSync(env.BACKUP_DIR, { recursive: true });
    const name = "rekam-medis-20260101T000000Z.tar.gz";
    expect(spawnSync("sh", ["-c", `tar -C "${bad}" -cf - a x | gzip > "${path.join(env.BACKUP_DIR, "inner.tar.gz")}"`]).status).toBe(0);
    // Rewrite the member x/b as a/b: same sizes, listable, not extractable over the file a.
    const raw = spawnSync("sh", ["-c", `gzip -dc "${path.join(env.BACKUP_DIR, "inner.tar.gz")}"`], { encoding: "buffer", maxBuffer: 1 << 24 }).stdout;
    const patched = Buffer.from(raw.toString("latin1").replace("x/b", "a/b"), "latin1");
    // Fix the rewritten header's checksum (sum of its bytes with the checksum field as spaces).
    for (let off = 0; off < patched.length; off += 512) {
      const header = patched.subarray(off, off + 512);
      if (header.subarray(0, 3).toString() !== "a/b") continue;
      header.fill(0x20, 148, 156);
      const sum = header.reduce((n, b) => n + b, 0);
      header.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "latin1");
    }
    fs.rmSync(path.join(env.BACKUP_DIR, "inner.tar.gz"));
    fs.writeFileSync(path.join(env.BACKUP_DIR, name), require("zlib").gzipSync(patched));
    expect(spawnSync("tar", ["-tzf", path.join(env.BACKUP_DIR, name)], { encoding: "utf8" }).stdout.split("\n")).toContain("a/b");
    expect(spawnSync("sh", ["-c", `sha256sum ${name} > ${name}.sha256`], { cwd: env.BACKUP_DIR }).status).toBe(0);
    fs.mkdirSync(env.TARGET_DIR);
    fs.writeFileSync(path.join(env.TARGET_DIR, "live.txt"), "keep me");
    fs.writeFileSync(path.join(env.TARGET_DIR, ".hidden"), "me too");
    const r = run("files-restore.sh", env);
    expect([r.code, r.err]).toEqual([1, expect.stringContaining(`extracting ${name} failed; ${env.TARGET_DIR} is unchanged`)]);
    expect(fs.readdirSync(env.TARGET_DIR).sort()).toEqual([".hidden", "live.txt"]);
    expect(fs.readFileSync(path.join(env.TARGET_DIR, "live.txt"), "utf8")).toBe("keep me");
  });

  it("replaces dot files too, and leaves no staging behind", () => {
    fs.writeFileSync(path.join(env.SOURCE_DIR, ".config"), "baru");
    expect(run("files-backup.sh", env).code).toBe(0);
    fs.mkdirSync(env.TARGET_DIR);
    fs.writeFileSync(path.join(env.TARGET_DIR, ".config"), "lama");
    fs.writeFileSync(path.join(env.TARGET_DIR, "..odd"), "x");
    expect(run("files-restore.sh", env).code).toBe(0);
    expect(fs.readdirSync(env.TARGET_DIR).sort()).toEqual([".config", "sub", "surat.pdf"]);
    expect(fs.readFileSync(path.join(env.TARGET_DIR, ".config"), "utf8")).toBe("baru");
  });

  it("keeps exactly the configured number of copies", () => {
    for (let i = 0; i < 3; i++) expect(run("files-backup.sh", env).code).toBe(0);
    expect(archives()).toHaveLength(2);
    expect(fs.readdirSync(env.BACKUP_DIR).filter((f) => f.endsWith(".sha256"))).toHaveLength(2);
  });

  it("says which variable is missing", () => {
    const r = run("files-backup.sh", { BACKUP_DIR: env.BACKUP_DIR });
    expect(r.code).toBe(1);
    expect(r.err).toContain("environment variable SOURCE_DIR is required");
  });
});
