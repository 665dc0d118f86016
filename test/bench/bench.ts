/**
 * `npm run bench`: wall time and peak memory of plan + check (synthesis, rendering, every rule) for
 * each seed stack, all five together, and synthetic regencies of 10, 100 and 1,000 OPDs; each case
 * runs in a fresh process. Prints a table and writes out/bench.json. Figures, not tests.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { loadStack, loadStackText, SPEC_KEY } from "../../components/model/load";
import { RegencyModel } from "../../components/model/validate";
import { evaluate } from "../../policies/engine";
import { contextOf } from "../../policies/model";
import { RULES } from "../../policies/rules";
import { viewsOf } from "../../infra/check";
import { renderPlan } from "../../infra/render";
import { synthesize } from "../../infra/synth";

const SEEDS = ["konawe-selatan", "bulukumba", "hulu-sungai-tengah", "oku-selatan", "batang-hari"];
const TEMPLATE = path.join(__dirname, "..", "..", "stacks", "template", "Pulumi.template.yaml");

/** A synthetic regency of n OPDs, two applications each (one with a database, one with a volume). */
export function syntheticModel(n: number): RegencyModel {
  const doc = YAML.parse(fs.readFileSync(TEMPLATE, "utf8"));
  const spec = doc.config[SPEC_KEY];
  spec.regency.slug = `sintetis-${n}`;
  spec.network = { supernet: "10.0.0.0/12", reserved: [], opdPrefixLength: 26 };
  spec.sites[0].platform = "kubernetes";
  spec.sites[0].endpoint = { kubeContext: "bench" };
  spec.sites[0].storageClass = "local";
  for (const s of spec.sites.slice(1)) s.storageClass = `${s.id}-class`;
  spec.interconnections = [];
  spec.opds = Array.from({ length: n }, (_, i) => ({
    slug: `opd-${i}`,
    name: `Dinas Sintetis ${i}`,
    waliData: `Kepala Bidang Data ${i}`,
    applications: [
      { id: `app-${i}-a`, name: `Layanan ${i} A`, image: `registry.example/app:${i}`, subdomain: `app-${i}-a`, database: { dataGroups: ["pelayanan"] }, sso: "onboarded" },
      { id: `app-${i}-b`, name: `Layanan ${i} B`, image: `registry.example/app:${i}`, subdomain: `app-${i}-b`, volumes: [{ name: "berkas", mountPath: "/data", sizeGi: 5 }], sso: "transition" },
    ],
  }));
  return loadStackText(YAML.stringify(doc), `synthetic-${n}`);
}

async function planAndCheck(model: RegencyModel) {
  const s = await synthesize(model);
  const files = renderPlan(s);
  const violations = evaluate(RULES, contextOf(viewsOf(s), "2026-11-23")!);
  return { resources: s.resources.length, files: files.size, violations: violations.length };
}

async function runCase(name: string): Promise<object> {
  const models = name === "all-five" ? SEEDS.map(loadStack) : name.startsWith("synthetic-") ? [syntheticModel(Number(name.slice(10)))] : [loadStack(name)];
  const t0 = process.hrtime.bigint();
  let resources = 0;
  let opds = 0;
  for (const m of models) {
    resources += (await planAndCheck(m)).resources;
    opds += m.spec.opds.length;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { name, opds, resources, seconds, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

async function main() {
  const only = process.argv[2];
  if (only) {
    process.stdout.write(JSON.stringify(await runCase(only)) + "\n");
    return;
  }
  const cases = [...SEEDS, "all-five", "synthetic-10", "synthetic-100", "synthetic-1000"];
  const results: Record<string, number | string>[] = [];
  for (const c of cases) {
    process.stderr.write(`bench: ${c} …\n`);
    const out = execFileSync(process.execPath, ["--max-old-space-size=16384", "-r", "ts-node/register/transpile-only", __filename, c], { encoding: "utf8", maxBuffer: 1 << 20 });
    results.push(JSON.parse(out.trim().split("\n").pop()!));
  }
  const t = (n: string) => Number(results.find((r) => r.name === n)!.seconds);
  const ratio = t("synthetic-1000") / t("synthetic-100");
  const head = ["case", "OPDs", "resources", "seconds", "peak MiB"];
  const rows = results.map((r) => [String(r.name), String(r.opds), String(r.resources), Number(r.seconds).toFixed(2), String(r.peakMiB)]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(w[i])).join("  "));
  console.log(`t(1000)/t(100) = ${ratio.toFixed(2)} (target ≤ 12); all five: ${t("all-five").toFixed(2)} s (target < 5 s); 1,000 OPDs: ${t("synthetic-1000").toFixed(1)} s (target < 60 s)`);
  fs.mkdirSync(path.join(__dirname, "..", "..", "out"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "..", "..", "out", "bench.json"), JSON.stringify({ date: new Date().toISOString(), results, ratio }, null, 2) + "\n");
}

if (require.main === module) main().catch((e) => {
  console.error(e);
  process.exit(1);
});
