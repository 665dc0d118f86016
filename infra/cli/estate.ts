import * as fs from "fs";
import { Command } from "commander";
import { estateConfig, estateOf } from "../estate";
import { selectModel, withStackSelection } from "./select";

export function estateCommand(): Command {
  return withStackSelection(new Command("estate"))
    .description("write the regency's estate as a policy pack config: apply it with `pulumi preview --policy-pack … --policy-pack-config <file>` to every stack of the regency")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .action((file: string | undefined, opts: { stack?: string; out?: string }) => {
      const text = JSON.stringify(estateConfig(estateOf(selectModel(file, opts))), null, 2) + "\n";
      if (opts.out) fs.writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}
