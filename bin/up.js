#!/usr/bin/env node
// `npm run up -- --stack <slug> [--platform docker|kubernetes] [pulumi up flags…]`: pulumi up with a
// local file backend and passphrase secrets (no Pulumi Cloud), on Docker unless told otherwise, so
// any regency can be tried on one machine. Needs the Pulumi CLI and a Docker engine (or a cluster).
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const stack = option("--stack", undefined);
const platform = option("--platform", "docker");
const fail = (message) => {
  process.stderr.write(`regency up: ${message}\n`);
  process.exit(1);
};
const has = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { stdio: "ignore" }).status === 0;

if (!stack) {
  const stacks = fs
    .readdirSync(path.join(root, "stacks"))
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter(Boolean);
  fail(`give --stack <slug> (stacks: ${stacks.join(", ")})`);
}
if (!["docker", "kubernetes"].includes(platform)) fail("--platform must be docker or kubernetes");
if (!has("pulumi", ["version"])) {
  fail(
    "the Pulumi CLI is not installed (https://www.pulumi.com/docs/install/). Without it, `npx regency plan` shows what would be deployed.",
  );
}
const stackFile = path.join(root, "stacks", `Pulumi.${stack}.yaml`);
if (!fs.existsSync(stackFile))
  fail(`no stack file ${path.relative(process.cwd(), stackFile)} (make one with \`npx regency new\`)`);
if (platform === "docker" && !has("docker", ["info"])) {
  fail(
    "no Docker engine answers `docker info` (install Docker or start it), or deploy to a cluster with --platform kubernetes.",
  );
}
if (!process.env.PULUMI_CONFIG_PASSPHRASE && !process.env.PULUMI_CONFIG_PASSPHRASE_FILE) {
  fail(
    "set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE): it encrypts this stack's secrets in the local state.",
  );
}
const state = path.join(root, ".pulumi-state");
fs.mkdirSync(state, { recursive: true });
const env = { ...process.env, PULUMI_BACKEND_URL: `file://${state}`, REGENCY_PLATFORM: platform };
const run = (pulumiArgs) => {
  const r = spawnSync("pulumi", pulumiArgs, { stdio: "inherit", env, cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(["stack", "select", "--create", "--secrets-provider", "passphrase", stack]);
run(["up", ...args]);
