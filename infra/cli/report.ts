import * as fs from "fs";
import { readTextFile } from "../../components/model/json-text";
import * as path from "path";
import { Command } from "commander";
import { drillStatuses } from "../../components/model/drills";
import { drillsConfig } from "../estate";
import { readLedgers } from "./drills";
import { changesSince, readFacts, reportFacts, trendOf } from "../report/facts";
import { reportHtml } from "../report/html";
import { reportMarkdown } from "../report/markdown";
import { networkSvg } from "../report/svg";
import { parsePeriod, semesterOf } from "../report/words";
import { checkDay, selectModel, withStackSelection } from "./select";

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
    .action(
      async (
        file: string | undefined,
        opts: { stack?: string; out: string; today?: string; period?: string; previous?: string; ledger?: string[] },
      ) => {
        checkDay(opts.today);
        const period = opts.period ? parsePeriod(opts.period) : undefined;
        const previousFacts = opts.previous ? readPrevious(opts.previous) : undefined;
        const model = selectModel(file, opts);
        if (previousFacts && previousFacts.regency.slug !== model.spec.regency.slug)
          throw new Error(
            `${opts.previous}: the report of ${previousFacts.regency.slug}, not of ${model.spec.regency.slug}`,
          );
        // One synthesis serves the verdict and the plan the report describes (Pulumi loads only now).
        const { synthesize } = await import("../synth");
        const { checkSynthesis } = await import("../check");
        const synthesis = await synthesize(model);
        const ledger = opts.ledger ? readLedgers(opts.ledger) : undefined;
        const verdict = checkSynthesis(model, synthesis, {
          ...(opts.today ? { today: opts.today } : {}),
          ...(ledger ? { config: drillsConfig(ledger) } : {}),
        });
        const drills = ledger ? drillStatuses(synthesis.outputs.plan.backupJobs, ledger, verdict.today) : undefined;
        const data = {
          model,
          plan: synthesis.outputs.plan,
          verdict,
          reporting: model.cite("reporting"),
          generatedOn: verdict.today,
          ...(drills ? { drills } : {}),
        };
        const facts = reportFacts(data, period ?? semesterOf(verdict.today));
        const previous = previousFacts
          ? { facts: previousFacts, changes: changesSince(previousFacts, facts) }
          : undefined;
        fs.mkdirSync(opts.out, { recursive: true });
        fs.writeFileSync(path.join(opts.out, "index.html"), reportHtml(data, facts, previous));
        fs.writeFileSync(path.join(opts.out, "report.md"), reportMarkdown(facts, previous));
        fs.writeFileSync(
          path.join(opts.out, "report.json"),
          JSON.stringify(
            {
              ...facts,
              ...(previous ? { previous: previous.facts.period, changes: previous.changes } : {}),
              trend: trendOf(previous?.facts, facts),
            },
            null,
            2,
          ) + "\n",
        );
        fs.writeFileSync(path.join(opts.out, "network.svg"), networkSvg(data) + "\n");
        process.stdout.write(
          `✓ ${model.spec.regency.name}, ${facts.period.label.id}: report → ${path.relative(process.cwd(), opts.out) || "."}/index.html, report.md, report.json, network.svg${previous ? ` (${previous.changes.length} change(s) since ${previous.facts.period.id})` : ""}\n`,
        );
      },
    );
}

function readPrevious(file: string) {
  return readFacts(readTextFile(file, "previous report"), file);
}
