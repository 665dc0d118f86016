import * as fs from "fs";
import * as path from "path";

/** The regulation texts live beside the repository (../shared/seeds); they are not copied into it. */
export const SEEDS_DIR = process.env.REGENCY_SEEDS_DIR ?? path.resolve(__dirname, "..", "..", "..", "shared", "seeds");

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
