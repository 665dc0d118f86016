import { Command, Option } from "commander";
import { RULE_IDS, RuleId } from "../../components/model/rules";
import { selectModel, withStackSelection } from "./select";

export function citationsCommand(): Command {
  return withStackSelection(new Command("citations"))
    .description("show which article of the regency's regulation mandates each rule, or that none does")
    .addOption(new Option("-r, --rule <id>", "one rule").choices([...RULE_IDS]))
    .action((file: string | undefined, opts: { stack?: string; rule?: RuleId }) => {
      const m = selectModel(file, opts);
      for (const rule of opts.rule ? [opts.rule] : RULE_IDS) {
        const c = m.cite(rule);
        process.stdout.write(`${rule}${c.mandated ? "" : " (good practice)"}\n    ${c.summary}\n`);
      }
    });
}
