/**
 * Where the package's files are: the directory of its package.json, found from this module whether it
 * runs from source (ts-node, jest) or compiled (dist/). Scripts, templates and the citation registry
 * are read from there, never copied into dist.
 */
import * as fs from "fs";
import * as path from "path";

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PACKAGE_ROOT = packageRoot(__dirname);
/** A file of the package, by its path from the package root (e.g. "components/backup/scripts"). */
export const packagePath = (...parts: string[]) => path.join(PACKAGE_ROOT, ...parts);
