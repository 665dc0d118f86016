/**
 * `npm run bench`: figures, not tests. Prints tables and writes out/bench.json.
 *  1. plan + check (synthesis under Pulumi's mock runtime, rendering, every rule): wall time and
 *     peak memory for each seed stack, all five together, and synthetic regencies of 10, 100 and
 *     1,000 OPDs; each case in a fresh process.
 *  2. Our policy engine against OPA on the same rendered resources and four equivalent rules
 *     (test/bench/rego/regency.rego); the findings must be identical.
 *  3. The generated backup pipeline against raw pg_dump on a ~1 GB PostgreSQL database, and the restore.
 *  4. The admission policies: a seed stack's objects applied to a real kube-apiserver with and without them.
 *  5. The CLI as whole processes (the compiled build in dist/): CPU seconds of `--help`, `validate` and
 *     `check` of one seed stack (median of 5), against the targets.
 *  6. A national estate in one command: `regency check --jobs auto` of 514 generated regencies of 40
 *     OPDs each (`--regencies <n>` for fewer): wall time, CPU and the largest process's peak memory.
 *  7. The regency's Keycloak under load (Locust): password logins and client-credential grants per
 *     vCPU of Keycloak's own CPU time, p95 latency, and the ratio to Keycloak's sizing guide.
 * Needs `npm run setup` (PostgreSQL, OPA). `npm run bench -- --only plan,opa` runs a part.
 */
import { spawn, spawnSync } from "child_process";
import { Command } from "commander";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadStack } from "../../components/model/load";
import { RegencyModel } from "../../components/model/validate";
import { checkSynthesis, engineViews } from "../../infra/check";
import { renderPlan } from "../../infra/render";
import { Synthesis, synthesize } from "../../infra/synth";
import { ResourceView } from "../../policies/model";
import { admissionBench } from "./admission";
import { backupBench } from "./backup";
import { pitrBench } from "./pitr";
import { ssoBench } from "./sso";
import {
  contextFor,
  OPA,
  opaFindings,
  opaMeanMs,
  oursFindings,
  oursMeanMs,
  sameFindings,
  withViolations,
  writeInput,
} from "./opa";
import { SEED_STACKS as SEEDS } from "../support/stacks";
import { syntheticModel, syntheticStackText } from "./synthetic";

const OUT = path.join(__dirname, "..", "..", "out", "bench");
const started = Date.now();
const progress = (msg: string) => {
  const s = Math.round((Date.now() - started) / 1000);
  process.stderr.write(`[bench ${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}] ${msg}\n`);
};

// --- 1. plan + check, one case per process ------------------------------------------------

const modelsOf = (name: string): RegencyModel[] =>
  name === "all-five"
    ? SEEDS.map(loadStack)
    : name.startsWith("synthetic-")
      ? [syntheticModel(Number(name.slice("synthetic-".length)))]
      : [loadStack(name)];

/** Runs in the child: plan + check of one case; writes the resources it checked for the OPA comparison. */
async function planCheckCase(name: string): Promise<Record<string, number | string>> {
  const models = modelsOf(name);
  const t0 = process.hrtime.bigint();
  let resources = 0;
  let violations = 0;
  let last: Synthesis | undefined;
  for (const m of models) {
    last = await synthesize(m);
    renderPlan(last);
    violations += checkSynthesis(m, last, { today: "2026-11-23" }).violations.length;
    resources += last.resources.length;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (models.length === 1) writeInput(engineViews(last!), path.join(OUT, `resources-${name}.json`));
  const opds = models.reduce((n, m) => n + m.spec.opds.length, 0);
  return { name, opds, resources, violations, seconds, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

function runChild(name: string): Promise<Record<string, number | string>> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      ["--max-old-space-size=16384", "-r", "ts-node/register/transpile-only", __filename, "--case", name],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const beat = setInterval(
      () => progress(`  ${name}: still running (${Math.round((Date.now() - t0) / 1000)} s)`),
      15000,
    );
    child.on("close", (code) => {
      clearInterval(beat);
      if (code !== 0) return reject(new Error(`bench case ${name} exited with ${code}`));
      resolve({ ...JSON.parse(out.trim().split("\n").pop()!), processSeconds: (Date.now() - t0) / 1000 });
    });
  });
}

function table(head: string[], rows: string[][]): void {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows])
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  "));
}

async function planCheckSection() {
  const cases = [...SEEDS, "all-five", "synthetic-10", "synthetic-100", "synthetic-1000"];
  const results: Record<string, number | string>[] = [];
  for (const c of cases) {
    progress(`plan + check: ${c}`);
    results.push(await runChild(c));
  }
  const t = (n: string) => Number(results.find((r) => r.name === n)!.seconds);
  const ratio = t("synthetic-1000") / t("synthetic-100");
  console.log("\n1. plan + check (in-process seconds, modules loaded; process seconds include Node start and loading)");
  table(
    ["case", "OPDs", "resources", "seconds", "process s", "peak MiB"],
    results.map((r) => [
      String(r.name),
      String(r.opds),
      String(r.resources),
      Number(r.seconds).toFixed(2),
      Number(r.processSeconds).toFixed(2),
      String(r.peakMiB),
    ]),
  );
  const targets = {
    allFiveSeconds: { value: t("all-five"), target: "< 5", met: t("all-five") < 5 },
    synthetic1000Seconds: { value: t("synthetic-1000"), target: "< 60", met: t("synthetic-1000") < 60 },
    scalingRatio: { value: ratio, target: "≤ 12", met: ratio <= 12 },
  };
  console.log(
    `all five: ${t("all-five").toFixed(2)} s (target < 5 s) · 1,000 OPDs: ${t("synthetic-1000").toFixed(1)} s (target < 60 s) · t(1000)/t(100) = ${ratio.toFixed(2)} (target ≤ 12)`,
  );
  return { results, targets };
}

// --- 2. OPA side by side -------------------------------------------------------------------

async function opaSection() {
  if (!fs.existsSync(OPA)) throw new Error(`OPA is not built: run \`npm run setup\` (expected ${OPA})`);
  const cases: { name: string; views: ResourceView[] }[] = [];
  for (const slug of SEEDS) {
    const views = engineViews(await synthesize(loadStack(slug)));
    cases.push({ name: slug, views }, { name: `${slug} + violations`, views: withViolations(views) });
  }
  for (const n of [100, 1000]) {
    const file = path.join(OUT, `resources-synthetic-${n}.json`);
    if (fs.existsSync(file))
      cases.push({ name: `synthetic-${n}`, views: JSON.parse(fs.readFileSync(file, "utf8")).resources });
  }
  const rows = [];
  for (const c of cases) {
    progress(`OPA side by side: ${c.name}`);
    const input = path.join(OUT, "opa-input.json");
    writeInput(c.views, input);
    const ctx = contextFor(c.views);
    const ours = oursFindings(ctx);
    const differs = sameFindings(ours, opaFindings(input));
    if (differs) throw new Error(`OPA and our engine disagree on ${c.name}:\n${differs}`);
    const oursMs = oursMeanMs(ctx);
    const opaMs = opaMeanMs(input);
    rows.push({ name: c.name, resources: c.views.length, findings: ours.length, oursMs, opaMs, ratio: oursMs / opaMs });
  }
  console.log(
    "\n2. four equivalent rules, same resources: mean evaluation time, input loaded (ours: repeated ≥ 1 s; OPA: `opa bench`)",
  );
  table(
    ["case", "resources", "findings", "ours ms", "OPA ms", "ours/OPA"],
    rows.map((r) => [
      r.name,
      String(r.resources),
      String(r.findings),
      r.oursMs.toFixed(3),
      r.opaMs.toFixed(3),
      r.ratio.toFixed(3),
    ]),
  );
  const worst = Math.max(...rows.map((r) => r.ratio));
  console.log(`identical findings in every case · worst ours/OPA = ${worst.toFixed(3)} (goal ≤ 1.0)`);
  return { rows, worstRatio: worst, met: worst <= 1 };
}

// --- 3. backups ----------------------------------------------------------------------------

async function backupSection(gb: number) {
  progress(`backup: PostgreSQL database of ${gb} GB`);
  const f = await backupBench(gb * 1e9, 2, (m) => progress(`  ${m}`));
  console.log(
    `\n3. backup of a ${(f.databaseBytes / 1e9).toFixed(2)} GB database (${f.rows.toLocaleString("en")} rows; dump ${(f.dumpBytes / 1e6).toFixed(0)} MB)`,
  );
  table(
    ["step", "seconds", "MB/s of database"],
    [
      [
        "raw pg_dump -Fc > /dev/null (best of 2)",
        f.rawDumpSeconds.toFixed(1),
        (f.databaseBytes / 1e6 / f.rawDumpSeconds).toFixed(1),
      ],
      [
        "generated pipeline, pg-backup.sh (best of 2)",
        f.pipelineSeconds.toFixed(1),
        (f.databaseBytes / 1e6 / f.pipelineSeconds).toFixed(1),
      ],
      [
        "restore of day 7 (pg-restore.sh), rows checked",
        f.restoreSeconds.toFixed(1),
        (f.databaseBytes / 1e6 / f.restoreSeconds).toFixed(1),
      ],
    ],
  );
  console.log(`pipeline/raw throughput = ${f.throughputRatio.toFixed(2)} (goal ≥ 0.8)`);
  console.log(
    `seven daily backups of the changing database: repository ${(f.sevenDailyBytes / 1e6).toFixed(0)} MB against seven full pg_dump -Fc files ${(f.sevenFullDumpBytes / 1e6).toFixed(0)} MB (${((100 * f.sevenDailyBytes) / f.sevenFullDumpBytes).toFixed(0)} %)`,
  );
  progress(`point-in-time recovery: PostgreSQL database of ${gb} GB`);
  const p = await pitrBench(gb * 1e9, (m) => progress(`  ${m}`));
  console.log(
    `point-in-time recovery of a ${(p.databaseBytes / 1e9).toFixed(2)} GB database: base backup ${p.baseBackupSeconds.toFixed(1)} s; restore to a moment, replay and promote ${p.recoverySeconds.toFixed(1)} s (goal < 60 s)`,
  );
  return { ...f, pitr: p, met: f.throughputRatio >= 0.8 && p.recoverySeconds < 60 };
}

// --- 4. admission policies: the cost of the second line of defence ------------------------

async function admissionSection() {
  progress(
    "admission: every object of konawe-selatan's data center applied to a real kube-apiserver, with and without the policies",
  );
  const f = await admissionBench("konawe-selatan", 3, (m) => progress(`  ${m}`));
  console.log(
    `\nadmission policies (${f.policies}) on ${f.objects} objects of ${f.stack}: ${f.withoutSeconds.toFixed(2)} s without, ${f.withSeconds.toFixed(2)} s with (median of 3): overhead ${f.overheadPercent.toFixed(1)} % (goal < 10 %)`,
  );
  return { ...f, met: f.overheadPercent < 10 };
}

// --- 5. the CLI as a user runs it: whole processes, CPU seconds -----------------------------

/** CPU seconds (user + system) of one `regency` process, from /usr/bin/time's own count of its child. */
function cliCpuSeconds(args: string[]): number {
  const r = spawnSync(
    "/usr/bin/time",
    ["-f", "%U %S", process.execPath, path.join(__dirname, "..", "..", "bin", "regency.js"), ...args],
    { encoding: "utf8" },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`regency ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const [user, system] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return user + system;
}

function cliSection() {
  const built = spawnSync("npm", ["run", "--silent", "build"], {
    encoding: "utf8",
    cwd: path.join(__dirname, "..", ".."),
  });
  if (built.status !== 0) throw new Error(`npm run build failed: ${built.stderr}`);
  const cases: [string, string[], number][] = [
    ["regency --help", ["--help"], 0.3],
    ["regency validate --stack konawe-selatan", ["validate", "--stack", "konawe-selatan"], 0.3],
    ["regency check --stack konawe-selatan", ["check", "--stack", "konawe-selatan"], 1.5],
  ];
  const rows = cases.map(([name, args, goal]) => {
    const runs = Array.from({ length: 5 }, () => cliCpuSeconds(args)).sort((a, b) => a - b);
    progress(`cli: ${name}: ${runs.map((x) => x.toFixed(2)).join(", ")} CPU-s`);
    return { name, cpuSeconds: runs[2], goal, met: runs[2] < goal };
  });
  console.log("\nCLI, whole processes (compiled build), CPU seconds, median of 5:");
  for (const r of rows)
    console.log(`  ${r.name.padEnd(42)} ${r.cpuSeconds.toFixed(2)} s  (goal < ${r.goal} s${r.met ? "" : ", NOT MET"})`);
  return rows;
}

/** 514 regencies (Indonesia's kabupaten and kota) of ~40 OPDs, checked by one command. */
function batchSection(regencies: number) {
  const dir = path.join(OUT, "batch");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: regencies }, (_, i) => {
    const file = path.join(dir, `Pulumi.kabupaten-${i}.yaml`);
    fs.writeFileSync(file, syntheticStackText(40, `kabupaten-${i}`));
    return file;
  });
  progress(`batch: checking ${regencies} generated regencies of 40 OPDs`);
  const started = process.hrtime.bigint();
  const r = spawnSync(
    "/usr/bin/time",
    ["-f", "%U %S %M", process.execPath, path.join(__dirname, "..", "..", "bin", "regency.js"), "check"].concat(
      ["--jobs", "auto", "--format", "json", "--out", path.join(dir, "report.json"), "--"],
      files,
    ),
    { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 30 },
  );
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`batch check exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const [user, system, maxKb] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  const report = JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8")) as { stacks: unknown[] };
  if (report.stacks.length !== regencies) throw new Error(`batch: ${report.stacks.length} reports for ${regencies}`);
  const row = {
    regencies,
    processes: Math.min(os.availableParallelism(), regencies),
    wallSeconds: Math.round(wall * 10) / 10,
    cpuSeconds: Math.round((user + system) * 10) / 10,
    msPerRegency: Math.round((wall * 1000) / regencies),
    peakMemoryMiB: Math.round(maxKb / 1024),
    goalSeconds: regencies === 514 ? 120 : undefined,
  };
  console.log(`\nBatch: regency check --jobs auto of ${regencies} generated regencies (40 OPDs each):`);
  console.log(
    `  ${row.wallSeconds} s wall, ${row.cpuSeconds} CPU-s, ${row.msPerRegency} ms per regency, ${row.processes} processes, ` +
      `largest peak memory ${row.peakMemoryMiB} MiB` +
      (row.goalSeconds ? `  (goal < ${row.goalSeconds} s${wall < row.goalSeconds ? "" : ", NOT MET"})` : ""),
  );
  fs.rmSync(dir, { recursive: true, force: true });
  return row;
}

async function ssoSection() {
  const figures = await ssoBench(progress);
  console.log(
    "\nKeycloak 26 under load (konawe-selatan's realm as planned; Locust; per vCPU of Keycloak's own CPU time):",
  );
  table(
    ["load", "ok/s", "failed", "Keycloak vCPU used", "per vCPU", "guide per vCPU", "ratio (goal >= 1.0)", "p95 ms"],
    figures.map((f) => [
      f.mode === "login" ? "password login (form, code + PKCE)" : "client-credential grant",
      String(f.perSecond),
      String(f.failures),
      String(f.keycloakCpus),
      String(f.perVcpu),
      String(f.guidePerVcpu),
      `${f.ratio}${f.ratio >= 1 ? "" : " NOT MET"}`,
      String(f.p95Ms),
    ]),
  );
  for (const f of figures) for (const reason of f.failureReasons) console.log(`  ${f.mode} failures: ${reason}`);
  return figures;
}

async function main() {
  const cli = new Command("bench")
    .option("--case <name>", "(internal) run one plan + check case and print its figures")
    .option(
      "--only <parts>",
      "comma-separated parts: plan, opa, backup, admission, cli, batch, sso",
      "plan,opa,backup,admission,cli,batch,sso",
    )
    .option("--regencies <n>", "regencies in the batch part", "514")
    .option("--gb <n>", "size of the generated database", "1")
    .parse();
  const o = cli.opts<{ case?: string; only: string; gb: string; regencies: string }>();
  fs.mkdirSync(OUT, { recursive: true });
  if (o.case) {
    process.stdout.write(JSON.stringify(await planCheckCase(o.case)) + "\n");
    return;
  }
  const parts = new Set(o.only.split(","));
  const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
  if (parts.has("plan")) report.planCheck = await planCheckSection();
  if (parts.has("opa")) report.opa = await opaSection();
  if (parts.has("backup")) report.backup = await backupSection(Number(o.gb));
  if (parts.has("admission")) report.admission = await admissionSection();
  if (parts.has("cli")) report.cli = cliSection();
  if (parts.has("batch")) report.batch = batchSection(Number(o.regencies));
  if (parts.has("sso")) report.sso = await ssoSection();
  fs.writeFileSync(path.join(OUT, "bench.json"), JSON.stringify(report, null, 2) + "\n");
  progress(`done; figures in ${path.relative(process.cwd(), path.join(OUT, "bench.json"))}`);
}

if (require.main === module)
  main().catch((e) => {
    console.error(`bench: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
