import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { drillStatuses } from "../../components/model/drills";
import { checkSynthesis } from "../check";
import { drillsConfig } from "../estate";
import { readLedgers } from "./drills";
import { reportHtml } from "../report/html";
import { reportMarkdown } from "../report/markdown";
import { networkSvg } from "../report/svg";
import { synthesize } from "../synth";
import { checkDay, selectModel, withStackSelection } from "./select";

export function reportCommand(): Command {
  return withStackSelection(new Command("report"))
    .description("write the periodic e-government report for the Bupati (HTML, Markdown, network SVG), in Indonesian with an English toggle")
    .requiredOption("-o, --out <dir>", "output directory")
    .option("--today <date>", "report date and the day exemptions are judged (YYYY-MM-DD)")
    .option("-l, --ledger <file>", "the restore-drill ledger of a site's maintenance log: drills shown and judged (repeat for several sites)", (v: string, p: string[] = []) => [...p, v])
    .action(async (file: string | undefined, opts: { stack?: string; out: string; today?: string; ledger?: string[] }) => {
      checkDay(opts.today);
      const model = selectModel(file, opts);
      // One synthesis serves the verdict and the plan the report describes.
      const synthesis = await synthesize(model);
      const ledger = opts.ledger ? readLedgers(opts.ledger) : undefined;
      const verdict = checkSynthesis(model, synthesis, { ...(opts.today ? { today: opts.today } : {}), ...(ledger ? { config: drillsConfig(ledger) } : {}) });
      const drills = ledger ? drillStatuses(synthesis.outputs.plan.backupJobs, ledger, verdict.today) : undefined;
      const data = { model, plan: synthesis.outputs.plan, verdict, reporting: model.cite("reporting"), generatedOn: verdict.today, ...(drills ? { drills } : {}) };
      fs.mkdirSync(opts.out, { recursive: true });
      fs.writeFileSync(path.join(opts.out, "index.html"), reportHtml(data));
      fs.writeFileSync(path.join(opts.out, "report.md"), reportMarkdown(data));
      fs.writeFileSync(path.join(opts.out, "network.svg"), networkSvg(data) + "\n");
      process.stdout.write(`✓ ${model.spec.regency.name}: report → ${path.relative(process.cwd(), opts.out) || "."}/index.html, report.md, network.svg\n`);
    });
}
