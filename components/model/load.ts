/** Reads a stack file and returns the validated regency model, or throws SpecError with every issue. */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { SpecError, SpecIssue } from "./issues";
import { FieldPath } from "./paths";
import { IpLock, lockFileOf, readIpLock } from "./iplock";
import { RegencyModel, SpecLocation, validateSpec } from "./validate";
import { PACKAGE_ROOT } from "../root";

/** The config key that holds the spec in a stack file (Pulumi project "regency"). */
export const SPEC_KEY = "regency:spec";
export const REPO_ROOT = PACKAGE_ROOT;
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
export function loadStackText(
  text: string,
  source: string,
  options: { lock?: IpLock; lockFile?: string } = {},
): RegencyModel {
  // Not text at all (UTF-16, an image, an archive): say so, and never echo its bytes back.
  if (text.includes("\u0000") || text.includes("\ufffd")) {
    throw new SpecError(
      [
        {
          path: [],
          id: "bukan berkas teks UTF-8 (UTF-16 atau biner?); simpan sebagai UTF-8",
          en: "not a UTF-8 text file (UTF-16 or binary?); save it as UTF-8",
        },
      ],
      source,
    );
  }
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const seen = new Set<string>();
    const issues = doc.errors
      .map((e): SpecIssue => {
        const several = e.code === "MULTIPLE_DOCS";
        // An unclosed quote runs to the end of the file, where the parser notices; the mistake is where it opens.
        const opened = e.code === "MISSING_CHAR" ? quoteOpenedAt(text, e.pos[0]) : undefined;
        const pos = opened !== undefined ? lineCounter.linePos(opened) : e.linePos?.[0];
        return {
          path: [],
          id: several
            ? "berkas stack berisi satu dokumen YAML; berkas ini berisi beberapa (pemisah `---`)"
            : opened !== undefined
              ? "tanda petik dibuka di sini dan tidak pernah ditutup"
              : `YAML tidak sah: ${e.code}`,
          en: several
            ? "a stack file holds one YAML document; this one has several (a `---` separator)"
            : opened !== undefined
              ? "a quote opened here is never closed"
              : `invalid YAML: ${e.message.split("\n")[0]}`,
          ...(pos ? { location: `${source}:${pos.line}:${pos.col}` } : {}),
        };
      })
      // One mistake, one message: the parser can report the same thing twice at one place.
      .filter((i) => !seen.has(`${i.location}|${i.en}`) && seen.add(`${i.location}|${i.en}`) !== undefined);
    throw new SpecError(issues, source);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // e.g. an alias bomb: YAML aliases that would expand beyond any real stack file.
    throw new SpecError(
      [
        {
          path: [],
          id: `YAML tidak dapat dibaca: ${(e as Error).message}`,
          en: `YAML that cannot be read: ${(e as Error).message}`,
        },
      ],
      source,
    );
  }
  const spec = (raw as { config?: Record<string, unknown> } | null)?.config?.[SPEC_KEY];
  if (spec === undefined) {
    throw new SpecError(
      [
        {
          path: ["config", SPEC_KEY],
          id: `kunci config "${SPEC_KEY}" tidak ada`,
          en: `config key "${SPEC_KEY}" is missing`,
        },
      ],
      source,
    );
  }
  const locate = (p: FieldPath): SpecLocation | undefined => {
    // The deepest node that exists: a missing field points at its parent.
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(["config", SPEC_KEY, ...p.slice(0, n)], true) as
        { range?: [number, number, number] } | undefined;
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

/** Where the quoted scalar that runs unclosed up to `end` opens (the parser's CST), if one does. */
function quoteOpenedAt(text: string, end: number): number | undefined {
  const find = (node: unknown): number | undefined => {
    if (!node || typeof node !== "object") return undefined;
    const t = node as { type?: string; offset?: number; source?: string };
    if (
      (t.type === "double-quoted-scalar" || t.type === "single-quoted-scalar") &&
      t.offset !== undefined &&
      t.offset + (t.source ?? "").length === end
    )
      return t.offset;
    for (const child of Object.values(node)) {
      const found = find(child);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (const token of new YAML.Parser().parse(text)) {
    const found = find(token);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function loadStackFile(file: string): RegencyModel {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new SpecError(
      [{ path: [], id: `berkas tidak dapat dibaca: ${file}`, en: `cannot read file: ${file}` }],
      file,
    );
  }
  // The frozen IP allocation beside it, where one was written (iplock.ts).
  const lockFile = lockFileOf(file);
  let lock: IpLock | undefined;
  try {
    lock = readIpLock(lockFile);
  } catch (e) {
    throw new SpecError(
      [{ path: [], id: `kunci rencana IP tidak sah`, en: (e as Error).message }],
      path.relative(process.cwd(), lockFile),
    );
  }
  return loadStackText(
    text,
    path.relative(process.cwd(), file) || file,
    lock ? { lock, lockFile: path.relative(process.cwd(), lockFile) } : {},
  );
}

export function loadStack(slug: string): RegencyModel {
  const file = stackFile(slug);
  if (!fs.existsSync(file)) {
    const known = stackSlugs().join(", ");
    throw new SpecError(
      [
        {
          path: [],
          id: `stack "${slug}" tidak ada (tersedia: ${known})`,
          en: `no stack "${slug}" (available: ${known})`,
        },
      ],
      file,
    );
  }
  return loadStackFile(file);
}
