/** A field path inside the spec, e.g. ["opds", 2, "applications", 0, "subdomain"]. */
export type FieldPath = readonly (string | number)[];

/** "opds[2].applications[0].subdomain" */
export function formatPath(path: FieldPath): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s === "" ? p : `.${p}`;
  return s === "" ? "(root)" : s;
}
