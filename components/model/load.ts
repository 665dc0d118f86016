/** Reads a stack file and returns the validated regency model, or throws SpecError with every issue. */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { SpecError, SpecIssue } from "./issues";
import { FieldPath } from "./paths";
import { IpLock, lockFileOf, readIpLock } from "./iplock";
import { RegencyModel, SpecLocation, validateSpec } from "./validate";

/** The config key that holds the spec in a stack file (Pulumi project "regency"). */
export const SPEC_KEY = "regency:spec";
export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const STACKS_DIR = path.join(REPO_ROOT, "stacks");

export const stackFile = (slug: string) => path.join(STACKS_DIR, `Pulumi.${slug}.yaml`);

/** Slugs of the stacks in stacks/ (one file Pulumi.<slug>.yaml each). */
export function stackSlugs(): string[] {
  return fs
    .readdirSync(STACKS_DIR)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** Parses stack-file text; the result keeps YAML positions so issues can say file:line:column. */
export function loadStackText(text: string, source: string, options: { lock?: IpLock; lockFile?: string } = {}): RegencyModel {
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e): SpecIssue => {
      const pos = e.linePos?.[0];
      return {
        path: [],
        id: `YAML tidak sah: ${e.code}`,
        en: `invalid YAML: ${e.message.split("\n")[0]}`,
        ...(pos ? { location: `${source}:${pos.line}:${pos.col}` } : {}),
      };
    });
    throw new SpecError(issues, source);
  }
  const raw: unknown = doc.toJS();
  const spec = (raw as { config?: Record<string, unknown> } | null)?.config?.[SPEC_KEY];
  if (spec === undefined) {
    throw new SpecError([{ path: ["config", SPEC_KEY], id: `kunci config "${SPEC_KEY}" tidak ada`, en: `config key "${SPEC_KEY}" is missing` }], source);
  }
  const locate = (p: FieldPath): SpecLocation | undefined => {
    // The deepest node that exists: a missing field points at its parent.
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(["config", SPEC_KEY, ...p.slice(0, n)], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return { file: source, line, column: col };
      }
    }
    return undefined;
  };
  const result = validateSpec(spec, options);
  if (result.ok) return { ...result.model, locate };
  throw new SpecError(
    result.issues.map((i) => {
      const at = locate(i.path);
      return at ? { ...i, location: `${at.file}:${at.line}:${at.column}` } : i;
    }),
    source,
  );
}

export function loadStackFile(file: string): RegencyModel {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new SpecError([{ path: [], id: `berkas tidak dapat dibaca: ${file}`, en: `cannot read file: ${file}` }], file);
  }
  // The frozen IP allocation beside it, where one was written (iplock.ts).
  const lockFile = lockFileOf(file);
  let lock: IpLock | undefined;
  try {
    lock = readIpLock(lockFile);
  } catch (e) {
    throw new SpecError([{ path: [], id: `kunci rencana IP tidak sah`, en: (e as Error).message }], path.relative(process.cwd(), lockFile));
  }
  return loadStackText(text, path.relative(process.cwd(), file) || file, lock ? { lock, lockFile: path.relative(process.cwd(), lockFile) } : {});
}

export function loadStack(slug: string): RegencyModel {
  const file = stackFile(slug);
  if (!fs.existsSync(file)) {
    const known = stackSlugs().join(", ");
    throw new SpecError([{ path: [], id: `stack "${slug}" tidak ada (tersedia: ${known})`, en: `no stack "${slug}" (available: ${known})` }], file);
  }
  return loadStackFile(file);
}
