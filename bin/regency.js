#!/usr/bin/env node
// The `regency` command. TypeScript is transpiled on the fly; `npm run typecheck` checks types.
const path = require("path");
require("ts-node").register({
  transpileOnly: true,
  project: path.join(__dirname, "..", "tsconfig.json"),
});
require("../infra/cli/main").run(process.argv);
