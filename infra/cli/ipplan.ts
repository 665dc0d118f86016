import { Command, Option } from "commander";
import * as fs from "fs";
import * as path from "path";
import { lockDiff, lockFileOf, lockOf, readIpLock } from "../../components/model/iplock";
import { stackFile } from "../../components/model/load";
import { ipPlanCsv, ipPlanTable } from "../ipplan-text";
import { selectModel, withStackSelection } from "./select";

export function ipplanCommand(): Command {
  return withStackSelection(new Command("ipplan"))
    .description(
      "print the IP plan: every segment numbered inside the custodian's supernet; --write-lock freezes it beside the stack file",
    )
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "csv", "json"]).default("table"))
    .option(
      "--write-lock",
      "record the allocation in Pulumi.<slug>.ipplan.lock.json (commit it): later plans never move a recorded segment",
    )
    .action((file: string | undefined, opts: { stack?: string; format: string; writeLock?: boolean }) => {
      const { ipPlan } = selectModel(file, opts);
      if (opts.writeLock) {
        const lockFile = lockFileOf(opts.stack ? stackFile(opts.stack) : file!);
        const before = readIpLock(lockFile);
        const diff = before
          ? lockDiff(before, ipPlan)
          : { added: ipPlan.segments.map((s) => s.name), moved: [], freed: [] };
        fs.writeFileSync(lockFile, JSON.stringify(lockOf(ipPlan), null, 2) + "\n");
        process.stdout.write(
          `✓ ${path.relative(process.cwd(), lockFile)}: ${ipPlan.segments.length} segments frozen` +
            (diff.added.length ? `; new: ${diff.added.join(", ")}` : "") +
            (diff.moved.length ? `; MOVED: ${diff.moved.map((m) => `${m.name} ${m.from} → ${m.to}`).join(", ")}` : "") +
            (diff.freed.length ? `; freed: ${diff.freed.join(", ")}` : "") +
            "\n",
        );
        return;
      }
      const out =
        opts.format === "json"
          ? JSON.stringify(ipPlan, null, 2) + "\n"
          : opts.format === "csv"
            ? ipPlanCsv(ipPlan)
            : ipPlanTable(ipPlan);
      process.stdout.write(out);
    });
}
