#!/usr/bin/env node
// The `regency` command. It runs the compiled JavaScript in dist/ (`npm run build`, which `npm ci` and
// `npm install` run as `prepare`) when that build is newer than every TypeScript source; otherwise the
// sources through ts-node, so an edited tree never runs a stale build (`npm run typecheck` checks types).
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const built = path.join(root, "dist", "infra", "cli", "main.js");
// Written by `npm run build` after tsc succeeded (tsc leaves unchanged outputs untouched).
const stamp = path.join(root, "dist", ".built");

/** The newest modification time of the .ts files under the source folders. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === "node_modules") continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of ["infra", "components", "policies"]) walk(path.join(root, d));
  return newest;
}

/** Whether the build is there and newer than every source (no stamp: never built, or the build failed). */
function isFresh() {
  try {
    return fs.existsSync(built) && fs.statSync(stamp).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}
const fresh = isFresh();
if (!fresh) {
  require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
}
require(fresh ? built : "../infra/cli/main").run(process.argv);
