import { readTextFile } from "../../components/model/json-text";
import { Command, Option } from "commander";
import { drillStatuses, drillStatusText, LedgerError, LedgerLine, parseLedger } from "../../components/model/drills";
import { buildPlan } from "../../components/model/plan";
import { checkDay, selectModel, withStackSelection } from "./select";

/** The ledgers of one or more sites' maintenance logs, read and validated (errors name the file and line). */
export function readLedgers(files: string[]): LedgerLine[] {
  return files.flatMap((file) => {
    return parseLedger(
      readTextFile(file, "drill ledger", (m) => new LedgerError(m)),
      file,
    );
  });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function drillsCommand(): Command {
  return withStackSelection(new Command("drills"))
    .description(
      "read the restore-drill ledger of the recovery sites (their maintenance logs) and say, per database and volume, when it was last restored and checked; exit 1 where a drill is overdue",
    )
    .requiredOption("-l, --ledger <file>", "a site's maintenance log or ledger (repeat for several sites)", collect)
    .option("--today <date>", "judge on this day (YYYY-MM-DD; default: today)")
    .addOption(new Option("--format <format>", "output").choices(["text", "json"]).default("text"))
    .action(
      (
        file: string | undefined,
        opts: { stack?: string; ledger: string[]; today?: string; format: "text" | "json" },
      ) => {
        checkDay(opts.today);
        const model = selectModel(file, opts);
        const ledger = readLedgers(opts.ledger);
        const today = opts.today ?? new Date().toISOString().slice(0, 10);
        const statuses = drillStatuses(buildPlan(model).backupJobs, ledger, today);
        const failing = statuses.filter(
          (s) => s.state === "overdue" || s.state === "never" || s.state === "not-reported",
        );
        if (opts.format === "json") process.stdout.write(JSON.stringify({ today, statuses }, null, 2) + "\n");
        else {
          const mark = { ok: "✓", new: "·", overdue: "✗", never: "✗", "not-reported": "✗" } as const;
          for (const s of statuses)
            process.stdout.write(`${mark[s.state]} ${s.namespace}/${s.source} at ${s.site}: ${drillStatusText(s)}\n`);
          process.stdout.write(
            `${statuses.length} sources: ${statuses.filter((s) => s.state === "ok").length} drilled within their period, ${failing.length} overdue, ${statuses.filter((s) => s.state === "new").length} not due yet\n`,
          );
        }
        if (failing.length > 0) process.exitCode = 1;
      },
    );
}
