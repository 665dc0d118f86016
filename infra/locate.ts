/**
 * Where in the stack file a violation is to be fixed: the spec field behind the resource or the thing
 * its message names (an OPD's application, its database or volume, a site, the domain, the backup
 * policies), located in the file the model was loaded from. Reviewers change the stack file, not the
 * resources the program makes from it.
 */
import { COMMON_APPS_NAMESPACE, databaseOf, namespaceOfOpd } from "../components/model/names";
import { FieldPath } from "../components/model/paths";
import { RegencyModel, SpecLocation } from "../components/model/validate";
import type { Violation } from "../policies/engine";
import { ROOT_TYPE } from "../policies/model";

/** Fields of the spec a rule is about when nothing more precise is named. */
const FIELD_OF_RULE: Record<string, FieldPath> = {
  "official-domain": ["domain", "name"],
  "estate-domain": ["domain", "name"],
  "custodian-data-center": ["sites"],
  "disaster-recovery": ["sites"],
  "ip-numbering": ["network"],
  "backup-coverage": ["backup", "default"],
  "backup-separation": ["backup", "policies"],
  "restore-drills": ["backup", "drills"],
  "bupati-exemption": ["exemptions"],
  "internet-site-control": ["internet"],
  "image-mirror": ["imageMirror"],
  "citation-integrity": ["regency", "regulation"],
  "continuity-plan": ["continuityPlan"],
  "it-audit": ["itAudit"],
  "national-data-center": ["interconnections"],
  "national-network": ["interconnections"],
  "personal-data": ["personalData"],
  "data-location": ["sites"],
};

export interface ViolationLocation extends SpecLocation {
  /** The spec field, e.g. `opds[2].applications[0].database`. */
  path: FieldPath;
}

/** Finds, for each violation of a model, the spec field it comes from. */
export function violationLocator(model: RegencyModel): (v: Pick<Violation, "rule" | "urn" | "message">) => FieldPath {
  const { spec } = model;
  const owners = new Map<string, { base: FieldPath; apps: Map<string, FieldPath> }>();
  /** An owner's applications by name (and their databases and volumes), found under `list` in the spec. */
  const index = (
    ns: string,
    owner: FieldPath,
    list: FieldPath,
    apps: { id: string; database?: unknown; volumes?: { name: string }[] }[],
  ) => {
    const byName = new Map<string, FieldPath>();
    apps.forEach((a, j) => {
      const at = [...list, j];
      byName.set(a.id, at);
      if (a.database) byName.set(databaseOf(a.id), [...at, "database"]);
      (a.volumes ?? []).forEach((v, k) => byName.set(`${a.id}-${v.name}`, [...at, "volumes", k]));
    });
    owners.set(ns, { base: owner, apps: byName });
  };
  spec.opds.forEach((o, i) => index(namespaceOfOpd(o.slug), ["opds", i], ["opds", i, "applications"], o.applications));
  // The common applications have no owner field of their own: their list is the place.
  index(COMMON_APPS_NAMESPACE, ["commonApplications"], ["commonApplications"], spec.commonApplications);
  const sites = new Map(spec.sites.map((s, i) => [s.id, ["sites", i] as FieldPath]));
  return (v) => {
    // A backup kept in the wrong place is fixed in its policy's target, not at each application it copies.
    if (v.rule === "backup-separation") {
      const job = /\bbackup-[a-z0-9-]+/.exec(v.message)?.[0];
      const site = /"([a-z0-9-]+)"/.exec(v.message)?.[1];
      const byJob = job === undefined ? -1 : spec.backup.policies.findIndex((p) => job.endsWith(`-${p.id}`));
      const policy = byJob >= 0 ? byJob : spec.backup.policies.findIndex((p) => p.targetSite === site);
      if (policy >= 0) return ["backup", "policies", policy, "targetSite"];
    }
    // A finding about the regency as a whole is fixed in the field its rule is about.
    if (v.urn.split("::")[2] === ROOT_TYPE && FIELD_OF_RULE[v.rule] && !/\bsite "/.test(v.message))
      return FIELD_OF_RULE[v.rule];
    const name = v.urn.split("::").pop() ?? "";
    // An OPD's namespace and, after it, one of its applications, databases or volumes: what the message
    // names first (the most precise), else the resource's name.
    for (const text of [v.message, name]) {
      for (const m of text.matchAll(/\b([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)/g)) {
        const owner = owners.get(m[1]);
        if (!owner) continue;
        const rest = text.slice(m.index + m[1].length + 1);
        const named = [...owner.apps.keys()].filter((k) => rest.startsWith(k)).sort((a, b) => b.length - a.length)[0];
        return named ? owner.apps.get(named)! : owner.base;
      }
    }
    for (const ns of owners.keys()) if (name === ns || name.startsWith(`${ns}/`)) return owners.get(ns)!.base;
    const site = /\bsite "?([a-z0-9-]+)"?/.exec(v.message)?.[1];
    if (site && sites.has(site)) return sites.get(site)!;
    return FIELD_OF_RULE[v.rule] ?? [];
  };
}

/** The violations with their place in the stack file, where the model came from one. */
export function locateViolations<V extends Pick<Violation, "rule" | "urn" | "message">>(
  model: RegencyModel,
  violations: V[],
): (V & { location?: ViolationLocation })[] {
  if (!model.locate) return violations;
  const pathOf = violationLocator(model);
  return violations.map((v) => {
    const path = pathOf(v);
    const at = model.locate!(path);
    return at ? { ...v, location: { ...at, path } } : v;
  });
}
