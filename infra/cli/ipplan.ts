import { Command, Option } from "commander";
import * as fs from "fs";
import * as path from "path";
import { IpPlan } from "../../components/model/ipplan";
import { lockDiff, lockFileOf, lockOf, readIpLock } from "../../components/model/iplock";
import { stackFile } from "../../components/model/load";
import { selectModel, withStackSelection } from "./select";

export function ipPlanCsv(plan: IpPlan): string {
  const rows = [["segment", "purpose", "opd", "cidr", "gateway", "usable", "source"]];
  for (const s of plan.segments)
    rows.push([s.name, s.purpose, s.opd ?? "", s.cidr, s.gateway, String(s.usable), s.source]);
  for (const r of plan.reserved) rows.push([`reserved`, r.purpose, "", r.cidr, "", "", "reserved"]);
  return rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n") + "\n";
}

export function ipPlanTable(plan: IpPlan): string {
  const rows = plan.segments.map((s) => [s.name, s.cidr, s.gateway, String(s.usable), s.source]);
  const head = ["segmen/segment", "CIDR", "gateway", "usable", "source"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const reserved = plan.reserved.map((r) => `  reserved ${r.cidr} (${r.purpose})`).join("\n");
  return (
    [
      line(head),
      ...rows.map(line),
      `supernet ${plan.supernet}: ${plan.freeAddresses} alamat bebas / free addresses`,
      reserved,
    ].join("\n") + "\n"
  );
}

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
