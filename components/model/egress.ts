/** Internet egress rules as flows can carry them: only IPv4 CIDR destinations (host names need the custodian's proxy). */
import { CIDR } from "./formats";
import type { RegencySpec } from "./spec";

type EgressRule = RegencySpec["internet"]["egress"][number];

/** The rules that give an OPD egress, each with its CIDR destinations; the custodian's common applications get none. */
export const cidrEgressOf = (rules: EgressRule[], opd: string | undefined) =>
  opd === undefined
    ? []
    : rules
        .filter((r) => r.opds.includes("*") || r.opds.includes(opd))
        .map((rule) => ({ rule, cidrs: rule.to.filter((d) => CIDR.test(d)) }))
        .filter((r) => r.cidrs.length > 0);
