import { Command, Option } from "commander";
import type { CheckOptions } from "./check-run";

export function checkCommand(): Command {
  return new Command("check")
    .description(
      "run the compliance policy pack offline on the synthesized stack(s); exit 1 on any mandatory violation or invalid stack file",
    )
    .argument("[stack-files...]", "stack files (several are checked in one process)")
    .addOption(new Option("-s, --stack <slug>", "a stack in stacks/ by its slug"))
    .option("--all", "every stack in stacks/, in one process")
    .option("-f, --file <stack-file>", "a stack file (same as the positional argument)")
    .addOption(
      new Option("--format <format>", "report format")
        .choices(["text", "markdown", "json", "github", "sarif"])
        .default("text"),
    )
    .addOption(
      new Option("-p, --platform <platform>", "back end to check (default: the stack's)").choices([
        "kubernetes",
        "docker",
      ]),
    )
    .option("--today <date>", "judge exemptions on this day (YYYY-MM-DD)")
    .option("--policy-config <file>", "CrossGuard policy config JSON (enforcement levels per policy)")
    .option(
      "--baseline <file>",
      "the base branch's `check --format json` report: findings it already had are shown apart, after the new ones",
    )
    .option("-o, --out <file>", "also write the report to a file")
    .option("-j, --jobs <n>", 'processes checking several stack files side by side ("auto": one per CPU)', "1")
    .addOption(new Option("--worker").hideHelp())
    .action(async (files: string[], opts: CheckOptions) => (await import("./check-run")).runCheck(files, opts));
}
