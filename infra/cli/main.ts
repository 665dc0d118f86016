/** The `regency` command line: validate, plan, check, report, new, ipplan, citations, estate, drills, schema. */
import { Command, CommanderError } from "commander";
import { LedgerError } from "../../components/model/drills";
import { SpecError } from "../../components/model/issues";
import { deferUnusedSdkModules } from "./defer-sdk";

/**
 * Each subcommand and the module that defines it, loaded on demand: `regency validate` does not load
 * the policy pack, the renderers or the report (a fifth of its start-up).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import("./validate")).validateCommand(),
  new: async () => (await import("./new")).newCommand(),
  plan: async () => (await import("./plan")).planCommand(),
  check: async () => (await import("./check")).checkCommand(),
  report: async () => (await import("./report")).reportCommand(),
  ipplan: async () => (await import("./ipplan")).ipplanCommand(),
  citations: async () => (await import("./citations")).citationsCommand(),
  estate: async () => (await import("./estate")).estateCommand(),
  drills: async () => (await import("./drills")).drillsCommand(),
  schema: async () => (await import("./schema")).schemaCommand(),
};

/** The command line; with `only`, just that subcommand (what `run` builds when the first argument names one). */
export async function program(only?: string): Promise<Command> {
  const cmd = new Command("regency")
    .description(
      "The consolidated data center of an Indonesian regency, as code.\nPusat data terkonsolidasi kabupaten, sebagai kode.",
    )
    .showHelpAfterError()
    .exitOverride();
  const names = only !== undefined && only in COMMANDS ? [only] : Object.keys(COMMANDS);
  for (const name of names) cmd.addCommand(await COMMANDS[name]());
  return cmd;
}

/** Runs the CLI; every failure ends as a message and an exit code, never a stack trace. */
export async function run(argv: string[]): Promise<void> {
  deferUnusedSdkModules();
  try {
    await (await program(argv[2])).parseAsync(argv);
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
