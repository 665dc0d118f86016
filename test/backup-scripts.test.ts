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
