/** `regency report`, run: loaded only when the command runs, so the CLI starts without what it needs. */
import * as fs from "fs";
import { readTextFile } from "../../components/model/json-text";
import * as path from "path";
import { drillStatuses } from "../../components/model/drills";
import { drillsConfig } from "../estate";
import { readLedgers } from "./drills";
import { changesSince, readFacts, reportFacts, trendOf } from "../report/facts";
import { reportHtml } from "../report/html";
import { reportMarkdown } from "../report/markdown";
import { networkSvg } from "../report/svg";
import { parsePeriod, semesterOf } from "../report/words";
import { checkDay, selectModel } from "./select";

export type ReportOptions = {
  stack?: string;
  out: string;
  today?: string;
  period?: string;
  previous?: string;
  ledger?: string[];
};

export async function run(file: string | undefined, opts: ReportOptions): Promise<void> {
  checkDay(opts.today);
  const period = opts.period ? parsePeriod(opts.period) : undefined;
  const previousFacts = opts.previous ? readPrevious(opts.previous) : undefined;
  const model = selectModel(file, opts);
  if (previousFacts && previousFacts.regency.slug !== model.spec.regency.slug)
    throw new Error(`${opts.previous}: the report of ${previousFacts.regency.slug}, not of ${model.spec.regency.slug}`);
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
  const previous = previousFacts ? { facts: previousFacts, changes: changesSince(previousFacts, facts) } : undefined;
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
}
function readPrevious(file: string) {
  return readFacts(readTextFile(file, "previous report"), file);
}
