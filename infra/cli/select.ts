import { Command, Option } from "commander";
import { loadStack, loadStackFile, stackSlugs } from "../../components/model/load";
import { isCalendarDay } from "../../components/model/spec";
import { RegencyModel } from "../../components/model/validate";

/** `<stack-file>` or `--stack <slug>`, shared by every command that reads a spec. */
export function withStackSelection(cmd: Command): Command {
  return cmd
    .argument("[stack-file]", "path of a stack file (stacks/Pulumi.<slug>.yaml)")
    .addOption(new Option("-s, --stack <slug>", "a stack in stacks/ by its slug"));
}

export function selectModel(file: string | undefined, opts: { stack?: string }): RegencyModel {
  if (file && opts.stack) throw new Error("give a stack file or --stack, not both");
  if (opts.stack) return loadStack(opts.stack);
  if (file) return loadStackFile(file);
  throw new Error(`give a stack file or --stack <slug> (stacks: ${stackSlugs().join(", ")})`);
}

/** `--today`: a day of the calendar as YYYY-MM-DD (2026-02-30 is refused, not rolled over). */
export function checkDay(value: string | undefined): void {
  if (value !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDay(value)))
    throw new Error(`--today must be a day of the calendar as YYYY-MM-DD, not ${value}`);
}
