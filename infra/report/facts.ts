/**
 * The facts of one report, gathered once: the HTML and Markdown render them, and `report.json` keeps
 * them so the next period's report can say what changed (`--previous`). Every system of the spec is
 * here, the ones in an OPD's own server room under a Bupati exemption included.
 */
import { recoverySummary, retentionText } from "../../components/model/backup";
import { articleLabel } from "../../components/model/citations";
import { namespaceOfOpd, COMMON_APPS_NAMESPACE } from "../../components/model/names";
import { EXEMPTION_STATUS, exemptionStatus } from "../../policies/rules/exemptions";
import { findingsOf, mandatedArticles, subjectOf, violationFingerprint } from "../../policies/report";
import { adviceOf } from "./advice";
import { nationalObligations, NationalObligation } from "./national";
import { lastRestoreOf, ReportData } from "./data";
import { Bilingual, dateWords, Period, scheduleWords } from "./words";

export interface SystemFact {
  /** `<namespace>/<application id>`: stable from one report to the next. */
  key: string;
  opd?: string;
  opdName: string;
  id: string;
  name: string;
  hostname: string;
  public: boolean;
  /** Runs in the custodian's data center (false: in an OPD's own server room). */
  consolidated: boolean;
  site: string;
  sso: "onboarded" | "transition";
  database?: { groups: string[]; keys: string[]; waliData?: string };
  volumes: { name: string; sizeGi: number }[];
  registration?: string;
  electronicSignature?: string;
  lpse: boolean;
  /** The decree that lets it stay outside, for a system not consolidated. */
  exemption?: { id: string; decree: string; expires: string; status: string };
  /** Backed up by the custodian's plan (its database and volumes), or it has no data to back up. */
  backedUp: boolean;
}

export interface ReportFacts {
  schemaVersion: 1;
  regency: { slug: string; name: string; province: string; regulation: string; phase?: string };
  custodian: string;
  period: Period;
  generatedOn: string;
  reporting: { regulation: string; mandated: boolean; articles: { article: string; text: string }[]; summary: string };
  sites: { id: string; name: string; kind: string; location: string; operator: string; platform?: string }[];
  opds: { slug: string; namespace: string; name: string; segment?: string }[];
  systems: SystemFact[];
  sso: { host: string; total: number; onboarded: number; percent: number };
  backup: {
    sources: {
      source: string;
      system: string;
      kind: string;
      policy: string;
      site: string;
      schedule: Bilingual;
      retention: Bilingual;
      lastRestore?: { date: string; ok: boolean; drill: boolean; overdue: boolean };
    }[];
    /** Systems with data (a database or a volume), and how many of them are backed up. */
    systemsWithData: number;
    systemsBackedUp: number;
    pointInTime: { databases: number; rpoMinutes?: number; windowDays?: number };
  };
  partners: {
    id: string;
    party: string;
    kind: string;
    agreement?: string;
    network: string;
    ports: number[];
    systems: string[];
  }[];
  internet: { blockedCategories: string[]; egress: { id: string; opds: string[]; to: string[]; ports: number[] }[] };
  exemptions: {
    id: string;
    decree: string;
    date: string;
    scope: string;
    approver: string;
    expires: string;
    status: string;
    statusWords: Bilingual;
  }[];
  compliance: {
    mandatory: number;
    advisory: number;
    rulesChecked: number;
    findings: {
      policy: string;
      level: string;
      title: Bilingual;
      subjects: string[];
      articles: string;
      message: string;
      fingerprints: string[];
    }[];
  };
  recommendations: Bilingual[];
  /** The national layer's obligations and the records kept for them (absent in reports made before it). */
  national?: NationalObligation[];
}

export function reportFacts(d: ReportData, period: Period): ReportFacts {
  const { model, plan, verdict } = d;
  const spec = model.spec;
  const allowed = model.cite("bupati-exemption").mandated;
  const deployed = new Set<string>(plan.tenants.flatMap((t) => t.apps.map((a) => `${a.namespace}/${a.id}`)));
  const backedUp = new Set(plan.backupJobs.map((j) => `${j.namespace}/${j.app}`));
  const opdName = (slug?: string) =>
    slug ? (spec.opds.find((o) => o.slug === slug)?.name ?? slug) : spec.custodian.name;
  const systems: SystemFact[] = model.applications.map((h) => {
    const namespace = h.opd ? namespaceOfOpd(h.opd) : COMMON_APPS_NAMESPACE;
    const key = `${namespace}/${h.app.id}`;
    const site = h.app.site ?? plan.primary.id;
    const consolidated = deployed.has(key);
    const covering = h.opd
      ? spec.exemptions.find(
          (e) => e.scope.opd === h.opd && (e.scope.application === undefined || e.scope.application === h.app.id),
        )
      : undefined;
    const hasData = h.app.database !== undefined || h.app.volumes.length > 0;
    // The database's own Wali Data, else its OPD's.
    const waliData = h.app.database?.waliData ?? spec.opds.find((o) => o.slug === h.opd)?.waliData;
    return {
      key,
      ...(h.opd ? { opd: h.opd } : {}),
      opdName: opdName(h.opd),
      id: h.app.id,
      name: h.app.name,
      hostname: h.hostname,
      public: h.app.public,
      consolidated,
      site,
      sso: h.app.sso,
      ...(h.app.database
        ? {
            database: {
              groups: h.app.database.dataGroups,
              keys: h.app.database.keys,
              ...(waliData ? { waliData } : {}),
            },
          }
        : {}),
      volumes: h.app.volumes.map((v) => ({ name: v.name, sizeGi: v.sizeGi })),
      ...(h.app.registration ? { registration: h.app.registration } : {}),
      ...(h.app.electronicSignature ? { electronicSignature: h.app.electronicSignature } : {}),
      lpse: h.app.lpse,
      ...(!consolidated && covering
        ? {
            exemption: {
              id: covering.id,
              decree: covering.decree.number,
              expires: covering.expires,
              status: exemptionStatus(allowed, covering, verdict.today, spec.regency.name),
            },
          }
        : {}),
      backedUp: !hasData || backedUp.has(key),
    };
  });
  const withData = systems.filter((s) => s.database || s.volumes.length > 0);
  const recovery = recoverySummary(plan);
  const onboarded = systems.filter((s) => s.sso === "onboarded").length;
  const findings = findingsOf(verdict).map((f) => {
    const v = f.violations[0];
    return {
      policy: f.policy,
      level: f.level,
      title: adviceOf(f.policy).title,
      subjects: [...new Set(f.violations.map((x) => subjectOf(x) ?? x.urn.split("::").pop()!))],
      articles: mandatedArticles(v).join(", "),
      message: v.message,
      fingerprints: f.violations.map((x) => violationFingerprint(verdict.regency.slug, x)),
    };
  });
  const exemptions = spec.exemptions.map((e) => {
    const status = exemptionStatus(allowed, e, verdict.today, spec.regency.name);
    return {
      id: e.id,
      decree: e.decree.number,
      date: e.decree.date,
      scope: `${e.scope.opd}${e.scope.application ? `/${e.scope.application}` : ""}`,
      approver: e.approver,
      expires: e.expires,
      status,
      statusWords: EXEMPTION_STATUS[status],
    };
  });
  const sources = plan.backupJobs.map((j) => {
    const r = lastRestoreOf(d, j);
    return {
      source: `${j.namespace}/${j.source}`,
      system: `${j.namespace}/${j.app}`,
      kind: j.kind,
      policy: j.policy,
      site: j.targetSite,
      schedule: scheduleWords(j.schedule, j.timeZone),
      retention: { id: retentionText(j.retention, "id"), en: retentionText(j.retention, "en") },
      ...(r ? { lastRestore: r } : {}),
    };
  });
  const facts: ReportFacts = {
    schemaVersion: 1,
    regency: {
      slug: spec.regency.slug,
      name: spec.regency.name,
      province: spec.regency.province,
      regulation: d.reporting.regulation,
      ...(spec.phase ? { phase: spec.phase } : {}),
    },
    custodian: spec.custodian.name,
    period,
    generatedOn: d.generatedOn,
    reporting: {
      regulation: d.reporting.regulation,
      mandated: d.reporting.mandated,
      articles: d.reporting.citations.map((c) => ({ article: articleLabel(c), text: c.text })),
      summary: d.reporting.summary,
    },
    sites: spec.sites.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      location: s.location,
      operator: s.operator === "custodian" ? spec.custodian.name : opdName(s.operator),
      ...(s.platform ? { platform: s.platform } : {}),
    })),
    opds: spec.opds.map((o) => ({
      slug: o.slug,
      namespace: namespaceOfOpd(o.slug),
      name: o.name,
      ...(plan.tenants.find((t) => t.opd === o.slug)
        ? { segment: plan.tenants.find((t) => t.opd === o.slug)!.segment.cidr }
        : {}),
    })),
    systems,
    sso: {
      host: plan.sso.hostname,
      total: systems.length,
      onboarded,
      percent: systems.length ? Math.round((onboarded / systems.length) * 100) : 0,
    },
    backup: {
      sources,
      systemsWithData: withData.length,
      systemsBackedUp: withData.filter((s) => s.backedUp).length,
      pointInTime: {
        databases: recovery.pointInTime,
        ...(recovery.rpoSeconds
          ? { rpoMinutes: Math.round(recovery.rpoSeconds / 60), windowDays: recovery.windowDays }
          : {}),
      },
    },
    partners: spec.interconnections.map((c) => ({
      id: c.id,
      party: c.party,
      kind: c.kind,
      ...(c.agreement ? { agreement: c.agreement } : {}),
      network: c.remote.cidr,
      ports: c.remote.ports,
      systems: systems
        .filter((s) => model.applications.find((h) => h.app.id === s.id)?.app.interconnects.includes(c.id))
        .map((s) => s.key),
    })),
    internet: {
      blockedCategories: spec.internet.blockedCategories,
      egress: spec.internet.egress.map((e) => ({ id: e.id, opds: e.opds, to: e.to, ports: e.ports })),
    },
    exemptions,
    compliance: {
      mandatory: verdict.violations.filter((v) => v.level === "mandatory").length,
      advisory: verdict.violations.filter((v) => v.level === "advisory").length,
      rulesChecked: verdict.rulesChecked,
      findings,
    },
    recommendations: [],
    national: nationalObligations(model, verdict, d.drills),
  };
  facts.recommendations = recommendationsOf(facts, period);
  return facts;
}

/** What the custodian should do next, most pressing first: from the findings, then from the facts. */
function recommendationsOf(f: ReportFacts, period: Period): Bilingual[] {
  const out: Bilingual[] = [];
  const seen = new Set<string>();
  for (const level of ["mandatory", "advisory"]) {
    for (const finding of f.compliance.findings.filter((x) => x.level === level)) {
      const rule = finding.policy.replace(/-advisory$/, "");
      if (seen.has(rule)) continue;
      seen.add(rule);
      const advice = adviceOf(finding.policy).advice;
      const n = f.compliance.findings
        .filter((x) => x.policy.replace(/-advisory$/, "") === rule)
        .flatMap((x) => x.subjects).length;
      out.push({
        id: `${level === "mandatory" ? "Wajib" : "Disarankan"}: ${advice.id} (${n} temuan)`,
        en: `${level === "mandatory" ? "Required" : "Advised"}: ${advice.en} (${n} finding(s))`,
      });
    }
  }
  const gap = f.backup.systemsWithData - f.backup.systemsBackedUp;
  if (gap > 0) {
    const names = f.systems
      .filter((s) => !s.backedUp)
      .map((s) => s.name)
      .join(", ");
    out.push({
      id: `Pastikan data ${gap} sistem di luar pusat data ikut dibackup ke lokasi terpisah: ${names}.`,
      en: `Make sure the data of ${gap} system(s) outside the data center is backed up to a separate place: ${names}.`,
    });
  }
  const untested = f.backup.sources.filter((s) => !s.lastRestore || !s.lastRestore.ok || s.lastRestore.overdue).length;
  if (untested > 0)
    out.push({
      id: `Uji pemulihan ${untested} sumber backup yang belum teruji atau gagal, dan catat hasilnya.`,
      en: `Test the restore of ${untested} backup source(s) not yet tested or failed, and record the results.`,
    });
  const soon = f.exemptions.filter((e) => e.status === "valid" && e.expires <= addDays(period.end, 180));
  for (const e of soon)
    out.push({
      id: `Pengecualian ${e.scope} (${e.decree}) berakhir ${dateWords(e.expires).id}: siapkan konsolidasinya atau perpanjangan.`,
      en: `The exemption of ${e.scope} (${e.decree}) ends on ${dateWords(e.expires).en}: prepare its consolidation or a renewal.`,
    });
  return out;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** One change since the previous report. */
export interface Change {
  area: "opd" | "system" | "sso" | "backup" | "drill" | "finding" | "exemption";
  kind: "added" | "removed" | "changed";
  subject: string;
  words: Bilingual;
}

/** What changed between two reports' facts (the previous one read back from its report.json). */
export function changesSince(prev: ReportFacts, cur: ReportFacts): Change[] {
  const out: Change[] = [];
  const diff = <T>(
    area: Change["area"],
    a: T[],
    b: T[],
    key: (x: T) => string,
    label: (x: T) => string,
    what: Bilingual,
  ) => {
    const before = new Map(a.map((x) => [key(x), x]));
    const after = new Map(b.map((x) => [key(x), x]));
    for (const [k, x] of after)
      if (!before.has(k))
        out.push({
          area,
          kind: "added",
          subject: k,
          words: { id: `${what.id} baru: ${label(x)}`, en: `new ${what.en}: ${label(x)}` },
        });
    for (const [k, x] of before)
      if (!after.has(k))
        out.push({
          area,
          kind: "removed",
          subject: k,
          words: { id: `${what.id} dihapus: ${label(x)}`, en: `${what.en} removed: ${label(x)}` },
        });
    return { before, after };
  };
  diff(
    "opd",
    prev.opds,
    cur.opds,
    (o) => o.namespace,
    (o) => o.name,
    { id: "OPD", en: "OPD" },
  );
  const systems = diff(
    "system",
    prev.systems,
    cur.systems,
    (s) => s.key,
    (s) => `${s.name} (${s.key})`,
    { id: "aplikasi", en: "application" },
  );
  for (const [k, s] of systems.after) {
    const p = systems.before.get(k);
    if (!p) continue;
    if (p.sso !== s.sso)
      out.push({
        area: "sso",
        kind: "changed",
        subject: k,
        words:
          s.sso === "onboarded"
            ? { id: `${s.name} terhubung ke SSO`, en: `${s.name} onboarded to SSO` }
            : { id: `${s.name} kembali transisi SSO`, en: `${s.name} back in SSO transition` },
      });
    if (p.consolidated !== s.consolidated)
      out.push({
        area: "system",
        kind: "changed",
        subject: k,
        words: s.consolidated
          ? { id: `${s.name} dikonsolidasikan ke pusat data`, en: `${s.name} consolidated into the data center` }
          : { id: `${s.name} keluar dari pusat data`, en: `${s.name} left the data center` },
      });
  }
  const sources = diff(
    "backup",
    prev.backup.sources,
    cur.backup.sources,
    (s) => `${s.source}@${s.site}`,
    (s) => `${s.source} → ${s.site}`,
    { id: "sumber backup", en: "backup source" },
  );
  for (const [k, s] of sources.after) {
    const p = sources.before.get(k);
    const was = p?.lastRestore;
    const now = s.lastRestore;
    if (p && now && (!was || was.date !== now.date || was.ok !== now.ok)) {
      out.push({
        area: "drill",
        kind: "changed",
        subject: k,
        words: {
          id: `uji pemulihan ${s.source} ${dateWords(now.date).id}: ${now.ok ? "berhasil" : "gagal"}`,
          en: `restore test of ${s.source} on ${dateWords(now.date).en}: ${now.ok ? "succeeded" : "failed"}`,
        },
      });
    }
  }
  const before = new Set(prev.compliance.findings.flatMap((f) => f.fingerprints));
  const after = new Set(cur.compliance.findings.flatMap((f) => f.fingerprints));
  for (const f of cur.compliance.findings) {
    if (f.fingerprints.some((x) => !before.has(x)))
      out.push({
        area: "finding",
        kind: "added",
        subject: f.policy,
        words: {
          id: `temuan baru: ${f.title.id} (${f.subjects.join(", ")})`,
          en: `new finding: ${f.title.en} (${f.subjects.join(", ")})`,
        },
      });
  }
  for (const f of prev.compliance.findings) {
    if (f.fingerprints.some((x) => !after.has(x)))
      out.push({
        area: "finding",
        kind: "removed",
        subject: f.policy,
        words: {
          id: `temuan selesai: ${f.title.id} (${f.subjects.join(", ")})`,
          en: `finding resolved: ${f.title.en} (${f.subjects.join(", ")})`,
        },
      });
  }
  const exemptions = diff(
    "exemption",
    prev.exemptions,
    cur.exemptions,
    (e) => e.id,
    (e) => `${e.decree} (${e.scope})`,
    { id: "pengecualian", en: "exemption" },
  );
  for (const [k, e] of exemptions.after) {
    const p = exemptions.before.get(k);
    if (p && (p.status !== e.status || p.expires !== e.expires))
      out.push({
        area: "exemption",
        kind: "changed",
        subject: k,
        words: {
          id: `pengecualian ${e.decree}: ${e.statusWords.id}, berakhir ${dateWords(e.expires).id}`,
          en: `exemption ${e.decree}: ${e.statusWords.en}, ends ${dateWords(e.expires).en}`,
        },
      });
  }
  return out;
}

/** The figures a Bupati follows from one report to the next. */
export function trendOf(
  prev: ReportFacts | undefined,
  cur: ReportFacts,
): { label: Bilingual; before?: number; now: number; better: "up" | "down" }[] {
  const figures = (f: ReportFacts) => [
    { label: { id: "OPD", en: "OPDs" }, value: f.opds.length, better: "up" as const },
    { label: { id: "aplikasi", en: "applications" }, value: f.systems.length, better: "up" as const },
    {
      label: { id: "aplikasi terhubung SSO (%)", en: "applications on SSO (%)" },
      value: f.sso.percent,
      better: "up" as const,
    },
    {
      label: { id: "sistem berdata yang dibackup (%)", en: "systems with data backed up (%)" },
      value: f.backup.systemsWithData ? Math.round((f.backup.systemsBackedUp / f.backup.systemsWithData) * 100) : 100,
      better: "up" as const,
    },
    {
      label: { id: "sumber backup teruji", en: "backup sources tested" },
      value: f.backup.sources.filter((s) => s.lastRestore?.ok && !s.lastRestore.overdue).length,
      better: "up" as const,
    },
    {
      label: { id: "pelanggaran wajib", en: "mandatory violations" },
      value: f.compliance.mandatory,
      better: "down" as const,
    },
    { label: { id: "temuan saran", en: "advisory findings" }, value: f.compliance.advisory, better: "down" as const },
    {
      label: { id: "sistem di luar pusat data", en: "systems outside the data center" },
      value: f.systems.filter((s) => !s.consolidated).length,
      better: "down" as const,
    },
  ];
  const before = prev ? figures(prev) : undefined;
  return figures(cur).map((x, i) => ({
    label: x.label,
    ...(before ? { before: before[i].value } : {}),
    now: x.value,
    better: x.better,
  }));
}

/** Reads a previous report.json, refusing anything else with the file's name. */
export function readFacts(text: string, file: string): ReportFacts {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not a report.json (${(e as Error).message})`, { cause: e });
  }
  const f = data as Partial<ReportFacts>;
  if (
    f?.schemaVersion !== 1 ||
    !f.regency ||
    !Array.isArray(f.systems) ||
    !f.compliance ||
    !f.backup ||
    !Array.isArray(f.opds) ||
    !Array.isArray(f.exemptions)
  ) {
    throw new Error(
      `${file}: not a report.json of regency report (schemaVersion 1 with regency, opds, systems, backup, compliance, exemptions)`,
    );
  }
  return f as ReportFacts;
}
