import { Command } from "commander";
import { withStackSelection } from "./select";
import type { ReportOptions } from "./report-run";

export function reportCommand(): Command {
  return withStackSelection(new Command("report"))
    .description(
      "write the periodic e-government report for the Bupati (HTML, Markdown, JSON of the same facts, network SVG), in Indonesian with an English toggle",
    )
    .requiredOption("-o, --out <dir>", "output directory")
    .option("--today <date>", "report date and the day exemptions are judged (YYYY-MM-DD)")
    .option(
      "--period <period>",
      "the reporting period: 2026-S2 (semester), 2026-Q3, 2026-11 or 2026 (default: the semester of --today)",
    )
    .option(
      "--previous <report.json>",
      "the previous period's report.json: the report says what changed since, and the trend",
    )
    .option(
      "-l, --ledger <file>",
      "the restore-drill ledger of a site's maintenance log: drills shown and judged (repeat for several sites)",
      (v: string, p: string[] = []) => [...p, v],
    )
    .action(async (file: string | undefined, opts: ReportOptions) => (await import("./report-run")).run(file, opts));
}
