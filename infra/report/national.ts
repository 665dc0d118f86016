/**
 * The national layer in the report: each obligation the national regulations put on every regency, the
 * record the spec holds for it, whether the pack found it kept (the verdict decides, not this file), and
 * the national articles behind it.
 */
import { articleLabel } from "../../components/model/citations";
import { dueOn, NATIONAL_PERIOD_YEARS } from "../../components/model/periodic";
import type { DrillStatus } from "../../components/model/drills";
import type { RuleId } from "../../components/model/rules";
import { INDONESIA } from "../../components/model/spec";
import type { RegencyModel } from "../../components/model/validate";
import type { Verdict } from "../../policies/report";
import { RULES } from "../../policies/rules";
import { Bilingual, dateWords } from "./words";

export interface NationalObligation {
  /** The pack's policy that judges it. */
  policy: string;
  obligation: Bilingual;
  record: Bilingual;
  /** No finding of its policy in the verdict. */
  kept: boolean;
  /** The national articles, e.g. "Pasal 73 ayat (1), Pasal 73 ayat (3) Peraturan Menteri … Nomor 4 Tahun 2024". */
  basis: string;
}

/** A record followed by the drills' evidence, where the report was given the ledger. */
const withEvidence = (record: Bilingual, evidence: Bilingual | undefined): Bilingual =>
  evidence ? { id: `${record.id}; ${evidence.id}`, en: `${record.en}; ${evidence.en}` } : record;
const none: Bilingual = { id: "belum dicatat", en: "not recorded" };
const both = (id: string, en: string): Bilingual => ({ id, en });
const dated = (what: Bilingual, day: string): Bilingual => {
  const on = dateWords(day);
  const due = dateWords(dueOn(day, NATIONAL_PERIOD_YEARS));
  return both(`${what.id} ${on.id}; berikutnya paling lambat ${due.id}`, `${what.en} ${on.en}; next due by ${due.en}`);
};

/** The restore drills, part of testing the continuity plan: how many sources passed one within their period. */
function drillEvidence(drills: DrillStatus[] | undefined): Bilingual | undefined {
  if (!drills || drills.length === 0) return undefined;
  const ok = drills.filter((d) => d.state === "ok").length;
  return both(
    `uji pemulihan: ${ok} dari ${drills.length} sumber berhasil dalam periodenya`,
    `restore drills: ${ok} of ${drills.length} sources succeeded within their period`,
  );
}

export function nationalObligations(
  model: RegencyModel,
  verdict: Pick<Verdict, "violations">,
  drills?: DrillStatus[],
): NationalObligation[] {
  const { spec } = model;
  const evidence = drillEvidence(drills);
  const basisOf = (rules: RuleId[]) =>
    rules
      .flatMap((r) => model.cite(r).layers.filter((l) => l.layer === "national"))
      .map((l) => `${l.citations.map(articleLabel).join(", ")} ${l.regulation}`)
      .filter((b, i, all) => all.indexOf(b) === i)
      .join("; ");
  const link = (kind: string) => spec.interconnections.find((i) => i.kind === kind);
  const linkRecord = (kind: string): Bilingual => {
    const l = link(kind);
    return l ? both(`${l.party}, ${l.remote.cidr}`, `${l.party}, ${l.remote.cidr}`) : none;
  };
  const abroad = spec.sites.filter((s) => s.country !== INDONESIA);
  const officer = spec.personalData?.officer;
  const rows: Omit<NationalObligation, "kept" | "basis">[] = [
    {
      policy: "continuity-plan",
      obligation: both(
        "Rencana keberlangsungan kegiatan, diuji coba paling sedikit sekali dalam 2 tahun",
        "Business-continuity plan, tested at least once every two years",
      ),
      record: withEvidence(
        spec.continuityPlan
          ? dated(
              both(`${spec.continuityPlan.document}: diuji coba`, `${spec.continuityPlan.document}: tested`),
              spec.continuityPlan.lastTested,
            )
          : none,
        evidence,
      ),
    },
    {
      policy: "it-audit",
      obligation: both("Audit TIK paling sedikit sekali dalam 2 tahun", "IT audit at least once every two years"),
      record: spec.itAudit
        ? dated(both(`${spec.itAudit.auditor}:`, `${spec.itAudit.auditor}:`), spec.itAudit.date)
        : none,
    },
    {
      policy: "national-data-center",
      obligation: both("Terhubung dengan Pusat Data nasional", "Connected to the national data center"),
      record: linkRecord("national-data-center"),
    },
    {
      policy: "national-network",
      obligation: both(
        "Terhubung dengan Jaringan Intra Pemerintah",
        "Connected to the national intra-government network",
      ),
      record: linkRecord("intra-government-network"),
    },
    {
      policy: "data-location",
      obligation: both("Data disimpan di wilayah Indonesia", "Data kept in Indonesia"),
      record: abroad.length
        ? both(
            `di luar Indonesia: ${abroad.map((s) => `${s.id} (${s.country})`).join(", ")}`,
            `outside Indonesia: ${abroad.map((s) => `${s.id} (${s.country})`).join(", ")}`,
          )
        : both(`${spec.sites.length} situs di Indonesia`, `${spec.sites.length} sites in Indonesia`),
    },
    {
      policy: "personal-data",
      obligation: both(
        "Salinan data pribadi terenkripsi; pejabat Pelindungan Data Pribadi sebagai narahubung",
        "Personal data copied encrypted; a personal-data protection officer as the contact",
      ),
      record: officer ? both(`${officer.name} (${officer.contact})`, `${officer.name} (${officer.contact})`) : none,
    },
  ];

  return rows.map((r) => ({
    ...r,
    kept: !verdict.violations.some((v) => v.rule === r.policy),
    // What the rule itself cites: the report never keeps its own list of a rule's articles.
    basis: basisOf(RULES.find((rule) => rule.name === r.policy)!.cites),
  }));
}
