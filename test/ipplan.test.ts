import fc from "fast-check";
import {
  cidrsOverlap,
  IpPlanInput,
  parseBlock,
  planIp,
  prefixFor,
  SegmentRequest,
  usableAddresses,
} from "../components/model/ipplan";

const toNum = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
const range = (cidr: string) => {
  const [ip, p] = cidr.split("/");
  const start = toNum(ip);
  return { start, end: start + 2 ** (32 - Number(p)) - 1 };
};
const req = (name: string, prefixLength = 24, extra: Partial<SegmentRequest> = {}): SegmentRequest => ({
  name,
  purpose: "opd",
  prefixLength,
  minAddresses: 1,
  path: ["opds", name],
  ...extra,
});
const input = (requests: SegmentRequest[], extra: Partial<IpPlanInput> = {}): IpPlanInput => ({
  supernet: "10.20.0.0/16",
  supernetPath: ["network", "supernet"],
  reserved: [],
  requests,
  external: [],
  ...extra,
});

describe("IP plan", () => {
  it("numbers segments in declaration order from the lowest free address", () => {
    const { plan, issues } = planIp(input([req("a"), req("b", 25), req("c", 25), req("d")]));
    expect(issues).toEqual([]);
    expect(plan!.segments.map((s) => s.cidr)).toEqual([
      "10.20.0.0/24",
      "10.20.1.0/25",
      "10.20.1.128/25",
      "10.20.2.0/24",
    ]);
    expect(plan!.segments[0]).toMatchObject({ gateway: "10.20.0.1", usable: 253, source: "allocated" });
    expect(plan!.freeAddresses).toBe(65536 - 3 * 256);
  });

  it("keeps pinned CIDRs and reserved ranges out of the allocation", () => {
    const { plan, issues } = planIp(
      input([req("a"), req("pinned", 24, { cidr: "10.20.1.0/24" }), req("b")], {
        reserved: [{ cidr: "10.20.0.0/24", label: "router", path: ["network", "reserved", 0] }],
      }),
    );
    expect(issues).toEqual([]);
    expect(plan!.segments.map((s) => [s.name, s.cidr, s.source])).toEqual([
      ["a", "10.20.2.0/24", "allocated"],
      ["pinned", "10.20.1.0/24", "pinned"],
      ["b", "10.20.3.0/24", "allocated"],
    ]);
  });

  it("grows a segment to hold what is declared", () => {
    const { plan } = planIp(input([req("big", 24, { minAddresses: 600 })]));
    expect(plan!.segments[0].cidr).toBe("10.20.0.0/22");
    expect(prefixFor(253)).toBe(24);
    expect(prefixFor(254)).toBe(23);
    expect(usableAddresses(24)).toBe(253);
  });

  it("refuses a pinned CIDR too small for what is declared", () => {
    const { issues } = planIp(input([req("a", 24, { cidr: "10.20.0.0/28", minAddresses: 40 })]));
    expect(issues).toHaveLength(1);
    expect(issues[0].en).toMatch(/too small for a: needs 40 addresses, has 13 \(use \/26/);
  });

  it("reports overlaps between pinned segments and reserved ranges, naming both", () => {
    const { issues, plan } = planIp(
      input([req("a", 24, { cidr: "10.20.1.0/24" }), req("b", 24, { cidr: "10.20.0.0/23" })], {
        reserved: [{ cidr: "10.20.1.128/25", label: "links", path: ["network", "reserved", 0] }],
      }),
    );
    expect(plan).toBeUndefined();
    expect(issues.map((i) => i.en)).toEqual(["a overlaps b (opds.b)", "reserved: links overlaps b (opds.b)"]);
  });

  it("refuses ranges outside the supernet, misaligned or not IPv4", () => {
    const { issues } = planIp(
      input([
        req("out", 24, { cidr: "10.21.0.0/24" }),
        req("skew", 24, { cidr: "10.20.0.5/24" }),
        req("v6", 64, { cidr: "fd00::/64" }),
      ]),
    );
    expect(issues.map((i) => i.en)).toEqual([
      "10.21.0.0/24 (out) is outside the supernet 10.20.0.0/16",
      '"10.20.0.5/24" is not aligned; did you mean 10.20.0.0/24?',
      '"fd00::/64" is not IPv4',
    ]);
    expect(planIp(input([], { supernet: "10.20.0.0/33" })).issues[0].en).toMatch(/not a valid CIDR/);
  });

  it("reports an exhausted supernet once, at the first segment that does not fit", () => {
    const { issues } = planIp(input([req("a", 17), req("b", 17), req("c", 24)]));
    expect(issues.map((i) => i.en)).toEqual([
      "supernet 10.20.0.0/16 is exhausted: 1 segment gets no block: c (/24); widen the supernet or plan fewer segments",
    ]);
    const many = planIp(input([req("a", 17), req("b", 17), ...Array.from({ length: 8 }, (_, i) => req(`s${i}`, 24))]));
    expect(many.issues.map((i) => [i.path, i.en])).toEqual([
      [
        req("s0", 24).path,
        "supernet 10.20.0.0/16 is exhausted: 8 segments get no block: s0 (/24), s1 (/24), s2 (/24), s3 (/24), s4 (/24) and 3 more; widen the supernet or plan fewer segments",
      ],
    ]);
  });

  it("refuses a partner network that collides with the estate", () => {
    const { issues } = planIp(
      input([req("a")], {
        external: [
          { cidr: "172.20.0.0/28", label: "BPJS", path: ["interconnections", 0] },
          { cidr: "10.20.9.0/24", label: "Bank", path: ["interconnections", 1] },
        ],
      }),
    );
    expect(issues.map((i) => [i.path, i.en])).toEqual([
      [["interconnections", 1], "partner network Bank overlaps supernet 10.20.0.0/16"],
    ]);
  });

  it("reports duplicate segment names", () => {
    expect(planIp(input([req("a"), req("a")])).issues[0].en).toBe('duplicate segment "a" (also at opds.a)');
  });

  const requestsArb = fc.array(
    fc.record({ prefixLength: fc.integer({ min: 20, max: 29 }), minAddresses: fc.integer({ min: 1, max: 300 }) }),
    { maxLength: 60 },
  );
  const reservedArb = fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 8 });

  it("property: allocations stay inside the supernet, hold what is declared and never overlap each other or reserved ranges", () => {
    fc.assert(
      fc.property(requestsArb, reservedArb, (reqs, reservedThirdOctets) => {
        const reserved = reservedThirdOctets.map((o, i) => ({
          cidr: `10.20.${o}.0/24`,
          label: `r${i}`,
          path: ["r", i],
        }));
        const { plan, issues } = planIp(
          input(
            reqs.map((r, i) => req(`s${i}`, r.prefixLength, r)),
            { reserved },
          ),
        );
        if (!plan) {
          // Only running out of space may stop the plan.
          expect(issues.every((i) => i.en.includes("exhausted"))).toBe(true);
          return;
        }
        const sup = range("10.20.0.0/16");
        const all = [...plan.segments.map((s) => range(s.cidr)), ...reserved.map((r) => range(r.cidr))].sort(
          (a, b) => a.start - b.start,
        );
        for (let i = 0; i < all.length; i++) {
          expect(all[i].start).toBeGreaterThanOrEqual(sup.start);
          expect(all[i].end).toBeLessThanOrEqual(sup.end);
          if (i > 0) expect(all[i].start).toBeGreaterThan(all[i - 1].end);
        }
        plan.segments.forEach((s, i) => {
          expect(s.usable).toBeGreaterThanOrEqual(reqs[i].minAddresses);
          expect(range(s.cidr).start % 2 ** (32 - s.prefixLength)).toBe(0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("property: deterministic, and appending a segment never renumbers the ones before it", () => {
    fc.assert(
      fc.property(requestsArb, fc.integer({ min: 20, max: 29 }), (reqs, extra) => {
        const base = reqs.map((r, i) => req(`s${i}`, r.prefixLength, r));
        const a = planIp(input(base));
        const b = planIp(input(base));
        expect(b).toEqual(a);
        const grown = planIp(input([...base, req("new", extra)]));
        if (a.plan && grown.plan) expect(grown.plan.segments.slice(0, base.length)).toEqual(a.plan.segments);
      }),
      { numRuns: 200 },
    );
  });

  it("property: the sweep finds an overlap exactly when a pairwise check does", () => {
    const pinnedArb = fc.array(
      fc.record({ third: fc.integer({ min: 0, max: 15 }), prefix: fc.integer({ min: 22, max: 26 }) }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(pinnedArb, (pins) => {
        const cidrs = pins.map(({ third, prefix }) => {
          const size = 2 ** (32 - prefix);
          const start = Math.floor((third * 256) / size) * size;
          return `10.20.${Math.floor(start / 256)}.${start % 256}/${prefix}`;
        });
        const { issues } = planIp(input(cidrs.map((c, i) => req(`p${i}`, 24, { cidr: c }))));
        const pairwise = cidrs.some((x, i) => cidrs.some((y, j) => i < j && cidrsOverlap(x, y)));
        expect(issues.some((i) => i.en.includes("overlaps"))).toBe(pairwise);
      }),
      { numRuns: 300 },
    );
  });

  it("parses aligned blocks only", () => {
    expect(parseBlock("192.168.4.0/22")).toEqual({ start: toNum("192.168.4.0"), prefix: 22 });
    expect(parseBlock("192.168.5.0/22")).toHaveProperty("error");
  });
});
