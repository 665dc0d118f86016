/** The IP plan as text: a CSV for spreadsheets (written by `plan`) and the table `regency ipplan` prints. */
import { IpPlan } from "../components/model/ipplan";

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
