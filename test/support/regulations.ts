/** The national regulations' texts (../shared/regulations) read by article, ayat and huruf, as the tests quote them. */
import * as fs from "fs";
import * as path from "path";
import { SEEDS_DIR } from "./seeds";

export const REGULATIONS_DIR = path.resolve(SEEDS_DIR, "..", "regulations");

/** The text of one article: from its `## Pasal N` heading to the next heading. */
export function article(file: string, pasal: number): string {
  const text = fs.readFileSync(path.join(REGULATIONS_DIR, file), "utf8");
  const m = new RegExp(`^## Pasal ${pasal}\\s*$([\\s\\S]*?)(?=^## )`, "m").exec(text);
  return m ? m[1] : "";
}

/** The lines of one ayat: from `(n)` up to `(n+1)`. */
function ayatOf(body: string, n: number): string {
  const m = new RegExp(`^\\s*\\(${n}\\)[\\s\\S]*?(?=^\\s*\\(${n + 1}\\)|$(?![\\s\\S]))`, "m").exec(body);
  return m ? m[0] : "";
}

/** The line a citation points at: a huruf's line within its ayat (or article), else the ayat's (article's) first line. */
export function lineOf(body: string, c: { ayat?: number; huruf?: string }): string {
  const block = c.ayat ? ayatOf(body, c.ayat) : body;
  if (c.huruf) return new RegExp(`^\\s*${c.huruf}\\.\\s*(.*)$`, "m").exec(block)?.[1] ?? "";
  return block
    .trim()
    .split("\n")[0]
    .replace(/^\(\d+\)\s*/, "");
}
