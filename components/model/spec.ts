/**
 * The regency spec: the one document a regency edits (in its stack file, under `regency:spec`).
 * Structure only; rules that need more than one field live in validate.ts.
 */
import { z } from "zod";
import { RuleCitationSchema } from "./citations";
import { RULE_IDS } from "./rules";
import { DEFAULT_MAX_DRILL_AGE_DAYS, NATIONAL_MAX_DRILL_AGE_DAYS } from "./drills";

/** A DNS-label-safe identifier, also usable as a Kubernetes namespace and Docker name. */
const slug = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, {
      error: `${what} harus huruf kecil, angka dan '-' (maks. 40) / ${what} must be lowercase letters, digits and '-' (max 40)`,
    });

const text = z.string().trim().min(2);
/** One backup policy id or several (e.g. daily to the DR site and weekly to portable media). */
const policyRefs = z.union([slug("backupPolicy"), z.array(slug("backupPolicy")).min(1)]);
const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, {
  error: "bukan CIDR IPv4 (mis. 10.20.0.0/16) / not an IPv4 CIDR (e.g. 10.20.0.0/16)",
});
/** A calendar day: the form first (YYYY-MM-DD), then that the day exists (no 30 February). */
export const isCalendarDay = (s: string) => {
  const [y, m, d] = s.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
const isoDate = z.iso.date({
  error: (i) =>
    typeof i.input === "string" && /^\d{4}-\d{2}-\d{2}$/.test(i.input)
      ? `${i.input} bukan tanggal yang ada / ${i.input} is not a day of the calendar`
      : "tanggal harus YYYY-MM-DD / date must be YYYY-MM-DD",
});
const quantity = z.string().regex(/^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti)?$/, {
  error: "bukan kuantitas Kubernetes (mis. 500m, 2, 512Mi) / not a Kubernetes quantity (e.g. 500m, 2, 512Mi)",
});

export const SITE_KINDS = ["primary", "recovery", "portable-media", "opd-server"] as const;
export const PLATFORMS = ["kubernetes", "docker"] as const;
export const SSO_STATUSES = ["onboarded", "transition"] as const;
/** Pasal 7 Perbup OKU Selatan 16/2018: the five phases of e-government. */
export const PHASES = ["persiapan", "pematangan", "pemantapan", "pemanfaatan", "evaluasi"] as const;
export const PARTY_KINDS = ["bank", "insurance", "bpjs", "notary", "airport", "vertical-agency", "other"] as const;

export const SiteSchema = z.strictObject({
  /** Stable id, referenced by backup policies. */
  id: slug("id"),
  /**
   * primary = a data center (pusat data, ruang server); recovery = a DR center (pusat pemulihan data);
   * portable-media = removable backup media; opd-server = an OPD's own server room, not yet consolidated.
   */
  kind: z.enum(SITE_KINDS),
  name: text,
  location: text,
  /** `custodian`, or the slug of the OPD that runs it (which the policy pack flags). */
  operator: slug("operator"),
  /** Where workloads and volumes of this site are provisioned; omitted for portable media. */
  platform: z.enum(PLATFORMS).optional(),
  /** Kubernetes context (kubernetes) or Docker host URL (docker) of this site. */
  endpoint: z
    .strictObject({
      kubeContext: z.string().min(1).optional(),
      /** The cluster's API server URL: how the policy pack recognises the site in any stack's kubeconfig. */
      kubeApiServer: z.string().regex(/^https:\/\/.+/).optional(),
      /** Other endpoints that identify the site in any stack's provider: hypervisor URLs (vSphere, Proxmox, OpenStack, libvirt), cloud accounts or projects, SSH hosts. */
      identifiers: z.array(z.string().min(1)).optional(),
      dockerHost: z.string().regex(/^(unix|tcp|ssh):\/\/.+/).optional(),
    })
    .optional(),
  /** Storage class (kubernetes) of live data on a primary site, of backups on a recovery site. */
  storageClass: z.string().min(1).optional(),
  /**
   * Kubernetes: namespaces of the cluster's own add-ons (CNI, load balancer, ingress controller) that the
   * admission policies leave to the cluster's operators, like kube-system. Every other namespace must be
   * in the plan.
   */
  systemNamespaces: z.array(slug("systemNamespaces")).optional(),
  /** Host directory that holds backups stored at this site (docker recovery sites, portable media): a mount of the site's storage. */
  path: z.string().regex(/^\//, { error: "harus path absolut / must be an absolute path" }).optional(),
});

const SegmentOverride = z.strictObject({
  cidr: cidr.optional(),
  prefixLength: z.number().int().min(16).max(29).optional(),
});

export const PLATFORM_SEGMENTS = ["management", "dmz", "platform", "backup", "interconnect", "common-apps"] as const;

export const NetworkSchema = z.strictObject({
  /** The custodian's address space; every segment is numbered inside it. */
  supernet: cidr,
  /** Ranges the plan must never hand out (router links, cluster service CIDR, …). */
  reserved: z.array(z.strictObject({ cidr, purpose: text })).default([]),
  /** Default size of an OPD segment. */
  opdPrefixLength: z.number().int().min(16).max(29).default(24),
  /** calico: each OPD's pods take addresses from its own segment (Calico IPPools); generic: NetworkPolicies only. */
  cni: z.enum(["calico", "generic"]).default("generic"),
  /** Optional pins or sizes for the custodian's own segments. */
  segments: z.partialRecord(z.enum(PLATFORM_SEGMENTS), SegmentOverride).default({}),
});

export const DatabaseSchema = z.strictObject({
  engine: z.literal("postgresql").default("postgresql"),
  sizeGi: z.number().int().min(1).max(10000).default(10),
  /** Kelompok basis data: ids from the spec's `dataGroups`. */
  dataGroups: z.array(slug("dataGroups[]")).min(1),
  /** The Wali Data (data steward) appointed for this database. */
  waliData: text.optional(),
  /** Identity keys the data is based on (NIK for citizens, NIP for civil servants). */
  keys: z.array(z.enum(["NIK", "NIP"])).default([]),
  /** Backup policy id(s); the spec's default when omitted. */
  backupPolicy: policyRefs.optional(),
  /** A port on which the database is published outside the cluster or server (the policy pack forbids it). */
  publishedPort: z.number().int().min(1).max(65535).optional(),
  /**
   * Point-in-time recovery: WAL archived continuously beside the daily copies. Default: on for
   * databases keyed by NIK or NIP (population and civil-servant records), off otherwise.
   */
  pointInTime: z.boolean().optional(),
});

export const VolumeSchema = z.strictObject({
  name: slug("name"),
  mountPath: z.string().regex(/^\/[^\s]*$/, { error: "harus path absolut / must be an absolute path" }),
  sizeGi: z.number().int().min(1).max(10000).default(5),
  dataGroups: z.array(slug("dataGroups[]")).default([]),
  backupPolicy: policyRefs.optional(),
});

export const ApplicationSchema = z.strictObject({
  /** Unique in the regency; also the SSO client id. */
  id: slug("id"),
  name: text,
  /** umum = common application provided by the custodian; khusus = an OPD's own. */
  kind: z.enum(["umum", "khusus"]).optional(),
  /** For common applications: the huruf of the regulation's Pasal 8 list this app implements. */
  huruf: z.string().regex(/^[a-z]$/).optional(),
  image: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._\-/:@]*$/, { error: "bukan nama image OCI / not an OCI image reference" })
    // `user:password@registry/…` is not an image reference but a credential in clear (pull secrets are for that).
    .refine((s) => !/^[^/]*:[^/@]*@/.test(s), { error: "kredensial di dalam nama image; gunakan pull secret / a credential inside the image reference; use a pull secret" }),
  /** Where it runs: the custodian's primary site unless an `opd-server` site is named (unconsolidated). */
  site: slug("site").optional(),
  /** A full hostname instead of `<subdomain>.<domain>` (a legacy name; the policy pack checks it). */
  hostname: z.string().regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, { error: "bukan nama host / not a hostname" }).optional(),
  /** Label under the regency domain: `<subdomain>.<domain>`. */
  subdomain: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, {
    error: "subdomain harus satu label DNS / subdomain must be one DNS label",
  }),
  /** Published on the internet through the DMZ ingress; otherwise intranet only. */
  public: z.boolean().default(true),
  port: z.number().int().min(1).max(65535).default(8080),
  replicas: z.number().int().min(1).max(50).default(1),
  resources: z.strictObject({ cpu: quantity.default("500m"), memory: quantity.default("512Mi") }).default({ cpu: "500m", memory: "512Mi" }),
  database: DatabaseSchema.optional(),
  volumes: z.array(VolumeSchema).default([]),
  /** SSO onboarding (bertahap): onboarded, or still in transition. */
  sso: z.enum(SSO_STATUSES).default("transition"),
  /** Interconnection ids this app talks to. */
  interconnects: z.array(slug("interconnects[]")).default([]),
  /** Registration number at the custodian (device/system registration, e.g. OKU Selatan Pasal 10). */
  registration: text.optional(),
  /** Electronic signatures produced by this app (e.g. Bulukumba Pasal 14-16). */
  electronicSignature: z.enum(["certified", "uncertified"]).optional(),
  /** This app is the regency's LPSE procurement system (e.g. Batang Hari Pasal 18). */
  lpse: z.boolean().default(false),
});

export const OpdSchema = z.strictObject({
  slug: slug("slug"),
  /** Official name, e.g. "Dinas Kesehatan". */
  name: text,
  /** Default Wali Data for this OPD's databases. */
  waliData: text.optional(),
  network: SegmentOverride.default({}),
  /** Resource quota of the OPD's namespace; derived from its applications when omitted. */
  quota: z.strictObject({ cpu: quantity, memory: quantity, storageGi: z.number().int().min(1).max(1_000_000) }).optional(),
  applications: z.array(ApplicationSchema).default([]),
});

const keep = z.number().int().min(0).max(3650).default(0);

export const BackupPolicySchema = z.strictObject({
  id: slug("id"),
  /** Five-field cron, in `backup.timeZone`. */
  schedule: z.string().min(9),
  /**
   * Snapshots kept by age (restic's --keep-daily/-weekly/-monthly/-yearly): e.g. `{daily: 14, weekly: 8,
   * monthly: 12}` keeps the last snapshot of each of the last 14 days, 8 weeks and 12 months.
   */
  retention: z
    .strictObject(
      {
        daily: keep,
        weekly: keep,
        monthly: keep,
        yearly: keep,
      },
      { error: "retensi menurut waktu / retention by time: { daily, weekly, monthly, yearly } (jumlah salinan tidak lagi diterima / a copy count is no longer accepted)" },
    )
    .refine((r) => r.daily + r.weekly + r.monthly + r.yearly > 0, { error: "retensi harus menyimpan sesuatu / the retention must keep at least one snapshot" }),
  /** Site id that stores the copies (must not be the primary site). */
  targetSite: slug("targetSite"),
});

export const ExemptionSchema = z.strictObject({
  id: slug("id"),
  /** The Keputusan Bupati that grants it. */
  decree: z.strictObject({ number: text, date: isoDate }),
  scope: z.strictObject({ opd: slug("opd"), application: slug("application").optional() }),
  approver: text,
  expires: isoDate,
  category: z.enum(["waiver", "mitigated"]).default("waiver"),
  reason: text,
});

export const InterconnectionSchema = z.strictObject({
  id: slug("id"),
  party: text,
  kind: z.enum(PARTY_KINDS),
  /** The partner's network, reached through the interconnect segment. */
  remote: z.strictObject({ cidr, ports: z.array(z.number().int().min(1).max(65535)).min(1) }),
  /** The cooperation agreement (perjanjian kerja sama). */
  agreement: text.optional(),
});

export const EgressRuleSchema = z.strictObject({
  id: slug("id"),
  /** OPD slugs, or ["*"] for all. */
  opds: z.array(z.string().min(1)).min(1),
  to: z.array(z.string().min(1)).min(1),
  ports: z.array(z.number().int().min(1).max(65535)).min(1),
});

export const RegencySpecSchema = z.strictObject({
  regency: z.strictObject({
    slug: slug("slug"),
    name: z.string().regex(/^Kabupaten [A-Z]/, { error: 'harus diawali "Kabupaten " / must start with "Kabupaten "' }),
    province: text,
    regulation: z.strictObject({
      title: z.string().regex(/^Peraturan Bupati /, { error: 'harus diawali "Peraturan Bupati " / must start with "Peraturan Bupati "' }),
      number: z.string().regex(/^[0-9]+$/),
      year: z.number().int().min(1945).max(2100),
      about: text,
      /** The regulation's text: a file name in the collection of texts (../shared/seeds), never a path. */
      seedFile: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(txt|md)$/, { error: "nama berkas teks (.txt/.md), bukan jalur / a text file name (.txt/.md), not a path" }).optional(),
      /** For a regency outside the registry: its own quoted articles, by rule id. */
      citations: z.partialRecord(z.enum(RULE_IDS), RuleCitationSchema).optional(),
    }),
  }),
  custodian: z.strictObject({
    /** The unit the regulation names, e.g. "Dinas Komunikasi dan Informatika". */
    name: text,
    kind: z.enum(["dinas", "bagian"]),
    /** For a Bagian: the Sekretariat it belongs to. */
    parent: text.optional(),
  }),
  domain: z.strictObject({
    name: z
      .string()
      // A domain name is ASCII: an internationalised one is written in punycode (xn--…).
      .regex(/^[\x21-\x7e]+$/, { error: "nama domain harus ASCII (punycode xn--… untuk huruf lain) / a domain name is ASCII (punycode xn--… for other letters)", abort: true })
      .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+go\.id$/, {
        error: "domain resmi harus berakhiran .go.id / the official domain must end in .go.id",
      }),
    /** regulation = the name is written in the regulation; configured = chosen by the custodian. */
    source: z.enum(["regulation", "configured"]),
    /** Where the regulation lets the Bupati set another domain (Bulukumba Pasal 10 ayat (2)): the Keputusan Bupati. */
    decree: z.strictObject({ number: text, date: isoDate }).optional(),
  }),
  sites: z.array(SiteSchema).min(1),
  network: NetworkSchema,
  sso: z
    .strictObject({ realm: slug("realm").optional(), subdomain: z.string().regex(/^[a-z0-9-]+$/).default("sso") })
    .default({ subdomain: "sso" }),
  /** The regulation's kelompok basis data. */
  dataGroups: z.array(z.strictObject({ id: slug("id"), name: text, huruf: z.string().regex(/^[a-z]$/).optional() })).default([]),
  /** Aplikasi umum, provided and run by the custodian. */
  commonApplications: z.array(ApplicationSchema).default([]),
  opds: z.array(OpdSchema).min(1),
  backup: z.strictObject({
    /** Policy id(s) applied to every database and volume that names none. */
    default: policyRefs,
    /** IANA time zone of the schedules (WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura). */
    timeZone: z.enum(["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"]).default("Asia/Jakarta"),
    policies: z.array(BackupPolicySchema).min(1),
    /** Restore drills: each database and volume restored from its newest copy into a scratch place and checked, on this schedule (five-field cron). */
    drills: z
      .strictObject({
        schedule: z.string().min(9).default("0 4 * * 6"),
        /** Days within which every source must have a successful drill (the pack flags it after): the national rule allows at most two years. */
        maxAgeDays: z
          .number()
          .int()
          .min(1)
          .max(NATIONAL_MAX_DRILL_AGE_DAYS, {
            error: `paling lama ${NATIONAL_MAX_DRILL_AGE_DAYS} hari: rencana keberlangsungan diuji paling sedikit 1 kali dalam 2 tahun (Permenkominfo 4/2024 Pasal 46 ayat (3)) / at most ${NATIONAL_MAX_DRILL_AGE_DAYS} days: the continuity plan is tested at least once every 2 years (Permenkominfo 4/2024 Pasal 46 ayat (3))`,
          })
          .default(DEFAULT_MAX_DRILL_AGE_DAYS),
      })
      .default({ schedule: "0 4 * * 6", maxAgeDays: DEFAULT_MAX_DRILL_AGE_DAYS }),
    /** Point-in-time recovery: the most WAL that may be lost (archive_timeout) and how far back a database can be recovered. */
    pointInTime: z
      .strictObject({ rpoSeconds: z.number().int().min(30).max(86400).default(300), windowDays: z.number().int().min(1).max(90).default(7) })
      .default({ rpoSeconds: 300, windowDays: 7 }),
    /** Share of the backed-up data that changes per day, in percent: sizes the repositories (see `repositorySizeGi`). */
    dailyChangePercent: z.number().min(0).max(100).default(1),
    /** Restores actually tested (by the custodian), for the report: `<namespace>/<source>`, date, result. */
    verifiedRestores: z
      .array(z.strictObject({ source: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/), date: isoDate, result: z.enum(["ok", "failed"]), note: text.optional() }))
      .default([]),
  }),
  exemptions: z.array(ExemptionSchema).default([]),
  interconnections: z.array(InterconnectionSchema).default([]),
  internet: z
    .strictObject({
      /** Categories of sites blocked for all OPDs (internet site control). */
      blockedCategories: z.array(text).default([]),
      egress: z.array(EgressRuleSchema).default([]),
    })
    .default({ blockedCategories: [], egress: [] }),
  /** Current e-government phase (where the regulation phases e-government in). */
  phase: z.enum(PHASES).optional(),
  /** Prefix for every container image (an air-gapped registry mirror). */
  imageMirror: z.string().optional(),
});

export type RegencySpec = z.infer<typeof RegencySpecSchema>;
export type RegencySpecInput = z.input<typeof RegencySpecSchema>;
export type Site = z.infer<typeof SiteSchema>;
export type Opd = z.infer<typeof OpdSchema>;
export type Application = z.infer<typeof ApplicationSchema>;
export type Database = z.infer<typeof DatabaseSchema>;
export type Volume = z.infer<typeof VolumeSchema>;
export type BackupPolicy = z.infer<typeof BackupPolicySchema>;
export type Exemption = z.infer<typeof ExemptionSchema>;
export type Interconnection = z.infer<typeof InterconnectionSchema>;
