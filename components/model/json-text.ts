import * as fs from "fs";
import { parse, ParseError, printParseErrorCode } from "jsonc-parser";

/**
 * Strict JSON with the place of its first mistake: `file:line:column: not valid JSON: …`. jsonc-parser
 * reports an offset for every kind of mistake, where V8's messages sometimes give none and quote the text.
 */
export function parseJsonText(text: string, file: string, fail: (message: string) => Error): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (errors.length === 0) return value;
  const { offset, error } = errors[0];
  const before = text.slice(0, offset).split("\n");
  const what = printParseErrorCode(error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  throw fail(`${file}:${before.length}:${before[before.length - 1].length + 1}: not valid JSON: ${what}`);
}

/** A file's text, or an error of the caller's kind naming the file, what it was to be, and why it cannot be read. */
export function readTextFile(
  file: string,
  what: string,
  fail: (message: string) => Error = (m) => new Error(m),
): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw fail(`${file}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
