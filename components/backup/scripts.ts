import * as fs from "fs";
import * as path from "path";
import { packagePath } from "../root";

export const SCRIPTS_DIR = packagePath("components", "backup", "scripts");
export const SCRIPT = {
  postgres: { backup: "pg-backup.sh", restore: "pg-restore.sh", drill: "restore-drill.sh" },
  files: { backup: "files-backup.sh", restore: "files-restore.sh", drill: "restore-drill.sh" },
} as const;

/** The backup and restore scripts by file name, as shipped in this folder (also used by the Docker back end). */
export function backupScripts(): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(SCRIPTS_DIR)
      .filter((f) => f.endsWith(".sh"))
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(SCRIPTS_DIR, f), "utf8")]),
  );
}
