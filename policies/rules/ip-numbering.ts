import { cidrWithin, findOverlappingCidrs } from "../../components/model/ipplan";
import { LABEL } from "../../components/model/plan";
import { dockerOf, kind, Rule, Finding } from "../model";

/** Every network the estate uses is a segment the custodian numbered inside its supernet. */
export const ipNumbering: Rule = {
  name: "ip-numbering",
  description: "Networks use only segments the custodian allocated inside its supernet, without overlap.",
  cites: ["ip-numbering"],
  severity: "high",
  enforcement: "mandatory",
  remediation: "Take the segment from the IP plan (`npx regency ipplan`), or pin it under `network` in the stack file.",
  check(ctx) {
    const { supernet, segments } = ctx.regency;
    const planned = new Map(segments.map((s) => [s.name, s.cidr]));
    // A Docker network is one allowed flow numbered inside its segment; an IPPool is the whole segment.
    const used: { urn: string; label: string; cidr?: string; segment: string; whole: boolean }[] = [];
    for (const r of dockerOf(ctx, "docker:index/network:Network")) {
      const segment = (r.obj.labels ?? []).find((l) => l.label === LABEL.segment)?.value ?? "(none)";
      used.push({
        urn: r.urn,
        label: `Docker network ${r.obj.name}`,
        cidr: r.obj.ipamConfigs?.[0]?.subnet,
        segment,
        whole: false,
      });
    }
    for (const r of kind(ctx, "IPPool"))
      used.push({
        urn: r.urn,
        label: `IPPool ${r.obj.metadata?.name}`,
        cidr: r.obj.spec?.cidr,
        segment: r.obj.metadata?.name ?? "(none)",
        whole: true,
      });
    const findings: Finding[] = [];
    for (const u of used) {
      if (u.cidr === undefined || u.cidr === "") {
        findings.push({ urn: u.urn, message: `${u.label} has no subnet from the IP plan` });
        continue;
      }
      if (!cidrWithin(u.cidr, supernet))
        findings.push({ urn: u.urn, message: `${u.label} uses ${u.cidr}, outside the supernet ${supernet}` });
      else {
        const range = planned.get(u.segment);
        if (range === undefined || (u.whole ? range !== u.cidr : !cidrWithin(u.cidr, range)))
          findings.push({
            urn: u.urn,
            message: `${u.label} uses ${u.cidr}; the IP plan gives segment ${u.segment} ${range ?? "no range"}`,
          });
      }
    }
    for (const [a, b] of findOverlappingCidrs(used.flatMap((u) => (u.cidr ? [u.cidr] : [])))) {
      findings.push({ urn: used.find((u) => u.cidr === b)!.urn, message: `${b} overlaps ${a}` });
    }
    // Namespaces say which segment they are: it must be one the plan allocated.
    for (const ns of kind(ctx, "Namespace")) {
      const cidr = ns.obj.metadata?.annotations?.["regency.go.id/segment-cidr"];
      const segment = ns.obj.metadata?.labels?.[LABEL.segment];
      if (cidr && planned.get(segment ?? "") !== cidr)
        findings.push({
          urn: ns.urn,
          message: `namespace ${ns.obj.metadata?.name} claims ${cidr} for segment ${segment}, not in the IP plan`,
        });
    }
    // Containers attach only to the regency's networks.
    for (const c of dockerOf(ctx, "docker:index/container:Container")) {
      for (const n of c.obj.networksAdvanced ?? []) {
        if (typeof n.name === "string" && !n.name.startsWith("regency-"))
          findings.push({
            urn: c.urn,
            message: `container ${c.obj.name} joins network "${n.name}", not a segment of the IP plan`,
          });
      }
    }
    return findings;
  },
};
