import { Command } from "commander";
import { RULE_IDS, RuleId } from "../../components/model/rules";
import { policiesOf, RULES } from "../../policies/rules";
import { selectModel, withStackSelection } from "./select";

/**
 * One vocabulary: `--rule` takes what `check` names — a pack rule (`network-isolation`), its advisory
 * twin (`network-isolation-advisory`) — or a registry rule (`security`), and shows the articles behind it.
 */
export function citationsCommand(): Command {
  const packRules = RULES.filter((r) => !r.integrity);
  return withStackSelection(new Command("citations"))
    .description(
      "show which article of the regency's regulation, and of the national regulations above it, mandates each rule — the policy pack's rules as `check` names them, and the registry's — or that none does",
    )
    .option(
      "-r, --rule <name>",
      `a rule as \`check\` names it (${packRules.map((r) => r.name).join(", ")}) or a registry rule (${RULE_IDS.join(", ")})`,
    )
    .action((file: string | undefined, opts: { stack?: string; rule?: string }) => {
      const m = selectModel(file, opts);
      const show = (id: RuleId, indent = "") => {
        const c = m.cite(id);
        process.stdout.write(`${indent}${id}${c.mandated ? "" : " (good practice)"}\n${indent}    ${c.summary}\n`);
      };
      if (opts.rule === undefined) {
        for (const r of packRules) {
          process.stdout.write(
            `${r.name} (${r.cites.some((c) => m.cite(c).mandated) ? "mandatory" : "advisory"}): ${r.description}\n`,
          );
          for (const id of r.cites) show(id, "  ");
        }
        return;
      }
      const name = opts.rule.replace(/-advisory$/, "");
      const rule = packRules.find((r) => policiesOf(r).some((p) => p.name === opts.rule) || r.name === name);
      if (rule) {
        process.stdout.write(`${rule.name}: ${rule.description}\n`);
        for (const id of rule.cites) show(id, "  ");
      } else if ((RULE_IDS as readonly string[]).includes(opts.rule)) {
        show(opts.rule as RuleId);
        const using = packRules.filter((r) => r.cites.includes(opts.rule as RuleId)).map((r) => r.name);
        if (using.length > 0) process.stdout.write(`  checked by: ${using.join(", ")}\n`);
      } else {
        throw new Error(
          `--rule ${opts.rule}: no such rule; the policy pack's: ${packRules.map((r) => r.name).join(", ")}; the registry's: ${RULE_IDS.join(", ")}`,
        );
      }
    });
}
