import * as fs from "fs";
import * as path from "path";

import { SEEDS_DIR } from "../../components/model/citations";

export { SEEDS_DIR };

export function readSeed(file: string): string {
  const p = path.join(SEEDS_DIR, file);
  if (!fs.existsSync(p)) {
    throw new Error(
      `This test needs the regulation texts: ${p} is missing. Put the shared/ folder beside the repository ` +
        `(CI does), or set REGENCY_SEEDS_DIR.`,
    );
  }
  return fs.readFileSync(p, "utf8");
}

/** Whitespace collapsed, markdown emphasis and autolink brackets removed. */
export function normalize(s: string): string {
  return s.replace(/[*<>]/g, "").replace(/\s+/g, " ").trim();
}
