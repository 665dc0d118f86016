import { cidrWithin, findOverlappingCidrs } from "../../components/model/ipplan";
import { kind, Rule, Finding } from "../model";

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
    const used: { urn: string; label: string; cidr: string; segment: string; whole: boolean }[] = [];
    for (const r of ctx.resources.filter((x) => x.type === "docker:index/network:Network")) {
      const segment =
        (r.props.labels ?? []).find((l: { label: string }) => l.label === "regency.go.id/segment")?.value ?? "(none)";
      used.push({
        urn: r.urn,
        label: `Docker network ${r.props.name}`,
        cidr: r.props.ipamConfigs?.[0]?.subnet,
        segment,
        whole: false,
      });
    }
    for (const r of kind(ctx, "IPPool"))
      used.push({
        urn: r.urn,
        label: `IPPool ${r.props.metadata?.name}`,
        cidr: r.props.spec?.cidr,
        segment: r.props.metadata?.name,
        whole: true,
      });
    const findings: Finding[] = [];
    for (const u of used) {
      if (!u.cidr) {
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
    for (const [a, b] of findOverlappingCidrs(used.filter((u) => u.cidr).map((u) => u.cidr))) {
      findings.push({ urn: used.find((u) => u.cidr === b)!.urn, message: `${b} overlaps ${a}` });
    }
    // Namespaces say which segment they are: it must be one the plan allocated.
    for (const ns of kind(ctx, "Namespace")) {
      const cidr = ns.props.metadata?.annotations?.["regency.go.id/segment-cidr"];
      const segment = ns.props.metadata?.labels?.["regency.go.id/segment"];
      if (cidr && planned.get(segment) !== cidr)
        findings.push({
          urn: ns.urn,
          message: `namespace ${ns.props.metadata?.name} claims ${cidr} for segment ${segment}, not in the IP plan`,
        });
    }
    // Containers attach only to the regency's networks.
    for (const c of ctx.resources.filter((x) => x.type === "docker:index/container:Container")) {
      for (const n of c.props.networksAdvanced ?? []) {
        if (typeof n.name === "string" && !n.name.startsWith("regency-"))
          findings.push({
            urn: c.urn,
            message: `container ${c.props.name} joins network "${n.name}", not a segment of the IP plan`,
          });
      }
    }
    return findings;
  },
};
