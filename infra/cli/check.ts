import * as fs from "fs";
import { Command, Option } from "commander";
import { readPolicyConfig } from "../../policies/config";
import { SpecError } from "../../components/model/issues";
import { baselineOf, invalidGithub, invalidJson, invalidMarkdown, invalidSarif, toGithub, toJson, toMarkdown, toSarif, toText } from "../../policies/report";
import { checkDay, selectModel, withStackSelection } from "./select";
import { parseJsonText } from "../../components/model/json-text";

/** The base branch's JSON report, as the fingerprints of its violations. */
function readBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`${file}: cannot read the baseline report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  return baselineOf(parseJsonText(text, file, (m) => new Error(m)));
}

export function checkCommand(): Command {
  return withStackSelection(new Command("check"))
    .description("run the compliance policy pack offline on the synthesized stack; exit 1 on any mandatory violation")
    .option("-f, --file <stack-file>", "a stack file (same as the positional argument)")
    .addOption(new Option("--format <format>", "report format").choices(["text", "markdown", "json", "github", "sarif"]).default("text"))
    .addOption(new Option("-p, --platform <platform>", "back end to check (default: the stack's)").choices(["kubernetes", "docker"]))
    .option("--today <date>", "judge exemptions on this day (YYYY-MM-DD)")
    .option("--policy-config <file>", "CrossGuard policy config JSON (enforcement levels per policy)")
    .option("--baseline <file>", "the base branch's `check --format json` report: findings it already had are shown apart, after the new ones")
    .option("-o, --out <file>", "also write the report to a file")
    .action(async (file: string | undefined, opts: { stack?: string; file?: string; format: string; platform?: "kubernetes" | "docker"; today?: string; policyConfig?: string; baseline?: string; out?: string }) => {
      checkDay(opts.today);
      let model;
      try {
        model = selectModel(file ?? opts.file, opts);
      } catch (e) {
        // An invalid stack file still gets the machine formats (a pull request its comment and annotations), then the usual error.
        if (!(e instanceof SpecError) || opts.format === "text") throw e;
        const invalid = { file: e.source ?? file ?? opts.file ?? `stacks/Pulumi.${opts.stack}.yaml`, issues: e.issues };
        const report = { markdown: invalidMarkdown, json: invalidJson, github: invalidGithub, sarif: invalidSarif }[opts.format as "json"](invalid);
        if (opts.out) fs.writeFileSync(opts.out, report);
        process.stdout.write(report);
        throw e;
      }
      const config = opts.policyConfig ? readPolicyConfig(opts.policyConfig) : {};
      const baseline = opts.baseline ? readBaseline(opts.baseline) : undefined;
      // Pulumi and the synthesis load only when a check runs: `--help` and errors stay instant.
      const { checkModel } = await import("../check");
      const verdict = { ...(await checkModel(model, { ...(opts.platform ? { platform: opts.platform } : {}), ...(opts.today ? { today: opts.today } : {}), config })), ...(baseline ? { baseline } : {}) };
      const render = { text: toText, markdown: toMarkdown, json: toJson, github: toGithub, sarif: toSarif }[opts.format as "text"];
      const report = render(verdict);
      if (opts.out) fs.writeFileSync(opts.out, report);
      process.stdout.write(report);
      if (verdict.violations.some((v) => v.level === "mandatory") || verdict.programErrors.length > 0) process.exitCode = 1;
    });
}
