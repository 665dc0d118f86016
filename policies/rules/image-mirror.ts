import { WORKLOAD_KINDS } from "../../components/model/plan";
import { Finding, kind, plannedNamespaces, podSpecOf, Rule } from "../model";

/** With `imageMirror` set, every workload of the plan's namespaces pulls through the mirror (the clusters' admission policies refuse the rest too). */
export const imageMirror: Rule = {
  name: "image-mirror",
  description:
    "Where the custodian runs a registry mirror (`imageMirror`), every container image of the regency's namespaces comes from it.",
  // No regulation names a registry: the custodian's means to the security it answers for, never blocking.
  cites: ["security"],
  severity: "medium",
  enforcement: "advisory",
  remediation:
    "Pull the image through the mirror: `<imageMirror>/<repository>:<tag>` (the plan writes every image so).",
  check(ctx) {
    const mirror = ctx.regency.imageMirror;
    if (!mirror) return [];
    const prefix = `${mirror.replace(/\/$/, "")}/`;
    const planned = plannedNamespaces(ctx);
    const findings: Finding[] = [];
    for (const k of WORKLOAD_KINDS) {
      for (const w of kind(ctx, k)) {
        const ns = w.obj.metadata?.namespace ?? "default";
        if (!planned.has(ns)) continue;
        const pod = podSpecOf(w.obj);
        const outside = [...(pod.containers ?? []), ...(pod.initContainers ?? [])]
          .map((c: { image?: string }) => c.image)
          .filter((i): i is string => typeof i === "string" && !i.startsWith(prefix));
        if (outside.length > 0)
          findings.push({
            urn: w.urn,
            message: `${k} ${ns}/${w.obj.metadata?.name} pulls ${outside.join(", ")}, not from the mirror ${prefix}`,
          });
      }
    }
    return findings;
  },
};
