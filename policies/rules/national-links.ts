import type { Interconnection } from "../../components/model/spec";
import type { RuleId } from "../../components/model/rules";
import { Rule } from "../model";

/** A rule that the regency declares one kind of national link among its interconnections. */
function nationalLink(
  name: string,
  kind: Interconnection["kind"],
  what: string,
  cites: RuleId,
  description: string,
): Rule {
  return {
    name,
    description,
    cites: [cites],
    severity: "medium",
    enforcement: "mandatory",
    remediation: `Declare the link under \`interconnections\` with \`kind: ${kind}\`: the network and ports assigned to the regency, and the agreement or registration.`,
    check(ctx) {
      if ((ctx.regency.interconnections ?? []).some((i) => i.kind === kind)) return [];
      return [{ urn: ctx.rootUrn, message: `no connection to ${what} is declared among the interconnections` }];
    },
  };
}

/** The regency's computing center is connected to the national data center (Pusat Data nasional). */
export const nationalDataCenter = nationalLink(
  "national-data-center",
  "national-data-center",
  "the national data center (Pusat Data nasional)",
  "national-data-center",
  "The data center is connected to the national data center (Pusat Data nasional), declared as an interconnection the plan numbers and opens.",
);

/** The regency's intra-government network is connected to the national one (Jaringan Intra Pemerintah). */
export const nationalNetwork = nationalLink(
  "national-network",
  "intra-government-network",
  "the national intra-government network (Jaringan Intra Pemerintah)",
  "national-network",
  "The regency's intra-government network is connected to the national one (Jaringan Intra Pemerintah), declared as an interconnection.",
);
