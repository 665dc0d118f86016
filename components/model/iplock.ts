/**
 * The IP plan, frozen: once segments are numbered, the allocation is recorded in a lock beside the stack
 * file (`Pulumi.<slug>.ipplan.lock.json`, committed) and every later plan keeps it — adding, inserting or
 * removing an OPD never moves another agency's addresses. Moving a frozen segment is an explicit act:
 * pin the new CIDR in the stack file and rewrite the lock (`regency ipplan --write-lock`), both in the
 * reviewed diff.
 */
import { parseJsonText } from "./json-text";
import * as fs from "fs";
import { z } from "zod";
import { CIDR } from "./formats";
import type { IpPlan } from "./ipplan";

export const IpLockSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** Segment name → its CIDR, as first allocated. */
  segments: z.record(z.string(), z.string().regex(CIDR)),
});
export type IpLock = z.infer<typeof IpLockSchema>;

export class IpLockError extends Error {}

/** The lock of a stack file: `stacks/Pulumi.<slug>.yaml` → `stacks/Pulumi.<slug>.ipplan.lock.json`. */
export const lockFileOf = (stackFile: string) => stackFile.replace(/\.ya?ml$/, "") + ".ipplan.lock.json";

/** Reads a lock; none (undefined) when the file does not exist. A malformed lock is an error naming the file and field. */
export function readIpLock(file: string): IpLock | undefined {
  if (!fs.existsSync(file)) return undefined;
  const data = parseJsonText(fs.readFileSync(file, "utf8"), file, (m) => new IpLockError(m));
  const parsed = IpLockSchema.safeParse(data);
  if (!parsed.success)
    throw new IpLockError(
      parsed.error.issues.map((i) => `${file}: ${i.path.join(".") || "(file)"}: ${i.message}`).join("\n"),
    );
  return parsed.data;
}

/** The lock that records a plan's allocation (segment names sorted, so its diff is small and stable). */
export function lockOf(plan: IpPlan): IpLock {
  return {
    schemaVersion: 1,
    segments: Object.fromEntries(
      plan.segments.map((s): [string, string] => [s.name, s.cidr]).sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
}

/** What changes between a lock and a plan: segments new to the plan, moved, and freed. */
export function lockDiff(
  lock: IpLock,
  plan: IpPlan,
): { added: string[]; moved: { name: string; from: string; to: string }[]; freed: string[] } {
  const now = new Map(plan.segments.map((s) => [s.name, s.cidr]));
  return {
    added: [...now.keys()].filter((n) => !(n in lock.segments)).sort(),
    moved: Object.entries(lock.segments)
      .filter(([n, c]) => now.has(n) && now.get(n) !== c)
      .map(([name, from]) => ({ name, from, to: now.get(name)! })),
    freed: Object.keys(lock.segments)
      .filter((n) => !now.has(n))
      .sort(),
  };
}
