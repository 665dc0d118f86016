/**
 * CrossGuard's policy config file (`--policy-pack-config`, `regency check --policy-config`), validated:
 * a typo in a level or a policy name is an error that names the file and the key, never a silent pass
 * (a level "mandatroy" used to leave a blocked stack PASSED).
 */
import { parseJsonText, readTextFile } from "../components/model/json-text";
import { PolicyConfig } from "./engine";
import { LedgerSchema } from "../components/model/drills";
import { EstateSchema } from "./estate";
import { policyNames } from "./rules";

export const LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
/** What each policy accepts in its config beside `enforcementLevel` (its configSchema in the pack). */
export const POLICY_SETTINGS = ["regency", "today", "estate", "drills"] as const;

export class PolicyConfigError extends Error {}

export function parsePolicyConfig(text: string, file: string): PolicyConfig {
  const data = parseJsonText(text, file, (m) => new PolicyConfigError(m));
  if (!data || typeof data !== "object" || Array.isArray(data))
    throw new PolicyConfigError(`${file}: a policy config is a JSON object of policy names`);
  const known = new Set(["all", ...policyNames()]);
  const problems: string[] = [];
  const level = (key: string, v: unknown) => {
    if (!LEVELS.includes(v as (typeof LEVELS)[number]))
      problems.push(`${file}: "${key}": unknown enforcement level ${JSON.stringify(v)} (one of ${LEVELS.join(", ")})`);
  };
  for (const [key, value] of Object.entries(data)) {
    if (!known.has(key)) {
      problems.push(`${file}: "${key}": no such policy in the pack (${[...known].join(", ")})`);
      continue;
    }
    if (typeof value === "string") level(key, value);
    else if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (k === "enforcementLevel") level(`${key}.${k}`, v);
        else if (!(POLICY_SETTINGS as readonly string[]).includes(k))
          problems.push(
            `${file}: "${key}.${k}": not a setting of the policy (enforcementLevel, ${POLICY_SETTINGS.join(", ")})`,
          );
        else if (k === "estate") {
          const parsed = EstateSchema.safeParse(v);
          if (!parsed.success)
            problems.push(
              ...parsed.error.issues.map((i) => `${file}: "${key}.estate.${i.path.join(".")}": ${i.message}`),
            );
        } else if (k === "drills") {
          const parsed = LedgerSchema.safeParse(v);
          if (!parsed.success)
            problems.push(
              ...parsed.error.issues.map((i) => `${file}: "${key}.drills.${i.path.join(".")}": ${i.message}`),
            );
        } else if (typeof v !== "string" || (k === "today" && !/^\d{4}-\d{2}-\d{2}$/.test(v)))
          problems.push(
            `${file}: "${key}.${k}": ${k === "today" ? "YYYY-MM-DD" : "a regency slug"} expected, got ${JSON.stringify(v)}`,
          );
      }
    } else
      problems.push(
        `${file}: "${key}": an enforcement level or an object with enforcementLevel expected, got ${JSON.stringify(value)}`,
      );
  }
  if (problems.length > 0) throw new PolicyConfigError(problems.join("\n"));
  return data as PolicyConfig;
}

export function readPolicyConfig(file: string): PolicyConfig {
  return parsePolicyConfig(
    readTextFile(file, "policy config", (m) => new PolicyConfigError(m)),
    file,
  );
}
