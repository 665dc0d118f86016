/** The `regency` command line: validate, plan, check, report, new, ipplan, citations, estate, drills, schema. */
import { Command, CommanderError } from "commander";
import { LedgerError } from "../../components/model/drills";
import { SpecError } from "../../components/model/issues";
import { checkCommand } from "./check";
import { deferUnusedSdkModules } from "./defer-sdk";
import { citationsCommand } from "./citations";
import { drillsCommand } from "./drills";
import { estateCommand } from "./estate";
import { ipplanCommand } from "./ipplan";
import { newCommand } from "./new";
import { planCommand } from "./plan";
import { reportCommand } from "./report";
import { schemaCommand } from "./schema";
import { validateCommand } from "./validate";

export function program(): Command {
  const cmd = new Command("regency")
    .description(
      "The consolidated data center of an Indonesian regency, as code.\nPusat data terkonsolidasi kabupaten, sebagai kode.",
    )
    .showHelpAfterError()
    .exitOverride();
  cmd.addCommand(validateCommand());
  cmd.addCommand(newCommand());
  cmd.addCommand(planCommand());
  cmd.addCommand(checkCommand());
  cmd.addCommand(reportCommand());
  cmd.addCommand(ipplanCommand());
  cmd.addCommand(citationsCommand());
  cmd.addCommand(estateCommand());
  cmd.addCommand(drillsCommand());
  cmd.addCommand(schemaCommand());
  return cmd;
}

/** Runs the CLI; every failure ends as a message and an exit code, never a stack trace. */
export async function run(argv: string[]): Promise<void> {
  deferUnusedSdkModules();
  try {
    await program().parseAsync(argv);
  } catch (e) {
    process.exitCode = report(e);
  }
}

export function report(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode;
  if (e instanceof SpecError || e instanceof LedgerError) {
    process.stderr.write(e.message + "\n");
    return 1;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`regency: ${message}\n`);
  if (process.env.REGENCY_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 2;
}
