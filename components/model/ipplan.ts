/**
 * The IP plan: numbers every segment of the estate inside the custodian's supernet.
 * Pinned CIDRs are checked; the rest are allocated by a buddy allocator in declaration
 * order, so appending an OPD never renumbers existing ones. Overlap is found by one sort
 * and a sweep: O(n log n), never pairwise. IPv4 only (regency networks are IPv4).
 */
import * as ipaddr from "ipaddr.js";
import { FieldPath, formatPath } from "./paths";

export type SegmentPurpose = "management" | "dmz" | "platform" | "backup" | "interconnect" | "common-apps" | "opd";

export interface SegmentRequest {
  name: string;
  purpose: SegmentPurpose;
  /** OPD slug, for OPD segments. */
  opd?: string;
  /** A pinned CIDR; allocated when absent. */
  cidr?: string;
  /** Wanted size when allocated; grown if `minAddresses` needs more. */
  prefixLength: number;
  /** Host addresses the segment must hold. */
  minAddresses: number;
  /** Spec field path, for errors. */
  path: FieldPath;
  /** The CIDR comes from the stack's IP plan lock, not from the spec. */
  frozen?: boolean;
}

export interface Segment {
  name: string;
  purpose: SegmentPurpose;
  opd?: string;
  cidr: string;
  prefixLength: number;
  /** First usable address, reserved for the gateway. */
  gateway: string;
  /** Host addresses after network, broadcast and gateway. */
  usable: number;
  /** pinned in the spec, frozen by the stack's lock (iplock.ts), or allocated now. */
  source: "pinned" | "frozen" | "allocated";
}

export interface IpRange {
  cidr: string;
  label: string;
  path: FieldPath;
}

export interface IpPlanInput {
  supernet: string;
  supernetPath: FieldPath;
  reserved: IpRange[];
  requests: SegmentRequest[];
  /** Networks outside the estate (interconnection partners) that must not collide with it. */
  external: IpRange[];
}

export interface IpPlanIssue {
  path: FieldPath;
  id: string;
  en: string;
}

export interface IpPlan {
  supernet: string;
  reserved: { cidr: string; purpose: string }[];
  segments: Segment[];
  /** Addresses of the supernet not handed out. */
  freeAddresses: number;
}

interface Block {
  start: number;
  prefix: number;
}
const size = (prefix: number) => 2 ** (32 - prefix);
export const toNum = (a: ipaddr.IPv4) => a.toByteArray().reduce((n, b) => n * 256 + b, 0);
export const toIp = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
export const cidrOf = (b: Block) => `${toIp(b.start)}/${b.prefix}`;

/** Usable host addresses of a block: all but network, broadcast and gateway. */
export const usableAddresses = (prefix: number) => Math.max(0, size(prefix) - 3);

/** The longest prefix (smallest block) that holds `n` hosts. */
export function prefixFor(n: number): number {
  let p = 30;
  while (p > 0 && usableAddresses(p) < n) p--;
  return p;
}

/** Parses an aligned IPv4 CIDR, or returns the reason it is not one. */
export function parseBlock(cidr: string): Block | { error: [string, string] } {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    return { error: [`"${cidr}" bukan CIDR yang sah`, `"${cidr}" is not a valid CIDR`] };
  }
  const [addr, prefix] = parsed;
  if (addr.kind() !== "ipv4") return { error: [`"${cidr}" bukan IPv4`, `"${cidr}" is not IPv4`] };
  const start = toNum(addr as ipaddr.IPv4);
  if (start % size(prefix) !== 0) {
    const net = toIp(start - (start % size(prefix)));
    return {
      error: [
        `"${cidr}" tidak selaras; maksudnya ${net}/${prefix}?`,
        `"${cidr}" is not aligned; did you mean ${net}/${prefix}?`,
      ],
    };
  }
  return { start, prefix };
}

/** Min-heap of block starts: the lowest free address of a size is handed out first. */
class MinHeap {
  private a: number[] = [];
  peek(): number | undefined {
    return this.a[0];
  }
  push(v: number) {
    const a = this.a;
    a.push(v);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): number | undefined {
    const a = this.a;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

interface Interval {
  start: number;
  end: number;
  label: string;
  path: FieldPath;
}

/** Sort-and-sweep overlap detection; reports each overlapping pair with the range seen before it. */
function findOverlaps(intervals: Interval[]): [Interval, Interval][] {
  const sorted = [...intervals].sort((x, y) => x.start - y.start || y.end - x.end);
  const out: [Interval, Interval][] = [];
  let widest: Interval | undefined;
  for (const iv of sorted) {
    if (widest && iv.start <= widest.end) out.push([widest, iv]);
    if (!widest || iv.end > widest.end) widest = iv;
  }
  return out;
}

/** Splits the supernet into the largest free blocks around the taken intervals (sorted, merged). */
function carveFree(root: Block, taken: { start: number; end: number }[], heaps: MinHeap[]) {
  const firstEndingAtOrAfter = (x: number) => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid].end < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const stack: Block[] = [root];
  while (stack.length > 0) {
    const b = stack.pop()!;
    const end = b.start + size(b.prefix) - 1;
    const i = firstEndingAtOrAfter(b.start);
    const t = taken[i];
    if (!t || t.start > end) heaps[b.prefix].push(b.start);
    else if (t.start <= b.start && t.end >= end) continue;
    else if (b.prefix < 32) {
      stack.push(
        { start: b.start + size(b.prefix + 1), prefix: b.prefix + 1 },
        { start: b.start, prefix: b.prefix + 1 },
      );
    }
  }
}

type Issue = (path: FieldPath, id: string, en: string) => void;

export function planIp(input: IpPlanInput): { plan?: IpPlan; issues: IpPlanIssue[] } {
  const issues: IpPlanIssue[] = [];
  const issue: Issue = (path, id, en) => issues.push({ path, id, en });
  const root = privateSupernet(input, issue);
  if (!root) return { issues };
  const { estate, pinned } = occupied(input, root, issue);
  duplicateNames(input, issue);
  overlaps(input, root, estate, issue);
  if (issues.length > 0) return { issues };
  const { segments, used } = allocate(input, root, estate, pinned, issue);
  if (issues.length > 0) return { issues };
  return {
    plan: {
      supernet: input.supernet,
      reserved: input.reserved.map((r) => ({ cidr: r.cidr, purpose: r.label })),
      segments,
      freeAddresses: size(root.prefix) - used,
    },
    issues,
  };
}

const endOf = (b: Block) => b.start + size(b.prefix) - 1;

/** The supernet, if it parses and is private space (RFC 1918): public addresses belong to someone else. */
function privateSupernet(input: IpPlanInput, issue: Issue): Block | undefined {
  const root = parseBlock(input.supernet);
  if ("error" in root) {
    issue(input.supernetPath, ...root.error);
    return undefined;
  }
  const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseBlock(c) as Block);
  if (!PRIVATE.some((p) => root.start >= p.start && endOf(root) <= endOf(p))) {
    issue(
      input.supernetPath,
      `${input.supernet} bukan ruang alamat privat (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)`,
      `${input.supernet} is not private address space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)`,
    );
    return undefined;
  }
  return root;
}

/** Everything that holds addresses in the estate before allocation: reserved ranges and pinned segments. */
function occupied(input: IpPlanInput, root: Block, issue: Issue) {
  const estate: Interval[] = [];
  const pinned = new Map<SegmentRequest, Block>();
  const addRange = (cidr: string, label: string, path: FieldPath): Block | undefined => {
    const b = parseBlock(cidr);
    if ("error" in b) {
      issue(path, ...b.error);
      return undefined;
    }
    if (!(b.start >= root.start && endOf(b) <= endOf(root))) {
      issue(
        path,
        `${cidr} (${label}) di luar supernet ${input.supernet}`,
        `${cidr} (${label}) is outside the supernet ${input.supernet}`,
      );
      return undefined;
    }
    estate.push({ start: b.start, end: endOf(b), label, path });
    return b;
  };
  for (const r of input.reserved) addRange(r.cidr, `reserved: ${r.label}`, r.path);
  for (const req of input.requests) {
    if (req.cidr === undefined) continue;
    const b = addRange(req.cidr, req.name, req.path);
    if (!b) continue;
    pinned.set(req, b);
    if (usableAddresses(b.prefix) < req.minAddresses) {
      issue(
        req.path,
        `${req.cidr} terlalu kecil untuk ${req.name}: perlu ${req.minAddresses} alamat, tersedia ${usableAddresses(b.prefix)} (minimal /${prefixFor(req.minAddresses)})`,
        `${req.cidr} is too small for ${req.name}: needs ${req.minAddresses} addresses, has ${usableAddresses(b.prefix)} (use /${prefixFor(req.minAddresses)} or larger)`,
      );
    }
  }
  return { estate, pinned };
}

function duplicateNames(input: IpPlanInput, issue: Issue): void {
  const sameName = new Map<string, FieldPath>();
  for (const req of input.requests) {
    const before = sameName.get(req.name);
    if (before !== undefined)
      issue(
        req.path,
        `segmen "${req.name}" ganda (juga di ${formatPath(before)})`,
        `duplicate segment "${req.name}" (also at ${formatPath(before)})`,
      );
    else sameName.set(req.name, req.path);
  }
}

/** Ranges of the estate that overlap; partners' networks (outside the estate) that collide with it or each other. */
function overlaps(input: IpPlanInput, root: Block, estate: Interval[], issue: Issue): void {
  // Partners' networks live outside the estate; a collision would make routes ambiguous.
  const outside: Interval[] = [];
  for (const ext of input.external) {
    const b = parseBlock(ext.cidr);
    if ("error" in b) {
      issue(ext.path, ...b.error);
      continue;
    }
    outside.push({ start: b.start, end: endOf(b), label: ext.label, path: ext.path });
  }
  outside.push({ start: root.start, end: endOf(root), label: `supernet ${input.supernet}`, path: input.supernetPath });
  for (const [a, b] of findOverlaps(estate)) {
    issue(
      b.path,
      `${b.label} tumpang tindih dengan ${a.label} (${formatPath(a.path)})`,
      `${b.label} overlaps ${a.label} (${formatPath(a.path)})`,
    );
  }
  for (const [a, b] of findOverlaps(outside)) {
    const ext = a.path === input.supernetPath ? b : a;
    const other = ext === a ? b : a;
    issue(
      ext.path,
      `jaringan mitra ${ext.label} tumpang tindih dengan ${other.label}`,
      `partner network ${ext.label} overlaps ${other.label}`,
    );
  }
}

/** The segments in declaration order: pinned ones where pinned, the rest first-fit from what is free. */
function allocate(
  input: IpPlanInput,
  root: Block,
  estate: Interval[],
  pinned: Map<SegmentRequest, Block>,
  issue: Issue,
): { segments: Segment[]; used: number } {
  const heaps = Array.from({ length: 33 }, () => new MinHeap());
  const merged: { start: number; end: number }[] = [];
  for (const iv of [...estate].sort((x, y) => x.start - y.start)) {
    const last = merged[merged.length - 1];
    if (last && iv.start <= last.end + 1) last.end = Math.max(last.end, iv.end);
    else merged.push({ start: iv.start, end: iv.end });
  }
  carveFree(root, merged, heaps);

  const segments: Segment[] = [];
  // One cause, one issue: a full supernet is reported once, at the first segment that does not fit.
  const unplaced: { req: (typeof input.requests)[number]; want: number }[] = [];
  let used = merged.reduce((n, m) => n + (m.end - m.start + 1), 0);
  for (const req of input.requests) {
    let block = pinned.get(req);
    const source = block ? (req.frozen ? "frozen" : "pinned") : "allocated";
    if (!block) {
      const want = Math.min(req.prefixLength, prefixFor(req.minAddresses));
      // First fit: the lowest free address among blocks big enough, so the plan reads in order.
      let p = -1;
      for (let q = root.prefix; q <= want; q++) {
        const top = heaps[q].peek();
        if (top !== undefined && (p < 0 || top < heaps[p].peek()!)) p = q;
      }
      if (p < 0) {
        unplaced.push({ req, want });
        continue;
      }
      const start = heaps[p].pop()!;
      for (; p < want; p++) heaps[p + 1].push(start + size(p + 1));
      block = { start, prefix: want };
      used += size(want);
    }
    segments.push({
      name: req.name,
      purpose: req.purpose,
      ...(req.opd !== undefined ? { opd: req.opd } : {}),
      cidr: cidrOf(block),
      prefixLength: block.prefix,
      gateway: toIp(block.start + 1),
      usable: usableAddresses(block.prefix),
      source,
    });
  }
  if (unplaced.length > 0) {
    const names = unplaced
      .slice(0, 5)
      .map((u) => `${u.req.name} (/${u.want})`)
      .join(", ");
    const more = unplaced.length > 5 ? unplaced.length - 5 : 0;
    issue(
      unplaced[0].req.path,
      `supernet ${input.supernet} penuh: ${unplaced.length} segmen tidak mendapat blok: ${names}${more ? ` dan ${more} lainnya` : ""}; perbesar supernet atau kurangi segmen`,
      `supernet ${input.supernet} is exhausted: ${unplaced.length} segment${unplaced.length === 1 ? " gets" : "s get"} no block: ${names}${more ? ` and ${more} more` : ""}; widen the supernet or plan fewer segments`,
    );
  }
  return { segments, used };
}

/** Whether two CIDRs share any address (for callers outside the planner, e.g. policies). */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseBlock(a);
  const y = parseBlock(b);
  if ("error" in x || "error" in y) return false;
  return x.start <= y.start + size(y.prefix) - 1 && y.start <= x.start + size(x.prefix) - 1;
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const x = parseBlock(inner);
  const y = parseBlock(outer);
  if ("error" in x || "error" in y) return false;
  return x.start >= y.start && x.start + size(x.prefix) <= y.start + size(y.prefix);
}

/** Every overlapping pair among CIDRs, by the same sort-and-sweep as the planner. */
export function findOverlappingCidrs(cidrs: string[]): [string, string][] {
  const intervals: Interval[] = [];
  for (const c of cidrs) {
    const b = parseBlock(c);
    if (!("error" in b)) intervals.push({ start: b.start, end: b.start + size(b.prefix) - 1, label: c, path: [] });
  }
  return findOverlaps(intervals).map(([a, b]) => [a.label, b.label]);
}
