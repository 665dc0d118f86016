import { hostingsOf, Rule } from "../model";

/** Batang Hari: the LPSE's SOP includes archiving electronic documents (file backup). */
export const lpseArchive: Rule = {
  name: "lpse-archive",
  description: "The LPSE keeps its electronic procurement documents on a backed-up volume.",
  cites: ["lpse"],
  severity: "medium",
  enforcement: "mandatory",
  onlyWhereMandated: true,
  remediation: "Give the LPSE application a volume for its documents; it is then backed up like every volume.",
  check(ctx) {
    return hostingsOf(ctx).flatMap(({ urn, facts }) =>
      facts.applications
        .filter((a) => a.lpse && a.volumes.length === 0)
        .map((a) => ({
          urn,
          message: `LPSE application ${facts.namespace}/${a.id} has no document volume to back up`,
        })),
    );
  },
};
