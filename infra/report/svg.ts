/**
 * The network picture, laid out here (no library, no network needed to view it): the DMZ and the
 * custodian's platform on top, one box per OPD segment inside the data center, partners on the
 * right, the DR site and portable media below; lines for the allowed flows.
 */
import { ReportData } from "./data";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function networkSvg(d: ReportData): string {
  const { plan, model } = d;
  const tenants = plan.tenants;
  const cols = 3;
  const boxW = 250;
  const boxH = 70;
  const gap = 20;
  const dcX = 40;
  const dcY = 150;
  const rows = Math.ceil(tenants.length / cols);
  const dcW = cols * boxW + (cols + 1) * gap;
  const dcH = rows * (boxH + gap) + gap + 40;
  const partners = model.spec.interconnections;
  const partnerX = dcX + dcW + 80;
  const width = partnerX + 260;
  const others = plan.sites.filter((s) => s !== plan.primary && s.kind !== "opd-server");
  const height = dcY + dcH + 60 + (others.length > 0 ? 110 : 0);
  const out: string[] = [];
  // Lines are drawn first so the boxes sit on top of them.
  const lines: string[] = [];
  const box = (x: number, y: number, w: number, h: number, cls: string, lines: string[], id?: string) => {
    out.push(`<g class="${cls}"${id ? ` id="${esc(id)}"` : ""}><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8"/>`);
    lines.forEach((l, i) => out.push(`<text x="${x + 10}" y="${y + 20 + i * 16}"${i === 0 ? ' class="title"' : ""}>${esc(l)}</text>`));
    out.push("</g>");
  };
  const line = (x1: number, y1: number, x2: number, y2: number, cls: string) => lines.push(`<line class="${cls}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`);

  const seg = (name: string) => model.ipPlan.segments.find((s) => s.name === name);
  box(dcX, 20, 300, 60, "dmz", ["Internet · DMZ (ingress)", `${seg("dmz")?.cidr ?? ""} · ${model.spec.domain.name}`]);
  box(dcX + 340, 20, 300, 60, "platform", ["SSO (Keycloak)", `sso.${model.spec.domain.name} · ${seg("platform")?.cidr ?? ""}`]);
  box(dcX, dcY, dcW, dcH, "site", [`${plan.primary.name} — ${plan.primary.location}`, `${model.spec.custodian.name} · ${model.ipPlan.supernet}`], `site-${plan.primary.id}`);
  const pos = new Map<string, { x: number; y: number }>();
  tenants.forEach((t, i) => {
    const x = dcX + gap + (i % cols) * (boxW + gap);
    const y = dcY + 50 + Math.floor(i / cols) * (boxH + gap);
    pos.set(t.namespace, { x, y });
    const dbs = t.apps.filter((a) => a.database).length;
    box(x, y, boxW, boxH, "opd", [t.displayName.length > 34 ? `${t.displayName.slice(0, 33)}…` : t.displayName, `${t.segment.cidr} · ${t.apps.length} aplikasi, ${dbs} basis data`, t.apps.map((a) => a.id).join(", ").slice(0, 38)], `opd-${t.opd ?? "custodian"}`);
  });
  // Flows: DMZ → each OPD with published apps; each OPD → SSO.
  for (const t of tenants) {
    const p = pos.get(t.namespace)!;
    line(dcX + 150, 80, p.x + boxW / 2, p.y, "flow-ingress");
    line(dcX + 490, 80, p.x + boxW / 2 + 20, p.y, "flow-sso");
  }
  partners.forEach((c, i) => {
    const y = dcY + 50 + i * 60;
    box(partnerX, y, 240, 44, "partner", [c.party, `${c.remote.cidr} : ${c.remote.ports.join(",")}`], `partner-${c.id}`);
    for (const t of tenants.filter((x) => x.apps.some((a) => a.interconnects.some((ic) => ic.id === c.id)))) {
      const p = pos.get(t.namespace)!;
      line(p.x + boxW, p.y + boxH / 2, partnerX, y + 22, "flow-partner");
    }
  });
  others.forEach((s, i) => {
    const x = dcX + i * 320;
    const y = dcY + dcH + 60;
    box(x, y, 300, 60, s.kind === "recovery" ? "dr" : "media", [`${s.kind === "recovery" ? "Pusat pemulihan data" : "Media portabel"}: ${s.name}`, `${s.location} · ${s.operator === "custodian" ? model.spec.custodian.name : s.operator}`], `site-${s.id}`);
    if (plan.backupJobs.some((j) => j.targetSite === s.id)) line(dcX + dcW / 2, dcY + dcH, x + 150, y, "flow-backup");
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Peta jaringan ${esc(model.spec.regency.name)}">`,
    "<style>rect{stroke-width:1.5}text{font:12px sans-serif;fill:#1b1b1b}.title{font-weight:bold}",
    ".dmz rect{fill:#fdecea;stroke:#c0392b}.platform rect{fill:#eaf2fd;stroke:#2e6fd0}.site rect{fill:#f6f8fa;stroke:#555}.opd rect{fill:#fff;stroke:#2d8a4e}",
    ".partner rect{fill:#fff8e6;stroke:#b7791f}.dr rect{fill:#eef7ee;stroke:#2d8a4e}.media rect{fill:#f3eefa;stroke:#6b46c1}",
    "line{stroke-width:1;opacity:.55}.flow-ingress{stroke:#c0392b}.flow-sso{stroke:#2e6fd0;stroke-dasharray:4 3}.flow-partner{stroke:#b7791f}.flow-backup{stroke:#2d8a4e;stroke-width:3}</style>",
    ...lines,
    ...out,
    "</svg>",
  ].join("\n");
}
