/** `regency check`, run: loaded only when the command runs, so the CLI starts without the policy pack. */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import { packagePath } from "../../components/root";
import { readPolicyConfig } from "../../policies/config";
import { SpecError } from "../../components/model/issues";
import {
  baselineOf,
  invalidGithub,
  invalidJson,
  invalidMarkdown,
  invalidSarif,
  toGithub,
  toJson,
  toMarkdown,
  toSarif,
  toText,
} from "../../policies/report";
import { checkDay, selectModel } from "./select";
import { loadStack, stackFile, stackSlugs } from "../../components/model/load";
import type { PolicyConfig } from "../../policies/engine";
import { parseJsonText, readTextFile } from "../../components/model/json-text";

/** The base branch's JSON report, as the fingerprints of its violations. */
function readBaseline(file: string): Set<string> {
  const text = readTextFile(file, "baseline report");
  return baselineOf(parseJsonText(text, file, (m) => new Error(m)));
}

export type Format = "text" | "markdown" | "json" | "github" | "sarif";
export interface CheckOptions {
  stack?: string;
  file?: string;
  all?: boolean;
  format: Format;
  platform?: "kubernetes" | "docker";
  today?: string;
  policyConfig?: string;
  baseline?: string;
  out?: string;
  /** Processes checking the stack files side by side (default 1: all in this process). */
  jobs?: string;
  /** (internal) Run as one of those processes: print each stack's result as JSON. */
  worker?: boolean;
}

/** One stack's result, as a worker hands it back. */
interface StackResult {
  report: string;
  blocked: boolean;
  error?: SpecError | { message: string };
}

/** One stack's report in the chosen format, and whether it blocks; an invalid stack file reports its errors in the machine formats too. */
async function checkOne(
  select: () => ReturnType<typeof selectModel>,
  fileOf: (e: SpecError) => string,
  opts: CheckOptions,
  context: { config: PolicyConfig; baseline?: Set<string> },
): Promise<StackResult> {
  let model;
  try {
    model = select();
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    if (opts.format === "text") return { report: "", blocked: true, error: e };
    const invalid = { file: fileOf(e), issues: e.issues };
    return {
      report: { markdown: invalidMarkdown, json: invalidJson, github: invalidGithub, sarif: invalidSarif }[opts.format](
        invalid,
      ),
      blocked: true,
      error: e,
    };
  }
  // Pulumi and the synthesis load only when a check runs: `--help` and errors stay instant.
  const { checkModel } = await import("../check");
  const verdict = {
    ...(await checkModel(model, {
      ...(opts.platform ? { platform: opts.platform } : {}),
      ...(opts.today ? { today: opts.today } : {}),
      config: context.config,
    })),
    ...(context.baseline ? { baseline: context.baseline } : {}),
  };
  const report = { text: toText, markdown: toMarkdown, json: toJson, github: toGithub, sarif: toSarif }[opts.format](
    verdict,
  );
  return {
    report,
    blocked: verdict.violations.some((v) => v.level === "mandatory") || verdict.programErrors.length > 0,
  };
}

/** Several reports as one: JSON and SARIF merged into one document, the others one after another. */
function combined(format: Format, reports: string[]): string {
  if (format === "json")
    return JSON.stringify({ schemaVersion: 1, stacks: reports.map((r) => JSON.parse(r) as unknown) }, null, 2) + "\n";
  if (format === "sarif") {
    const logs = reports.map((r) => JSON.parse(r) as { runs: unknown[] });
    return JSON.stringify({ ...logs[0], runs: logs.flatMap((l) => l.runs) }, null, 2) + "\n";
  }
  return reports.join("\n");
}

export async function runCheck(files: string[], opts: CheckOptions): Promise<void> {
  checkDay(opts.today);
  const targets: { select: () => ReturnType<typeof selectModel>; name: string; file: string }[] = [
    ...(opts.all
      ? stackSlugs().map((slug) => ({
          select: () => loadStack(slug),
          name: `stacks/Pulumi.${slug}.yaml`,
          file: stackFile(slug),
        }))
      : []),
    ...(opts.stack
      ? [
          {
            select: () => selectModel(undefined, { stack: opts.stack }),
            name: `stacks/Pulumi.${opts.stack}.yaml`,
            file: stackFile(opts.stack),
          },
        ]
      : []),
    ...[...files, ...(opts.file ? [opts.file] : [])].map((f) => ({
      select: () => selectModel(f, {}),
      name: f,
      file: f,
    })),
  ];
  if (targets.length === 0)
    throw new Error(`give stack files, --stack <slug> or --all (stacks: ${stackSlugs().join(", ")})`);
  if (opts.baseline && targets.length > 1)
    throw new Error("--baseline is the base report of one stack: check one stack with it");
  const context = {
    config: opts.policyConfig ? readPolicyConfig(opts.policyConfig) : {},
    ...(opts.baseline ? { baseline: readBaseline(opts.baseline) } : {}),
  };
  const jobs = jobsOf(opts.jobs, targets.length);
  let results: StackResult[] = [];
  if (jobs > 1)
    results = await inWorkers(
      targets.map((t) => t.file),
      jobs,
      opts,
    );
  else for (const t of targets) results.push(await checkOne(t.select, (e) => e.source ?? t.name, opts, context));
  if (opts.worker) {
    process.stdout.write(
      JSON.stringify(results.map((r) => ({ ...r, error: r.error && { message: r.error.message } }))),
    );
    return;
  }
  // One stack: its report as it is; several: one document.
  const report =
    targets.length === 1
      ? results[0].report
      : combined(
          opts.format,
          results.map((r) => r.report).filter((r) => r !== ""),
        );
  if (opts.out) fs.writeFileSync(opts.out, report);
  process.stdout.write(report);
  const errors = results.flatMap((r) => (r.error ? [r.error] : []));
  if (results.some((r) => r.blocked)) process.exitCode = 1;
  // The invalid files' errors, as text on stderr (one: the usual error and exit code).
  if (errors.length === 1 && targets.length === 1) throw errors[0];
  for (const e of errors) process.stderr.write(e.message + "\n");
}

/** `--jobs`: a whole number from 1; "auto" is one per CPU. Never more processes than stack files. */
function jobsOf(value: string | undefined, targets: number): number {
  if (value === undefined) return 1;
  const n = value === "auto" ? os.availableParallelism() : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--jobs ${value}: give a whole number from 1, or "auto"`);
  return Math.min(n, targets);
}

/**
 * Checks the files in `jobs` processes of this CLI, each taking every jobs-th file (a process
 * synthesizes one stack at a time, as Pulumi's runtime is one per process); results in file order.
 */
async function inWorkers(files: string[], jobs: number, opts: CheckOptions): Promise<StackResult[]> {
  const passed = [
    "--format",
    opts.format,
    ...(opts.platform ? ["--platform", opts.platform] : []),
    ...(opts.today ? ["--today", opts.today] : []),
    ...(opts.policyConfig ? ["--policy-config", opts.policyConfig] : []),
  ];
  const shares = Array.from({ length: jobs }, (_, j) => files.filter((_, i) => i % jobs === j));
  const outputs = await Promise.all(
    shares.map(
      (share) =>
        new Promise<StackResult[]>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [packagePath("bin", "regency.js"), "check", "--worker", ...passed, "--", ...share],
            { stdio: ["ignore", "pipe", "inherit"] },
          );
          const chunks: Buffer[] = [];
          child.stdout.on("data", (c: Buffer) => chunks.push(c));
          child.on("error", reject);
          child.on("close", (code) => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as StackResult[]);
            } catch {
              reject(new Error(`a check process (${share.length} stack files) ended with code ${code} and no result`));
            }
          });
        }),
    ),
  );
  return files.map((_, i) => outputs[i % jobs][Math.floor(i / jobs)]);
}
