import * as fs from "fs";
import { Command } from "commander";
import { drillsConfig, estateConfig, estateOf } from "../estate";
import { readLedgers } from "./drills";
import { selectModel, withStackSelection } from "./select";

export function estateCommand(): Command {
  return withStackSelection(new Command("estate"))
    .description(
      "write the regency's estate as a policy pack config: apply it with `pulumi preview --policy-pack … --policy-pack-config <file>` to every stack of the regency",
    )
    .option("-o, --out <file>", "write to a file instead of standard output")
    .option(
      "-l, --ledger <file>",
      "add the restore-drill ledger of a site's maintenance log for `restore-drills` (repeat for several sites)",
      (v: string, p: string[] = []) => [...p, v],
    )
    .action((file: string | undefined, opts: { stack?: string; out?: string; ledger?: string[] }) => {
      const config: Record<string, object> = estateConfig(estateOf(selectModel(file, opts)));
      if (opts.ledger) Object.assign(config, drillsConfig(readLedgers(opts.ledger)));
      const text = JSON.stringify(config, null, 2) + "\n";
      if (opts.out) fs.writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}
