/**
 * The rules across fields of a spec, as a table of small named checks (aws-cdk's validate-queue-props
 * style): each reads the spec through one context and reports what is wrong with its field path and,
 * where one applies, the regency's article. validate.ts runs them in order once the schema holds; each
 * can run alone (test/spec-checks.test.ts).
 */
import { CronExpressionParser } from "cron-parser";
import * as fs from "fs";
import * as path from "path";
import type { IpLock } from "./iplock";
import {
  citationEntryOf,
  loadRegistry,
  Registry,
  resolveCitation,
  ResolvedCitation,
  RuleCitation,
  SEEDS_DIR,
} from "./citations";
import { IpPlan, planIp, SegmentRequest } from "./ipplan";
import {
  backupSourceOf,
  claimOf,
  containerOf,
  databaseOf,
  hostnameOf,
  KEYCLOAK_DB,
  namespaceOf,
  namespaceOfOpd,
  PLATFORM_NAMESPACES,
  KEYCLOAK_CLIENTS,
  ssoHostnameOf,
} from "./names";
import { LINK_PREFIX, linksFit, linksOfApp } from "./docker-networks";
import { pointInTimeByDefault } from "./backup";
import { cidrEgressOf } from "./egress";
import { SpecIssue } from "./issues";
import { FieldPath, formatPath } from "./paths";
import { RuleId } from "./rules";
import { cpuText, memoryText, needOf, quantity } from "./sizing";
import { Application, Opd, PLATFORM_SEGMENTS, RegencySpec } from "./spec";

/** Every application with its owner: the custodian (common apps) or an OPD. */
export interface HostedApplication {
  app: Application;
  /** OPD slug, or undefined for the custodian's common applications. */
  opd?: string;
  /** Network segment the app runs in. */
  segment: string;
  path: FieldPath;
  hostname: string;
}

export const PLATFORM_SEGMENT_SIZE: Record<(typeof PLATFORM_SEGMENTS)[number], number> = {
  management: 24,
  dmz: 24,
  platform: 24,
  backup: 25,
  interconnect: 26,
  "common-apps": 24,
};

/** Host addresses an application needs: rolling updates double the pods; each backup job takes one. */
export function addressesFor(apps: Application[]): number {
  let n = 0;
  for (const a of apps) n += a.replicas * 2 + (a.database ? 2 : 0) + a.volumes.length;
  return n + 5;
}

export const opdSegmentName = namespaceOfOpd;

export const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** The site that hosts the estate: the custodian's primary site (else the first primary, which the policies then flag). */
export const mainSiteOf = (spec: RegencySpec) =>
  spec.sites.find((s) => s.kind === "primary" && s.operator === "custodian") ??
  spec.sites.find((s) => s.kind === "primary");

/** The spec's own citation for a rule (a fork's), else the registry's. */
const citationEntry = (spec: RegencySpec, registry: Registry | undefined, rule: RuleId): RuleCitation | undefined =>
  citationEntryOf(registry, spec.regency.regulation.citations, rule);

export function hosted(spec: RegencySpec, app: Application, opd: Opd | undefined, path: FieldPath): HostedApplication {
  return {
    app,
    ...(opd ? { opd: opd.slug } : {}),
    segment: opd ? opdSegmentName(opd.slug) : "common-apps",
    path,
    hostname: hostnameOf(app, spec.domain.name),
  };
}

/** What every check reads, and where it reports. */
export interface SpecContext {
  readonly spec: RegencySpec;
  readonly registry: Registry | undefined;
  readonly options: { lock?: IpLock; lockFile?: string };
  readonly applications: HostedApplication[];
  /** The ids declared (the first of any duplicates): what references are checked against. */
  readonly ids: {
    opds: Set<string>;
    dataGroups: Set<string>;
    backupPolicies: Set<string>;
    interconnections: Set<string>;
  };
  readonly issues: SpecIssue[];
  cite(rule: RuleId): ResolvedCitation;
  /** Reports an issue at a field, citing the rule's article when a rule is given. */
  add(path: FieldPath, id: string, en: string, rule?: RuleId): void;
  /** The IP plan, once the ip-plan check has made it. */
  ipPlan?: IpPlan;
}

export function specContext(spec: RegencySpec, options: { lock?: IpLock; lockFile?: string } = {}): SpecContext {
  const registry = loadRegistry(spec.regency.slug);
  const issues: SpecIssue[] = [];
  const cite = (rule: RuleId) => resolveCitation(rule, spec.regency.regulation, citationEntry(spec, registry, rule));
  return {
    spec,
    registry,
    options,
    applications: [
      ...spec.commonApplications.map((app, i) => hosted(spec, app, undefined, ["commonApplications", i])),
      ...spec.opds.flatMap((o, oi) =>
        o.applications.map((app, ai) => hosted(spec, app, o, ["opds", oi, "applications", ai])),
      ),
    ],
    ids: {
      opds: new Set(spec.opds.map((o) => o.slug)),
      dataGroups: new Set(spec.dataGroups.map((g) => g.id)),
      backupPolicies: new Set(spec.backup.policies.map((p) => p.id)),
      interconnections: new Set(spec.interconnections.map((x) => x.id)),
    },
    issues,
    cite,
    add: (path, id, en, rule) => issues.push({ path, id, en, ...(rule ? { rule, citation: cite(rule) } : {}) }),
  };
}

/** Reports every repeat of a key (at the repeat), and returns the first place of each. */
function duplicates(c: SpecContext, what: string, entries: [string, FieldPath][]): Map<string, FieldPath> {
  const seen = new Map<string, FieldPath>();
  for (const [key, path] of entries) {
    if (seen.has(key)) c.add(path, `${what} "${key}" ganda`, `duplicate ${what} "${key}"`);
    else seen.set(key, path);
  }
  return seen;
}

/** A reference to backup policies (one id or several) names only policies that exist. */
function checkPolicyRef(c: SpecContext, policy: string | string[] | undefined, at: FieldPath): void {
  const { add } = c;
  const policyIds = c.ids.backupPolicies;
  if (policy === undefined) return;
  for (const [i, id] of asList(policy).entries()) {
    if (!policyIds.has(id))
      add(
        Array.isArray(policy) ? [...at, i] : at,
        `kebijakan backup "${id}" tidak ada`,
        `backup policy "${id}" does not exist`,
        "backup",
      );
  }
}

/** A registered regency's stack names the regulation, its text and its articles as the registry records them. */
function checkRegistry(c: SpecContext): void {
  const { spec, add } = c;
  const registry = c.registry;
  if (registry) {
    const r = registry.regulation;
    const own = spec.regency.regulation;
    if (own.number !== r.number || own.year !== r.year) {
      add(
        ["regency", "regulation"],
        `regulasi ${spec.regency.slug} tercatat sebagai Nomor ${r.number} Tahun ${r.year}, bukan Nomor ${own.number} Tahun ${own.year}`,
        `the registry records ${spec.regency.slug}'s regulation as Nomor ${r.number} Tahun ${r.year}, not Nomor ${own.number} Tahun ${own.year}`,
      );
    }
    if (own.seedFile !== undefined && own.seedFile !== r.seedFile) {
      add(
        ["regency", "regulation", "seedFile"],
        `registri mencatat teks regulasi ${spec.regency.slug} sebagai ${r.seedFile ?? "(tidak ada)"}, bukan ${own.seedFile}`,
        `the registry records the text of ${spec.regency.slug}'s regulation as ${r.seedFile ?? "(none)"}, not ${own.seedFile}`,
      );
    }
    if (own.citations !== undefined) {
      add(
        ["regency", "regulation", "citations"],
        `pasal-pasal ${r.title} Nomor ${r.number} Tahun ${r.year} diambil dari registri regency-dc; berkas stack tidak dapat mengubahnya`,
        `the articles of ${r.title} Nomor ${r.number} Tahun ${r.year} come from the registry shipped with regency-dc; a stack file cannot change them (remove regency.regulation.citations)`,
      );
    }
  }
}

/** A fork's regulation text is in the collection of texts, where that collection is at hand. */
function checkRegulationText(c: SpecContext): void {
  const { spec, add } = c;
  const registry = c.registry;
  const seedFile = spec.regency.regulation.seedFile;
  if (
    !registry &&
    seedFile !== undefined &&
    fs.existsSync(SEEDS_DIR) &&
    !fs.existsSync(path.join(SEEDS_DIR, seedFile))
  ) {
    add(
      ["regency", "regulation", "seedFile"],
      `teks regulasi ${seedFile} tidak ada di ${SEEDS_DIR}`,
      `no regulation text ${seedFile} in ${SEEDS_DIR}`,
    );
  }
}

/** Ids and host names are declared once each; the regency slug is short enough for generated names. */
function checkUniqueIds(c: SpecContext): void {
  const { spec, add } = c;
  const applications = c.applications;
  const unique = (what: string, entries: [string, FieldPath][]) => duplicates(c, what, entries);
  // Unique ids, checked with one map per namespace.
  unique(
    "site id",
    spec.sites.map((s, i) => [s.id, ["sites", i, "id"]]),
  );
  unique(
    "OPD slug",
    spec.opds.map((o, i) => [o.slug, ["opds", i, "slug"]]),
  );
  unique(
    "data group",
    spec.dataGroups.map((g, i) => [g.id, ["dataGroups", i, "id"]]),
  );
  unique(
    "backup policy",
    spec.backup.policies.map((p, i) => [p.id, ["backup", "policies", i, "id"]]),
  );
  unique(
    "interconnection",
    spec.interconnections.map((c, i) => [c.id, ["interconnections", i, "id"]]),
  );
  unique(
    "exemption",
    spec.exemptions.map((e, i) => [e.id, ["exemptions", i, "id"]]),
  );
  unique(
    "egress rule",
    spec.internet.egress.map((e, i) => [e.id, ["internet", "egress", i, "id"]]),
  );

  unique(
    "application id",
    applications.map((h) => [h.app.id, [...h.path, "id"]]),
  );
  unique("hostname", [
    [ssoHostnameOf(spec), ["sso", "subdomain"]],
    ...applications.map((h): [string, FieldPath] => [h.hostname, [...h.path, "subdomain"]]),
  ]);
  if (spec.regency.slug.length > 30)
    add(["regency", "slug"], "slug kabupaten maks. 30 karakter", "the regency slug is at most 30 characters");
}

/** A custodian primary site exists (one); each site has what its platform needs and a known operator. */
function checkSites(c: SpecContext): void {
  const { spec, add } = c;
  const opdSlugs = c.ids.opds;
  const primaries = spec.sites.filter((s) => s.kind === "primary");
  if (primaries.length === 0)
    add(["sites"], "harus ada site primary", "there must be a primary site", "custodian-data-center");
  if (primaries.filter((s) => s.operator === "custodian").length > 1) {
    add(
      ["sites"],
      "custodian hanya punya satu site primary",
      "the custodian has at most one primary site",
      "custodian-data-center",
    );
  }
  spec.sites.forEach((s, i) => {
    const at: FieldPath = ["sites", i];
    if (s.kind === "portable-media") {
      if (!s.path) add([...at, "path"], "media portabel perlu path", "portable media need a path");
      return;
    }
    if (s.kind === "opd-server") return;
    if (!s.platform) {
      add(
        [...at, "platform"],
        "platform wajib untuk site primary/recovery (kubernetes atau docker)",
        "platform is required for primary and recovery sites (kubernetes or docker)",
      );
    } else if (s.platform === "kubernetes" && !s.endpoint?.kubeContext) {
      add(
        [...at, "endpoint", "kubeContext"],
        "site kubernetes perlu endpoint.kubeContext",
        "a kubernetes site needs endpoint.kubeContext",
      );
    } else if (s.platform === "docker" && !s.endpoint?.dockerHost) {
      add(
        [...at, "endpoint", "dockerHost"],
        "site docker perlu endpoint.dockerHost",
        "a docker site needs endpoint.dockerHost",
      );
    }
    if (s.operator !== "custodian" && !opdSlugs.has(s.operator)) {
      add(
        [...at, "operator"],
        `operator "${s.operator}" bukan "custodian" atau slug OPD`,
        `operator "${s.operator}" is neither "custodian" nor an OPD slug`,
      );
    }
  });
}

/** Backup policies named anywhere exist, schedule in five-field cron and target a site that can hold them. */
function checkBackupPolicies(c: SpecContext): void {
  const { spec, add } = c;
  const checkPolicy = (policy: string | string[] | undefined, at: FieldPath) => checkPolicyRef(c, policy, at);
  checkPolicy(spec.backup.default, ["backup", "default"]);
  spec.backup.policies.forEach((p, i) => {
    try {
      CronExpressionParser.parse(p.schedule);
      if (p.schedule.trim().split(/\s+/).length !== 5) throw new Error("fields");
    } catch {
      add(
        ["backup", "policies", i, "schedule"],
        `jadwal "${p.schedule}" bukan cron 5 kolom`,
        `schedule "${p.schedule}" is not a five-field cron expression`,
      );
    }
    const target = spec.sites.find((s) => s.id === p.targetSite);
    if (!target) {
      add(
        ["backup", "policies", i, "targetSite"],
        `site "${p.targetSite}" tidak ada`,
        `site "${p.targetSite}" does not exist`,
        "backup-separation",
      );
    } else if (mainSiteOf(spec)?.platform === "kubernetes" && !target.storageClass) {
      const at = spec.sites.indexOf(target);
      add(
        ["sites", at, "storageClass"],
        `site "${target.id}" menyimpan backup dari kluster Kubernetes: perlu storageClass`,
        `site "${target.id}" stores backups of a Kubernetes cluster: it needs a storageClass`,
        "backup-separation",
      );
    } else if (mainSiteOf(spec)?.platform === "docker" && !target.path) {
      const at = spec.sites.indexOf(target);
      add(
        ["sites", at, "path"],
        `site "${target.id}" menyimpan backup dari server Docker: perlu path`,
        `site "${target.id}" stores backups of a Docker server: it needs a path`,
        "backup-separation",
      );
    }
  });
}

/** Data groups come from the regulation's list where it has one. */
function checkDataGroups(c: SpecContext): void {
  const { spec, add } = c;
  const registry = c.registry;
  const groupList = citationEntry(spec, registry, "data-group-list");
  spec.dataGroups.forEach((g, i) => {
    if (g.huruf !== undefined && Array.isArray(groupList) && !groupList.some((c) => c.huruf === g.huruf)) {
      add(
        ["dataGroups", i, "huruf"],
        `huruf ${g.huruf} tidak ada dalam daftar kelompok basis data`,
        `huruf ${g.huruf} is not in the regulation's list of data groups`,
        "data-group-list",
      );
    }
  });
}

/** Each application is in the right list, on a site it may run on, with known data groups, backup policies and interconnections; one LPSE. */
function checkApplications(c: SpecContext): void {
  const { spec, add } = c;
  const registry = c.registry;
  const applications = c.applications;
  const groupIds = c.ids.dataGroups;
  const interconnectIds = c.ids.interconnections;
  const unique = (what: string, entries: [string, FieldPath][]) => duplicates(c, what, entries);
  const checkPolicy = (policy: string | string[] | undefined, at: FieldPath) => checkPolicyRef(c, policy, at);
  const commonList = citationEntry(spec, registry, "common-application-list");
  let lpseCount = 0;
  for (const h of applications) {
    const { app, path } = h;
    // An application's id is its SSO client id: one of Keycloak's own clients would be taken over.
    if ((KEYCLOAK_CLIENTS as readonly string[]).includes(app.id))
      add(
        [...path, "id"],
        `"${app.id}" adalah klien bawaan Keycloak: pakai id lain`,
        `"${app.id}" is one of Keycloak's own clients in every realm: use another id`,
        "sso",
      );
    const kind = app.kind ?? (h.opd ? "khusus" : "umum");
    if (h.opd && kind === "umum") {
      add(
        [...path, "kind"],
        "aplikasi umum disediakan oleh custodian: pindahkan ke commonApplications",
        "common applications are provided by the custodian: move it to commonApplications",
        "common-applications",
      );
    }
    if (!h.opd && kind === "khusus") {
      add(
        [...path, "kind"],
        "aplikasi khusus milik OPD: pindahkan ke opds[].applications",
        "an aplikasi khusus belongs to an OPD: move it to opds[].applications",
        "common-applications",
      );
    }
    if (app.huruf !== undefined) {
      if (h.opd)
        add(
          [...path, "huruf"],
          "huruf Pasal 8 hanya untuk aplikasi umum",
          "a Pasal 8 huruf is only for common applications",
          "common-application-list",
        );
      else if (Array.isArray(commonList) && !commonList.some((c) => c.huruf === app.huruf)) {
        add(
          [...path, "huruf"],
          `huruf ${app.huruf} tidak ada dalam daftar aplikasi umum`,
          `huruf ${app.huruf} is not in the regulation's list of common applications`,
          "common-application-list",
        );
      }
    }
    if (app.site !== undefined) {
      const site = spec.sites.find((x) => x.id === app.site);
      if (!site)
        add(
          [...path, "site"],
          `site "${app.site}" tidak ada`,
          `site "${app.site}" does not exist`,
          "server-consolidation",
        );
      else if (site.kind !== "opd-server" && site !== mainSiteOf(spec)) {
        add(
          [...path, "site"],
          `aplikasi berjalan di site primary custodian atau di site opd-server, bukan di "${site.id}" (${site.kind})`,
          `an application runs on the custodian's primary site or on an opd-server site, not on "${site.id}" (${site.kind})`,
          "server-consolidation",
        );
      }
    }
    if (app.lpse) lpseCount++;
    if (app.lpse && lpseCount > 1)
      add([...path, "lpse"], "hanya boleh ada 1 (satu) LPSE", "there may be only one LPSE", "lpse");
    if (h.hostname.length > 253) add([...path, "subdomain"], "nama host terlalu panjang", "hostname is too long");
    const checkGroups = (groups: string[], at: FieldPath) =>
      groups.forEach((g, gi) => {
        if (!groupIds.has(g))
          add(
            [...at, gi],
            `kelompok basis data "${g}" tidak didefinisikan di dataGroups`,
            `data group "${g}" is not defined in dataGroups`,
            "data-groups",
          );
      });
    if (app.database) {
      checkGroups(app.database.dataGroups, [...path, "database", "dataGroups"]);
      checkPolicy(app.database.backupPolicy, [...path, "database", "backupPolicy"]);
    }
    unique(
      "volume",
      app.volumes.map((v, vi) => [v.name, [...path, "volumes", vi, "name"]]),
    );
    app.volumes.forEach((v, vi) => {
      checkGroups(v.dataGroups, [...path, "volumes", vi, "dataGroups"]);
      checkPolicy(v.backupPolicy, [...path, "volumes", vi, "backupPolicy"]);
    });
    app.interconnects.forEach((c, ci) => {
      if (!interconnectIds.has(c))
        add(
          [...path, "interconnects", ci],
          `interkoneksi "${c}" tidak ada`,
          `interconnection "${c}" does not exist`,
          "interconnection",
        );
    });
  }
}

/** No two fields generate one Service, claim, Docker container or volume name. */
function checkGeneratedNames(c: SpecContext): void {
  const { add } = c;
  const applications = c.applications;
  // Generated names never collide: in a namespace (Services, claims) or on a Docker host (containers,
  // volumes, whose names carry the namespace), two fields that give one name are both named.
  const generated = new Map<string, FieldPath>();
  const claimName = (kind: string, name: string, path: FieldPath) => {
    const first = generated.get(`${kind}\0${name}`);
    if (!first) return void generated.set(`${kind}\0${name}`, path);
    add(
      path,
      `nama ${kind} "${name}" yang dibangkitkan sama dengan dari ${formatPath(first)}`,
      `the generated ${kind} name "${name}" is also generated from ${formatPath(first)}`,
    );
  };
  for (const h of applications) {
    if (h.app.site !== undefined) continue;
    const ns = namespaceOf(h.opd);
    const db = databaseOf(h.app.id);
    claimName("Service", `${ns}/${h.app.id}`, [...h.path, "id"]);
    claimName("Docker container", containerOf(ns, h.app.id), [...h.path, "id"]);
    if (h.app.database) {
      claimName("Service", `${ns}/${db}`, [...h.path, "database"]);
      claimName("Docker container", containerOf(ns, db), [...h.path, "database"]);
    }
    h.app.volumes.forEach((v, vi) => {
      claimName("PersistentVolumeClaim", `${ns}/${claimOf(h.app.id, v.name)}`, [...h.path, "volumes", vi, "name"]);
      claimName("Docker volume", containerOf(ns, claimOf(h.app.id, v.name)), [...h.path, "volumes", vi, "name"]);
    });
  }
}

/** Restore tests recorded by hand name a real backup source. */
function checkRestoreRecords(c: SpecContext): void {
  const { spec, add } = c;
  const applications = c.applications;
  const sources = new Set(
    applications
      .flatMap((h) => {
        const ns = namespaceOf(h.opd);
        return [
          ...(h.app.database ? [backupSourceOf(ns, databaseOf(h.app.id))] : []),
          ...h.app.volumes.map((v) => backupSourceOf(ns, claimOf(h.app.id, v.name))),
        ];
      })
      .concat(backupSourceOf(PLATFORM_NAMESPACES.sso, KEYCLOAK_DB)),
  );

  spec.backup.verifiedRestores.forEach((r, i) => {
    if (!sources.has(r.source))
      add(
        ["backup", "verifiedRestores", i, "source"],
        `"${r.source}" bukan sumber backup`,
        `"${r.source}" is not a backup source (<namespace>/<database or volume>)`,
        "backup",
      );
  });
}

/** An OPD's quota is not below what its applications request. */
function checkQuotas(c: SpecContext): void {
  const { spec, add } = c;
  // A quota below what the OPD declares would stop its own pods from starting.
  spec.opds.forEach((o, i) => {
    if (!o.quota) return;
    const need = needOf(o.applications);
    const at: FieldPath = ["opds", i, "quota"];
    if (quantity(o.quota.cpu) < need.cpu)
      add(
        [...at, "cpu"],
        `kuota CPU ${o.quota.cpu} < kebutuhan ${cpuText(need.cpu)}`,
        `CPU quota ${o.quota.cpu} is below the ${cpuText(need.cpu)} its applications request`,
      );
    if (quantity(o.quota.memory) < need.memory)
      add(
        [...at, "memory"],
        `kuota memori ${o.quota.memory} < kebutuhan ${memoryText(need.memory)}`,
        `memory quota ${o.quota.memory} is below the ${memoryText(need.memory)} its applications request`,
      );
    if (o.quota.storageGi < need.storageGi)
      add(
        [...at, "storageGi"],
        `kuota penyimpanan ${o.quota.storageGi}Gi < kebutuhan ${need.storageGi}Gi`,
        `storage quota ${o.quota.storageGi}Gi is below the ${need.storageGi}Gi of its databases and volumes`,
      );
  });
}

/** Exemptions name a real OPD (and its application) and end after they are decreed. */
function checkExemptions(c: SpecContext): void {
  const { spec, add } = c;
  const applications = c.applications;
  const opdSlugs = c.ids.opds;
  // Exemptions: well-formed here; whether the regulation allows them is the policy pack's rule.
  const appsByOpd = new Map<string, Set<string>>();
  for (const h of applications) if (h.opd) appsByOpd.set(h.opd, (appsByOpd.get(h.opd) ?? new Set()).add(h.app.id));
  spec.exemptions.forEach((e, i) => {
    const at: FieldPath = ["exemptions", i];
    if (!opdSlugs.has(e.scope.opd))
      add([...at, "scope", "opd"], `OPD "${e.scope.opd}" tidak ada`, `OPD "${e.scope.opd}" does not exist`);
    else if (e.scope.application !== undefined && !appsByOpd.get(e.scope.opd)?.has(e.scope.application)) {
      add(
        [...at, "scope", "application"],
        `aplikasi "${e.scope.application}" bukan milik ${e.scope.opd}`,
        `application "${e.scope.application}" does not belong to ${e.scope.opd}`,
      );
    }
    if (e.expires <= e.decree.date)
      add(
        [...at, "expires"],
        "tanggal berakhir harus setelah tanggal keputusan",
        "expiry must be after the decree date",
      );
  });
}

/** Egress rules name real OPDs. */
function checkEgress(c: SpecContext): void {
  const { spec, add } = c;
  const opdSlugs = c.ids.opds;
  spec.internet.egress.forEach((e, i) =>
    e.opds.forEach((o, oi) => {
      if (o !== "*" && !opdSlugs.has(o))
        add(
          ["internet", "egress", i, "opds", oi],
          `OPD "${o}" tidak ada`,
          `OPD "${o}" does not exist`,
          "internet-provision",
        );
    }),
  );
}

/** Every segment is numbered inside the supernet, frozen where the lock says, and big enough for its Docker networks. */
function checkIpPlan(c: SpecContext): void {
  const { spec, add } = c;
  const options = c.options;
  const applications = c.applications;
  const requests: SegmentRequest[] = [
    ...PLATFORM_SEGMENTS.map((name): SegmentRequest => {
      const o = spec.network.segments[name] ?? {};
      const minAddresses = name === "common-apps" ? addressesFor(spec.commonApplications) : 16;
      return {
        name,
        purpose: name,
        ...(o.cidr !== undefined ? { cidr: o.cidr } : {}),
        prefixLength: o.prefixLength ?? PLATFORM_SEGMENT_SIZE[name],
        minAddresses,
        path: ["network", "segments", name, ...(o.cidr !== undefined ? ["cidr"] : [])],
      };
    }),
    ...spec.opds.map((o: Opd, i): SegmentRequest => ({
      name: opdSegmentName(o.slug),
      purpose: "opd",
      opd: o.slug,
      ...(o.network.cidr !== undefined ? { cidr: o.network.cidr } : {}),
      prefixLength: o.network.prefixLength ?? spec.network.opdPrefixLength,
      minAddresses: addressesFor(o.applications),
      path: ["opds", i, "network", ...(o.network.cidr !== undefined ? ["cidr"] : [])],
    })),
  ];
  // Frozen allocations: a segment the spec does not pin keeps its CIDR from the lock; one it pins elsewhere is a move the lock must record.
  const lockName = options.lockFile ?? "the IP plan lock";
  for (const r of requests) {
    const frozen = options.lock?.segments[r.name];
    if (frozen === undefined) continue;
    if (r.cidr === undefined) {
      r.cidr = frozen;
      r.frozen = true;
    } else if (r.cidr !== frozen) {
      add(
        r.path,
        `segmen ${r.name} dipindah dari ${frozen} (terkunci di ${lockName}) ke ${r.cidr}: catat pemindahan dengan \`regency ipplan --write-lock\``,
        `segment ${r.name} moves from ${frozen} (frozen in ${lockName}) to ${r.cidr}: record the move with \`regency ipplan --write-lock\`, so the lock's diff shows it`,
        "ip-numbering",
      );
    }
  }
  const ip = planIp({
    supernet: spec.network.supernet,
    supernetPath: ["network", "supernet"],
    reserved: spec.network.reserved.map((r, i) => ({
      cidr: r.cidr,
      label: r.purpose,
      path: ["network", "reserved", i, "cidr"],
    })),
    requests,
    external: spec.interconnections.map((c, i) => ({
      cidr: c.remote.cidr,
      label: `${c.party} ${c.remote.cidr}`,
      path: ["interconnections", i, "remote", "cidr"],
    })),
  });
  for (const i of ip.issues) add(i.path, i.id, i.en, "ip-numbering");
  // On one server (Docker) each allowed flow is a /29 network numbered inside its namespace's segment.
  for (const s of ip.plan?.segments ?? []) {
    const owners =
      s.purpose === "common-apps"
        ? applications.filter((h) => !h.opd)
        : s.purpose === "opd"
          ? applications.filter((h) => h.opd === s.opd)
          : [];
    const links = owners
      .filter((h) => h.app.site === undefined)
      .reduce(
        (n, h) =>
          n +
          linksOfApp(
            h.app,
            h.app.interconnects.length > 0 || cidrEgressOf(spec.internet.egress, h.opd).length > 0,
            !!h.app.database && (h.app.database.pointInTime ?? pointInTimeByDefault(h.app.database.keys)),
          ),
        0,
      );
    if (!linksFit(s.cidr, links)) {
      const request = requests.find((r) => r.name === s.name)!;
      add(
        request.path,
        `segmen ${s.name} (${s.cidr}) tidak cukup untuk ${links} jaringan Docker /${LINK_PREFIX} aplikasinya`,
        `segment ${s.name} (${s.cidr}) cannot hold the ${links} Docker /${LINK_PREFIX} networks of its applications (one per allowed flow); give it a shorter prefix`,
        "ip-numbering",
      );
    }
  }

  c.ipPlan = ip.plan;
}

export interface SpecCheck {
  /** A short name, for tests and for whoever reads an issue back to its check. */
  name: string;
  check(c: SpecContext): void;
}

/** The checks, in the order their issues are reported. */
export const SPEC_CHECKS: SpecCheck[] = [
  { name: "registry", check: checkRegistry },
  { name: "regulation-text", check: checkRegulationText },
  { name: "unique-ids", check: checkUniqueIds },
  { name: "sites", check: checkSites },
  { name: "backup-policies", check: checkBackupPolicies },
  { name: "data-groups", check: checkDataGroups },
  { name: "applications", check: checkApplications },
  { name: "generated-names", check: checkGeneratedNames },
  { name: "restore-records", check: checkRestoreRecords },
  { name: "quotas", check: checkQuotas },
  { name: "exemptions", check: checkExemptions },
  { name: "egress", check: checkEgress },
  { name: "ip-plan", check: checkIpPlan },
];
