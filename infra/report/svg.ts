/**
 * The network picture, laid out here (no library, nothing fetched to view it): the DMZ and the SSO on
 * top; the data center with one box per OPD segment; partners on the right; the DR site, portable media
 * and any OPD server room kept under an exemption below. Every label is wrapped to fit its box (the full
 * text on hover) in Indonesian and English (the page's toggle shows one). Flows are drawn last and run
 * only through the gutters between boxes, so no box hides a line and no line crosses a label.
 */
import { ReportData } from "./data";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Width budget per character at 12 px (generous for DejaVu/Liberation Sans, so measured text fits). */
const CHAR = 7.3;
const CHAR_BOLD = 8.0;
const LINE = 16;
const PAD = 10;
const GAP = 32;

/** One line of a box in both languages (`en` omitted: the same in both, e.g. an address). */
interface Row {
  id: string;
  en?: string;
  bold?: boolean;
}

/** Words into lines of at most `width` pixels; a word longer than a line is cut into pieces. */
function wrap(text: string, width: number, bold = false): string[] {
  const max = Math.max(4, Math.floor(width / (bold ? CHAR_BOLD : CHAR)));
  const lines: string[] = [];
  let cur = "";
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > max) {
      if (cur) lines.push(cur);
      cur = "";
      lines.push(word.slice(0, max));
      word = word.slice(max);
    }
    if (!cur) cur = word;
    else if (cur.length + 1 + word.length <= max) cur += ` ${word}`;
    else {
      lines.push(cur);
      cur = word;
    }
  }
  if (cur) lines.push(cur);
  return lines.length ? lines : [""];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

class Picture {
  readonly boxes: string[] = [];
  readonly flows: string[] = [];

  /** The height a box of width `w` needs for its rows. */
  static heightOf(rows: Row[], w: number): number {
    return (
      PAD * 2 +
      rows.reduce(
        (n, r) => n + Math.max(wrap(r.id, w - PAD * 2, r.bold).length, wrap(r.en ?? r.id, w - PAD * 2, r.bold).length),
        0,
      ) *
        LINE
    );
  }

  box(b: Box, cls: string, rows: Row[], id?: string, filled = true): void {
    const full = rows.map((r) => r.id).join(" · ");
    const out = [
      `<g class="box ${cls}"${id ? ` id="${esc(id)}"` : ""}><title>${esc(full)}</title><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="8"${filled ? "" : ' class="frame"'}/>`,
    ];
    let line = 0;
    for (const r of rows) {
      const langs: [string | undefined, string][] =
        r.en === undefined || r.en === r.id
          ? [[undefined, r.id]]
          : [
              ["id", r.id],
              ["en", r.en],
            ];
      let used = 0;
      for (const [lang, text] of langs) {
        const lines = wrap(text, b.w - PAD * 2, r.bold);
        lines.forEach((l, i) =>
          out.push(
            `<text x="${b.x + PAD}" y="${b.y + PAD + 12 + (line + i) * LINE}"${lang ? ` lang="${lang}"` : ""}${r.bold ? ' class="title"' : ""}>${esc(l)}</text>`,
          ),
        );
        used = Math.max(used, lines.length);
      }
      line += used;
    }
    out.push("</g>");
    this.boxes.push(out.join(""));
  }

  /** An orthogonal flow through the given points (drawn above every box). */
  flow(cls: string, points: [number, number][], from: string, to: string, what: string): void {
    this.flows.push(
      `<polyline class="flow ${cls}" data-from="${esc(from)}" data-to="${esc(to)}" points="${points.map(([x, y]) => `${x},${y}`).join(" ")}"><title>${esc(what)}</title></polyline>`,
    );
  }
}

/** The element id of a tenant's box, which flows name as their ends. */
const opdId = (t: { opd?: string }) => `opd-${t.opd ?? "custodian"}`;

export function networkSvg(d: ReportData): string {
  const { plan, model } = d;
  const spec = model.spec;
  const pic = new Picture();
  const tenants = plan.tenants;
  const cols = tenants.length > 24 ? 4 : 3;
  const boxW = 270;
  const dcX = 40;
  const seg = (name: string) => model.ipPlan.segments.find((s) => s.name === name)?.cidr ?? "";

  // Top row: the DMZ (what the internet reaches) and the single sign-on.
  const topW = 330;
  const dmzRows: Row[] = [
    { id: "Internet · DMZ (gerbang masuk)", en: "Internet · DMZ (ingress)", bold: true },
    { id: seg("dmz") },
    { id: spec.domain.name },
  ];
  const ssoRows: Row[] = [
    { id: "Single sign-on (Keycloak)", bold: true },
    { id: plan.sso.hostname },
    { id: seg("platform") },
  ];
  const topH = Math.max(Picture.heightOf(dmzRows, topW), Picture.heightOf(ssoRows, topW));
  const dmz: Box = { x: dcX, y: 20, w: topW, h: topH };
  const sso: Box = { x: dcX + topW + 60, y: 20, w: topW, h: topH };
  pic.box(dmz, "dmz", dmzRows, "dmz");
  pic.box(sso, "platform", ssoRows, "sso");

  // The data center: its title, then a grid of OPD boxes with gutters of GAP all round.
  const dcW = cols * boxW + (cols + 1) * GAP;
  const dcRows: Row[] = [
    { id: `${plan.primary.name} — ${plan.primary.location}`, bold: true },
    {
      id: `${spec.custodian.name} · ${model.ipPlan.supernet}`,
      en: `custodian: ${spec.custodian.name} · ${model.ipPlan.supernet}`,
    },
  ];
  const dcY = dmz.y + topH + 70;
  const titleH = Picture.heightOf(dcRows, dcW);
  const opdRows = tenants.map((t): Row[] => {
    const dbs = t.apps.filter((a) => a.database).length;
    return [
      { id: t.displayName, bold: true },
      { id: t.segment.cidr },
      { id: `${t.apps.length} aplikasi, ${dbs} basis data`, en: `${t.apps.length} application(s), ${dbs} database(s)` },
      { id: t.apps.map((a) => a.id).join(", ") },
    ];
  });
  const rowsOfGrid = Math.ceil(tenants.length / cols);
  const rowH = Array.from({ length: rowsOfGrid }, (_, r) =>
    Math.max(...opdRows.slice(r * cols, r * cols + cols).map((rows) => Picture.heightOf(rows, boxW))),
  );
  const gridTop = dcY + titleH + GAP;
  const rowY = rowH.map((_, r) => gridTop + rowH.slice(0, r).reduce((a, b) => a + b + GAP, 0));
  const dcH = titleH + GAP + rowH.reduce((a, b) => a + b + GAP, 0);
  const dc: Box = { x: dcX, y: dcY, w: dcW, h: dcH };
  pic.box(dc, "site container", dcRows, `site-${plan.primary.id}`);
  const boxOf = new Map<string, Box>();
  tenants.forEach((t, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const b = { x: dcX + GAP + c * (boxW + GAP), y: rowY[r], w: boxW, h: rowH[r] };
    boxOf.set(t.namespace, b);
    pic.box(b, "opd", opdRows[i], opdId(t));
  });

  // Partners on the right of the data center, beyond a free corridor.
  const corridor = dcX + dcW + 30;
  const partnerX = dcX + dcW + 90;
  const partnerW = 280;
  let py = dcY;
  const partnerBoxes = spec.interconnections.map((c) => {
    const rows: Row[] = [
      { id: c.party, bold: true },
      { id: `${c.remote.cidr} : ${c.remote.ports.join(", ")}` },
      ...(c.agreement ? [{ id: c.agreement }] : []),
    ];
    const b = { x: partnerX, y: py, w: partnerW, h: Picture.heightOf(rows, partnerW) };
    py += b.h + 24;
    pic.box(b, "partner", rows, `partner-${c.id}`);
    return { c, b };
  });

  // Below: the DR site, portable media, and the OPD server rooms that still run systems.
  const below = plan.sites.filter((s) => s !== plan.primary && s.kind !== "primary");
  const belowY = Math.max(dcY + dcH, py) + 80;
  let bx = dcX;
  let belowH = 0;
  const siteBoxes = below.map((s) => {
    const kind =
      s.kind === "recovery"
        ? { id: "Pusat pemulihan data", en: "Disaster-recovery center" }
        : s.kind === "portable-media"
          ? { id: "Media portabel", en: "Portable media" }
          : { id: "Ruang server OPD (belum dikonsolidasikan)", en: "OPD server room (not consolidated)" };
    const systems = plan.unconsolidated.filter((u) => u.site.id === s.id);
    const exempt = systems.map((u) => {
      const e = spec.exemptions.find(
        (x) => x.scope.opd === u.opd && (x.scope.application === undefined || x.scope.application === u.application),
      );
      return e
        ? {
            id: `${u.application}: dikecualikan ${e.decree.number}, s.d. ${e.expires}`,
            en: `${u.application}: exempted by ${e.decree.number} until ${e.expires}`,
          }
        : { id: `${u.application}: tanpa pengecualian`, en: `${u.application}: no exemption` };
    });
    const rows: Row[] = [{ ...kind, bold: true }, { id: s.name }, { id: s.location }, ...exempt];
    const w = 300;
    const b = { x: bx, y: belowY, w, h: Picture.heightOf(rows, w) };
    bx += w + 40;
    belowH = Math.max(belowH, b.h);
    pic.box(
      b,
      s.kind === "recovery" ? "dr" : s.kind === "portable-media" ? "media" : "opdserver",
      rows,
      `site-${s.id}`,
    );
    return { s, b, systems };
  });

  // Flows, through the gutters. Ingress: DMZ → down → along the gutter above the grid → down the
  // gutter left of the OPD's column → into its left side. SSO the same, a few pixels apart.
  const busIn = gridTop - GAP / 2 - 5;
  const busSso = gridTop - GAP / 2 + 5;
  const dmzX = dmz.x + dmz.w / 2;
  const ssoX = sso.x + sso.w / 2;
  tenants.forEach((t) => {
    const b = boxOf.get(t.namespace)!;
    const published = t.apps.filter((a) => a.public).length;
    if (published > 0)
      pic.flow(
        "flow-ingress",
        [
          [dmzX, dmz.y + dmz.h],
          [dmzX, busIn],
          [b.x - GAP / 2 - 5, busIn],
          [b.x - GAP / 2 - 5, b.y + 14],
          [b.x, b.y + 14],
        ],
        "dmz",
        opdId(t),
        `internet → ${t.displayName}`,
      );
    pic.flow(
      "flow-sso",
      [
        [ssoX, sso.y + sso.h],
        [ssoX, busSso],
        [b.x - GAP / 2 + 5, busSso],
        [b.x - GAP / 2 + 5, b.y + 26],
        [b.x, b.y + 26],
      ],
      opdId(t),
      "sso",
      `${t.displayName} → SSO`,
    );
  });
  // Partners: out of the OPD's right side, down its right gutter to the gutter below its row, along it
  // to the corridor right of the data center, then across to the partner.
  partnerBoxes.forEach(({ c, b: pb }, k) => {
    for (const t of tenants.filter((x) => x.apps.some((a) => a.interconnects.some((ic) => ic.id === c.id)))) {
      const b = boxOf.get(t.namespace)!;
      const gx = b.x + b.w + GAP / 2 - 6 + (k % 4) * 4;
      const gy = b.y + b.h + GAP / 2 - 6 + (k % 4) * 4;
      const cx = corridor + (k % 6) * 6;
      const ty = pb.y + pb.h / 2;
      pic.flow(
        "flow-partner",
        [
          [b.x + b.w, b.y + b.h - 12],
          [gx, b.y + b.h - 12],
          [gx, gy],
          [cx, gy],
          [cx, ty],
          [pb.x, ty],
        ],
        opdId(t),
        `partner-${c.id}`,
        `${t.displayName} → ${c.party}`,
      );
    }
  });
  // Backups: from the data center's bottom edge down to each site that keeps copies.
  const midY = belowY - 44;
  siteBoxes.forEach(({ s, b }, k) => {
    const cx = b.x + b.w / 2;
    if (plan.backupJobs.some((j) => j.targetSite === s.id)) {
      const sx = Math.min(Math.max(cx, dc.x + 20), dc.x + dc.w - 20) + k * 6;
      pic.flow(
        "flow-backup",
        [
          [sx, dc.y + dc.h],
          [sx, midY + k * 6],
          [cx, midY + k * 6],
          [cx, b.y],
        ],
        `site-${plan.primary.id}`,
        `site-${s.id}`,
        `backup → ${s.name}`,
      );
    }
  });
  // An OPD server room's systems sign in through the SSO too: from the SSO's right side, down the corridor.
  siteBoxes
    .filter((x) => x.systems.length > 0)
    .forEach(({ s, b }, k) => {
      const cx = corridor - 12 - k * 5;
      const lane = belowY - 20 - k * 5;
      pic.flow(
        "flow-sso",
        [
          [sso.x + sso.w, sso.y + sso.h / 2],
          [cx + 0, sso.y + sso.h / 2],
          [cx, lane],
          [b.x + b.w / 2 + 10, lane],
          [b.x + b.w / 2 + 10, b.y],
        ],
        `site-${s.id}`,
        "sso",
        `${s.name} → SSO`,
      );
    });

  // And reach their partners: along the lane below the data center, up the corridor, across.
  siteBoxes.forEach(({ s, b, systems }, k) => {
    const partnersOf = new Set(
      systems.flatMap((u) => model.applications.find((h) => h.app.id === u.application)?.app.interconnects ?? []),
    );
    partnerBoxes
      .filter(({ c }) => partnersOf.has(c.id))
      .forEach(({ c, b: pb }, j) => {
        const lane = belowY - 28 - k * 5 - j * 3;
        const cx = corridor + 40 + j * 4;
        const ty = pb.y + pb.h / 2 + 8;
        pic.flow(
          "flow-partner",
          [
            [b.x + b.w / 2 - 10, b.y],
            [b.x + b.w / 2 - 10, lane],
            [cx, lane],
            [cx, ty],
            [pb.x, ty],
          ],
          `site-${s.id}`,
          `partner-${c.id}`,
          `${s.name} → ${c.party}`,
        );
      });
  });

  // The legend, top right.
  const legendX = partnerX;
  const legend = [
    ["flow-ingress", { id: "akses dari internet", en: "access from the internet" }],
    ["flow-sso", { id: "masuk lewat SSO", en: "sign-in through SSO" }],
    ["flow-partner", { id: "jaringan mitra", en: "partner network" }],
    ["flow-backup", { id: "salinan backup", en: "backup copies" }],
  ] as const;
  const legendSvg = legend.map(([cls, words], i) => {
    const y = 30 + i * 20;
    return `<g class="legend"><line class="flow ${cls}" x1="${legendX}" y1="${y}" x2="${legendX + 40}" y2="${y}"/><text x="${legendX + 50}" y="${y + 4}" lang="id">${esc(words.id)}</text><text x="${legendX + 50}" y="${y + 4}" lang="en">${esc(words.en)}</text></g>`;
  });

  const width = Math.max(partnerX + partnerW, bx) + 40;
  const height = belowY + belowH + 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Peta jaringan ${esc(spec.regency.name)}">`,
    "<style>svg.network rect{stroke-width:1.5}svg.network text{font:12px 'DejaVu Sans',sans-serif;fill:#1b1b1b}svg.network .title{font-weight:bold}",
    "svg.network [lang=en]{display:none}body[data-lang=en] svg.network [lang=en]{display:inline}body[data-lang=en] svg.network [lang=id]{display:none}",
    "svg.network .dmz rect{fill:#fdecea;stroke:#c0392b}svg.network .platform rect{fill:#eaf2fd;stroke:#2e6fd0}svg.network .site rect{fill:#f6f8fa;stroke:#555}svg.network .opd rect{fill:#fff;stroke:#2d8a4e}",
    "svg.network .partner rect{fill:#fff8e6;stroke:#b7791f}svg.network .dr rect{fill:#eef7ee;stroke:#2d8a4e}svg.network .media rect{fill:#f3eefa;stroke:#6b46c1}svg.network .opdserver rect{fill:#fff1f0;stroke:#b42318;stroke-dasharray:6 3}",
    "svg.network .flow{fill:none;stroke-width:2}svg.network .flow-ingress{stroke:#c0392b}svg.network .flow-sso{stroke:#2e6fd0;stroke-dasharray:5 3}svg.network .flow-partner{stroke:#b7791f}svg.network .flow-backup{stroke:#2d8a4e;stroke-width:3}</style>",
    ...pic.boxes,
    ...legendSvg,
    ...pic.flows,
    "</svg>",
  ].join("\n");
}
