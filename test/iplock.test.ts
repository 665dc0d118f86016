/**
 * The IP plan, frozen (components/model/iplock.ts): with the lock committed beside a seed stack, inserting
 * an OPD before the others, or removing one, moves no other agency's segment (without it, every later OPD
 * is renumbered); moving a frozen segment by pinning another CIDR is refused until the lock records it;
 * `regency ipplan --write-lock` writes the lock and says what it adds, moves and frees.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readIpLock } from "../components/model/iplock";
import { SpecError } from "../components/model/issues";
import { loadStackText, stackFile } from "../components/model/load";
import { specOf, stackText } from "./support/stacks";

const SLUG = "konawe-selatan";
const LOCK_FILE = stackFile(SLUG).replace(/\.yaml$/, ".ipplan.lock.json");
const lock = readIpLock(LOCK_FILE)!;
const BIN = path.join(__dirname, "..", "bin", "regency.js");

const segmentsOf = (spec: Record<string, any>, withLock: boolean) =>
  new Map(
    loadStackText(
      stackText(spec),
      "x.yaml",
      withLock ? { lock, lockFile: "x.ipplan.lock.json" } : {},
    ).ipPlan.segments.map((s) => [s.name, s.cidr]),
  );
const newOpd = (spec: Record<string, any>) => ({
  ...structuredClone(spec.opds[1]),
  slug: "dispora",
  name: "Dinas Pemuda dan Olahraga",
  applications: [
    {
      ...structuredClone(spec.opds[1].applications[0]),
      id: "sipora",
      subdomain: "sipora",
      name: "Sistem Informasi Pemuda dan Olahraga",
    },
  ],
});

describe("the IP plan, frozen in a lock beside the stack file", () => {
  it("every seed stack has its lock, and the lock is its plan", () => {
    for (const slug of ["batang-hari", "bulukumba", "hulu-sungai-tengah", "konawe-selatan", "oku-selatan"]) {
      const l = readIpLock(stackFile(slug).replace(/\.yaml$/, ".ipplan.lock.json"))!;
      expect([slug, segmentsOf(specOf(slug), false)]).toEqual([slug, new Map(Object.entries(l.segments))]);
    }
  });

  it("an OPD inserted before the others moves no one (without the lock, every later OPD moves)", () => {
    const spec = specOf(SLUG);
    spec.opds.unshift(newOpd(spec));
    const frozen = segmentsOf(spec, true);
    for (const [name, cidr] of Object.entries(lock.segments)) expect([name, frozen.get(name)]).toEqual([name, cidr]);
    expect(frozen.get("opd-dispora")).toBeDefined();
    expect(Object.values(lock.segments)).not.toContain(frozen.get("opd-dispora"));
    // The failure the lock prevents: renumbering every OPD after the inserted one.
    const unfrozen = segmentsOf(spec, false);
    const moved = Object.entries(lock.segments)
      .filter(([name, cidr]) => unfrozen.get(name) !== cidr)
      .map(([name]) => name);
    expect(moved.length).toBeGreaterThanOrEqual(13);
  });

  it("an OPD removed frees its segment and moves no one", () => {
    const spec = specOf(SLUG);
    const gone = `opd-${spec.opds[2].slug}`;
    spec.opds.splice(2, 1);
    const frozen = segmentsOf(spec, true);
    expect(frozen.has(gone)).toBe(false);
    for (const [name, cidr] of Object.entries(lock.segments))
      if (name !== gone) expect([name, frozen.get(name)]).toEqual([name, cidr]);
  });

  it("a frozen segment pinned elsewhere is refused until the lock records the move", () => {
    const spec = specOf(SLUG);
    const other = Object.values(lock.segments).includes("10.74.250.0/24") ? "10.74.251.0/24" : "10.74.250.0/24";
    spec.opds[3].network = { ...(spec.opds[3].network ?? {}), cidr: other };
    let error: SpecError | undefined;
    try {
      loadStackText(stackText(spec), "x.yaml", { lock, lockFile: "x.ipplan.lock.json" });
    } catch (e) {
      error = e as SpecError;
    }
    const issue = error!.issues.find((i) => i.path.join(".") === "opds.3.network.cidr")!;
    expect(issue.en).toBe(
      `segment opd-${spec.opds[3].slug} moves from ${lock.segments[`opd-${spec.opds[3].slug}`]} (frozen in x.ipplan.lock.json) to ${other}: record the move with \`regency ipplan --write-lock\`, so the lock's diff shows it`,
    );
    expect(issue.citation?.summary).toContain("Pasal 5 ayat (2)");
  });

  it("ipplan --write-lock writes the lock and says what is new, moved and freed; a malformed lock names its file and field", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regency-lock-"));
    const spec = specOf(SLUG);
    const file = path.join(dir, `Pulumi.${SLUG}.yaml`);
    const lockFile = path.join(dir, `Pulumi.${SLUG}.ipplan.lock.json`);
    fs.writeFileSync(file, stackText(spec));
    fs.writeFileSync(lockFile, JSON.stringify(lock));
    spec.opds.splice(1, 0, newOpd(spec));
    const gone = `opd-${spec.opds[2].slug}`;
    spec.opds.splice(2, 1);
    fs.writeFileSync(file, stackText(spec));
    const r = spawnSync(process.execPath, [BIN, "ipplan", file, "--write-lock"], { encoding: "utf8" });
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(new RegExp(`segments frozen; new: opd-dispora; freed: ${gone}\\n$`));
    expect(readIpLock(lockFile)!.segments["opd-dispora"]).toBeDefined();
    fs.writeFileSync(lockFile, JSON.stringify({ schemaVersion: 1, segments: { "opd-dinkes": "10.74.x.0/24" } }));
    const bad = spawnSync(process.execPath, [BIN, "validate", file], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`Pulumi.${SLUG}.ipplan.lock.json: segments.opd-dinkes: `);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
