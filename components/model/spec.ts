/**
 * The regency spec: the one document a regency edits (in its stack file, under `regency:spec`).
 * Structure only; rules that need more than one field live in validate.ts.
 */
import { z } from "zod";
import { CIDR, QUANTITY } from "./formats";
import { RuleCitationSchema } from "./citations";
import { RULE_IDS } from "./rules";
import { DEFAULT_MAX_DRILL_AGE_DAYS, NATIONAL_MAX_DRILL_AGE_DAYS } from "./drills";

/** A DNS-label-safe identifier, also usable as a Kubernetes namespace and Docker name. */
const slug = (what: string) =>
  z.string().regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, {
    error: `${what} harus huruf kecil, angka dan '-' (maks. 40) / ${what} must be lowercase letters, digits and '-' (max 40)`,
  });

const text = z.string().trim().min(2);
/** One backup policy id or several (e.g. daily to the DR site and weekly to portable media). */
const policyRefs = z.union([slug("backupPolicy"), z.array(slug("backupPolicy")).min(1)]);
const cidr = z.string().regex(CIDR, {
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
const quantity = z.string().regex(QUANTITY, {
  error: "bukan kuantitas Kubernetes (mis. 500m, 2, 512Mi) / not a Kubernetes quantity (e.g. 500m, 2, 512Mi)",
});

export const SITE_KINDS = ["primary", "recovery", "portable-media", "opd-server"] as const;
export const PLATFORMS = ["kubernetes", "docker"] as const;
export const SSO_STATUSES = ["onboarded", "transition"] as const;
/** Pasal 7 Perbup OKU Selatan 16/2018: the five phases of e-government. */
export const PHASES = ["persiapan", "pematangan", "pemantapan", "pemanfaatan", "evaluasi"] as const;
export const PARTY_KINDS = [
  "bank",
  "insurance",
  "bpjs",
  "notary",
  "airport",
  "vertical-agency",
  "national-data-center",
  "intra-government-network",
  "other",
] as const;
/** ISO 3166-1 alpha-2 code of Indonesia, where a public electronic system keeps its data (PP 71/2019 Pasal 20 ayat (2)). */
export const INDONESIA = "ID";

export const SiteSchema = z.strictObject({
  id: slug("id").describe("Stable id, referenced by backup policies."),
  kind: z
    .enum(SITE_KINDS)
    .describe(
      "primary = a data center (pusat data, ruang server); recovery = a DR center (pusat pemulihan data); portable-media = removable backup media; opd-server = an OPD's own server room, not yet consolidated.",
    ),
  name: text.describe('Name of the site, e.g. "Ruang Server Pusat Data".'),
  location: text.describe(
    "Where it is: building and town (the report names it; national rules ask where data is kept).",
  ),
  operator: slug("operator").describe(
    "`custodian`, or the slug of the OPD that runs it (which the policy pack flags).",
  ),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, {
      error: "kode negara ISO 3166-1 dua huruf besar, mis. ID / a two-letter ISO 3166-1 country code, e.g. ID",
    })
    .default(INDONESIA)
    .describe(
      "Country the site is in, ISO 3166-1 alpha-2 (default ID, Indonesia): data of a public electronic system is kept in Indonesia (PP 71/2019 Pasal 20 ayat (2)).",
    ),
  platform: z
    .enum(PLATFORMS)
    .optional()
    .describe("Where workloads and volumes of this site are provisioned; omitted for portable media."),
  endpoint: z
    .strictObject({
      kubeContext: z.string().min(1).optional().describe("Kubernetes: the kubeconfig context of the site's cluster."),
      kubeApiServer: z
        .string()
        .regex(/^https:\/\/.+/)
        .optional()
        .describe("The cluster's API server URL: how the policy pack recognises the site in any stack's kubeconfig."),
      identifiers: z
        .array(z.string().min(1))
        .optional()
        .describe(
          "Other endpoints that identify the site in any stack's provider: hypervisor URLs (vSphere, Proxmox, OpenStack, libvirt), cloud accounts or projects, SSH hosts.",
        ),
      dockerHost: z
        .string()
        .regex(/^(unix|tcp|ssh):\/\/.+/)
        .optional()
        .describe("Docker: the Docker host of the site (unix://, tcp:// or ssh://)."),
    })
    .optional()
    .describe("Kubernetes context (kubernetes) or Docker host URL (docker) of this site."),
  storageClass: z
    .string()
    .min(1)
    .optional()
    .describe("Storage class (kubernetes) of live data on a primary site, of backups on a recovery site."),
  systemNamespaces: z
    .array(slug("systemNamespaces"))
    .optional()
    .describe(
      "Kubernetes: namespaces of the cluster's own add-ons (CNI, load balancer, ingress controller) that the admission policies leave to the cluster's operators, like kube-system. Every other namespace must be in the plan.",
    ),
  path: z
    .string()
    .regex(/^\//, { error: "harus path absolut / must be an absolute path" })
    .optional()
    .describe(
      "Host directory that holds backups stored at this site (docker recovery sites, portable media): a mount of the site's storage.",
    ),
});

const SegmentOverride = z.strictObject({
  cidr: cidr
    .optional()
    .describe("Pin the segment to this block (it must lie in the supernet and not overlap another)."),
  prefixLength: z
    .number()
    .int()
    .min(16)
    .max(29)
    .optional()
    .describe("Size of the segment as a prefix length (16 to 29) when it is not pinned."),
});

export const PLATFORM_SEGMENTS = ["management", "dmz", "platform", "backup", "interconnect", "common-apps"] as const;

export const NetworkSchema = z.strictObject({
  supernet: cidr.describe("The custodian's address space; every segment is numbered inside it."),
  reserved: z
    .array(
      z.strictObject({
        cidr: cidr.describe("The reserved block."),
        purpose: text.describe('What uses it, e.g. "router links".'),
      }),
    )
    .default([])
    .describe("Ranges the plan must never hand out (router links, cluster service CIDR, …)."),
  opdPrefixLength: z.number().int().min(16).max(29).default(24).describe("Default size of an OPD segment."),
  cni: z
    .enum(["calico", "generic"])
    .default("generic")
    .describe(
      "calico: each OPD's pods take addresses from its own segment (Calico IPPools); generic: NetworkPolicies only.",
    ),
  segments: z
    .partialRecord(z.enum(PLATFORM_SEGMENTS), SegmentOverride)
    .default({})
    .describe("Optional pins or sizes for the custodian's own segments."),
});

export const DatabaseSchema = z.strictObject({
  engine: z
    .literal("postgresql")
    .default("postgresql")
    .describe("Database engine: PostgreSQL (the only one the plan runs)."),
  sizeGi: z
    .number()
    .int()
    .min(1)
    .max(10000)
    .default(10)
    .describe("Size of the database's volume in GiB (default 10); also sizes its backups."),
  dataGroups: z.array(slug("dataGroups[]")).min(1).describe("Kelompok basis data: ids from the spec's `dataGroups`."),
  waliData: text.optional().describe("The Wali Data (data steward) appointed for this database."),
  keys: z
    .array(z.enum(["NIK", "NIP"]))
    .default([])
    .describe("Identity keys the data is based on (NIK for citizens, NIP for civil servants)."),
  backupPolicy: policyRefs.optional().describe("Backup policy id(s); the spec's default when omitted."),
  publishedPort: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .describe("A port on which the database is published outside the cluster or server (the policy pack forbids it)."),
  pointInTime: z
    .boolean()
    .optional()
    .describe(
      "Point-in-time recovery: WAL archived continuously beside the daily copies. Default: on for databases keyed by NIK or NIP (population and civil-servant records), off otherwise.",
    ),
});

export const VolumeSchema = z.strictObject({
  name: slug("name").describe("Name of the volume, unique within its application."),
  mountPath: z
    .string()
    .regex(/^\/[^\s]*$/, { error: "harus path absolut / must be an absolute path" })
    .describe("Where the application sees it (an absolute path)."),
  sizeGi: z.number().int().min(1).max(10000).default(5).describe("Size in GiB (default 5); also sizes its backups."),
  dataGroups: z
    .array(slug("dataGroups[]"))
    .default([])
    .describe("Kelompok basis data of the files it holds: ids from the spec's `dataGroups`."),
  backupPolicy: policyRefs.optional().describe("Backup policy id(s); the spec's default when omitted."),
});

export const ApplicationSchema = z.strictObject({
  id: slug("id").describe("Unique in the regency; also the SSO client id."),
  name: text.describe("The application's name as the OPD knows it."),
  kind: z
    .enum(["umum", "khusus"])
    .optional()
    .describe("umum = common application provided by the custodian; khusus = an OPD's own."),
  huruf: z
    .string()
    .regex(/^[a-z]$/)
    .optional()
    .describe("For common applications: the huruf of the regulation's Pasal 8 list this app implements."),
  image: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._\-/:@]*$/, { error: "bukan nama image OCI / not an OCI image reference" })
    // `user:password@registry/…` is not an image reference but a credential in clear (pull secrets are for that).
    .refine((s) => !/^[^/]*:[^/@]*@/.test(s), {
      error:
        "kredensial di dalam nama image; gunakan pull secret / a credential inside the image reference; use a pull secret",
    })
    .describe(
      "OCI image reference it runs, e.g. registry.<domain>/<opd>/<app>:1.0.0 (with `imageMirror`, under that prefix).",
    ),
  site: slug("site")
    .optional()
    .describe("Where it runs: the custodian's primary site unless an `opd-server` site is named (unconsolidated)."),
  hostname: z
    .string()
    .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, { error: "bukan nama host / not a hostname" })
    .optional()
    .describe("A full hostname instead of `<subdomain>.<domain>` (a legacy name; the policy pack checks it)."),
  subdomain: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, {
      error: "subdomain harus satu label DNS / subdomain must be one DNS label",
    })
    .describe("Label under the regency domain: `<subdomain>.<domain>`."),
  public: z
    .boolean()
    .default(true)
    .describe("Published on the internet through the DMZ ingress; otherwise intranet only."),
  port: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(8080)
    .describe("Port the application listens on (default 8080; it is also told as $PORT)."),
  replicas: z.number().int().min(1).max(50).default(1).describe("Copies running at once (default 1)."),
  resources: z
    .strictObject({
      cpu: quantity.default("500m").describe("CPU requested per replica (Kubernetes quantity, default 500m)."),
      memory: quantity.default("512Mi").describe("Memory requested per replica (default 512Mi)."),
    })
    .default({ cpu: "500m", memory: "512Mi" })
    .describe("CPU and memory per replica: requests on Kubernetes, limits on Docker."),
  database: DatabaseSchema.optional().describe("Its PostgreSQL database, run by the custodian in the OPD's segment."),
  volumes: z.array(VolumeSchema).default([]).describe("Its persistent file volumes."),
  sso: z
    .enum(SSO_STATUSES)
    .default("transition")
    .describe("SSO onboarding (bertahap): onboarded, or still in transition."),
  interconnects: z.array(slug("interconnects[]")).default([]).describe("Interconnection ids this app talks to."),
  registration: text
    .optional()
    .describe("Registration number at the custodian (device/system registration, e.g. OKU Selatan Pasal 10)."),
  electronicSignature: z
    .enum(["certified", "uncertified"])
    .optional()
    .describe("Electronic signatures produced by this app (e.g. Bulukumba Pasal 14-16)."),
  lpse: z
    .boolean()
    .default(false)
    .describe("This app is the regency's LPSE procurement system (e.g. Batang Hari Pasal 18)."),
});

export const OpdSchema = z.strictObject({
  slug: slug("slug").describe(
    "Short id of the OPD (Organisasi Perangkat Daerah), e.g. dinkes: its namespace is opd-<slug>.",
  ),
  name: text.describe('Official name, e.g. "Dinas Kesehatan".'),
  waliData: text.optional().describe("Default Wali Data for this OPD's databases."),
  network: SegmentOverride.default({}).describe(
    "Pins or sizes the OPD's own IP segment (numbered by the custodian; frozen by the lock once allocated).",
  ),
  quota: z
    .strictObject({
      cpu: quantity.describe("CPU the OPD may request in all."),
      memory: quantity.describe("Memory the OPD may request in all."),
      storageGi: z.number().int().min(1).max(1_000_000).describe("Storage in GiB the OPD may claim in all."),
    })
    .optional()
    .describe("Resource quota of the OPD's namespace; derived from its applications when omitted."),
  applications: z
    .array(ApplicationSchema)
    .default([])
    .describe("The OPD's applications (khusus), consolidated in the custodian's data center."),
});

const keep = z.number().int().min(0).max(3650).default(0);

export const BackupPolicySchema = z.strictObject({
  id: slug("id").describe("Policy id, e.g. harian; named by `backup.default` and by databases and volumes."),
  schedule: z.string().min(9).describe("Five-field cron, in `backup.timeZone`."),
  retention: z
    .strictObject(
      {
        daily: keep.describe("Days whose last snapshot is kept."),
        weekly: keep.describe("Weeks whose last snapshot is kept."),
        monthly: keep.describe("Months whose last snapshot is kept."),
        yearly: keep.describe("Years whose last snapshot is kept."),
      },
      {
        error:
          "retensi menurut waktu / retention by time: { daily, weekly, monthly, yearly } (jumlah salinan tidak lagi diterima / a copy count is no longer accepted)",
      },
    )
    .refine((r) => r.daily + r.weekly + r.monthly + r.yearly > 0, {
      error: "retensi harus menyimpan sesuatu / the retention must keep at least one snapshot",
    })
    .describe(
      "Snapshots kept by age (restic's --keep-daily/-weekly/-monthly/-yearly): e.g. `{daily: 14, weekly: 8, monthly: 12}` keeps the last snapshot of each of the last 14 days, 8 weeks and 12 months.",
    ),
  targetSite: slug("targetSite").describe("Site id that stores the copies (must not be the primary site)."),
});

export const ExemptionSchema = z.strictObject({
  id: slug("id").describe("Exemption id."),
  decree: z
    .strictObject({
      number: text.describe("Number of the Keputusan Bupati."),
      date: isoDate.describe("Its date (YYYY-MM-DD)."),
    })
    .describe("The Keputusan Bupati that grants it."),
  scope: z
    .strictObject({
      opd: slug("opd").describe("The OPD allowed to keep its own server room."),
      application: slug("application")
        .optional()
        .describe("Only this application of it (all of the OPD's when omitted)."),
    })
    .describe("What the exemption covers."),
  approver: text.describe("Who approved it (the Bupati, by the decree)."),
  expires: isoDate.describe("Last day it holds (YYYY-MM-DD); after it the pack blocks again."),
  category: z
    .enum(["waiver", "mitigated"])
    .default("waiver")
    .describe(
      "waiver = the rule is set aside; mitigated = set aside with compensating measures the decree names. Recorded for the report; both are judged alike.",
    ),
  reason: text.describe("Why the decree grants it."),
});

export const InterconnectionSchema = z.strictObject({
  id: slug("id").describe("Interconnection id, named by applications' `interconnects`."),
  party: text.describe('The partner, e.g. "BPJS Kesehatan".'),
  kind: z
    .enum(PARTY_KINDS)
    .describe("Kind of partner: bank, insurance, bpjs, notary, airport, vertical-agency (instansi vertikal) or other."),
  remote: z
    .strictObject({
      cidr: cidr.describe("The partner's network (must not overlap the supernet)."),
      ports: z.array(z.number().int().min(1).max(65535)).min(1).describe("Ports reached there."),
    })
    .describe("The partner's network, reached through the interconnect segment."),
  agreement: text.optional().describe("The cooperation agreement (perjanjian kerja sama)."),
});

export const EgressRuleSchema = z.strictObject({
  id: slug("id").describe("Egress rule id."),
  opds: z.array(z.string().min(1)).min(1).describe('OPD slugs, or ["*"] for all.'),
  to: z
    .array(z.string().min(1))
    .min(1)
    .describe("Destinations: IPv4 CIDRs (0.0.0.0/0 for the internet) or host names."),
  ports: z.array(z.number().int().min(1).max(65535)).min(1).describe("Destination ports."),
});

export const RegencySpecSchema = z.strictObject({
  regency: z
    .strictObject({
      slug: slug("slug").describe(
        "Short id of the regency, e.g. konawe-selatan: the stack is stacks/Pulumi.<slug>.yaml.",
      ),
      name: z
        .string()
        .regex(/^Kabupaten [A-Z]/, { error: 'harus diawali "Kabupaten " / must start with "Kabupaten "' })
        .describe('Official name, e.g. "Kabupaten Konawe Selatan".'),
      province: text.describe("The province, e.g. Sulawesi Tenggara."),
      regulation: z
        .strictObject({
          title: z
            .string()
            .regex(/^Peraturan Bupati /, {
              error: 'harus diawali "Peraturan Bupati " / must start with "Peraturan Bupati "',
            })
            .describe('Title of the head regulation on e-government, e.g. "Peraturan Bupati Konawe Selatan".'),
          number: z
            .string()
            .regex(/^[0-9]+$/)
            .describe("Its number (Nomor)."),
          year: z.number().int().min(1945).max(2100).describe("Its year (Tahun)."),
          about: text.describe('What it is about (Tentang), e.g. "Penyelenggaraan E-Government".'),
          seedFile: z
            .string()
            .regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(txt|md)$/, {
              error: "nama berkas teks (.txt/.md), bukan jalur / a text file name (.txt/.md), not a path",
            })
            .optional()
            .describe("The regulation's text: a file name in the collection of texts (../shared/seeds), never a path."),
          citations: z
            .partialRecord(z.enum(RULE_IDS), RuleCitationSchema)
            .optional()
            .describe("For a regency outside the registry: its own quoted articles, by rule id."),
        })
        .describe("The regency's Peraturan Bupati on e-government: the rules the policy pack cites."),
    })
    .describe("Which regency this is, and its regulation."),
  custodian: z
    .strictObject({
      name: text.describe('The unit the regulation names, e.g. "Dinas Komunikasi dan Informatika".'),
      kind: z
        .enum(["dinas", "bagian"])
        .describe("dinas = an agency (Diskominfo); bagian = a division of the Secretariat."),
      parent: text.optional().describe("For a Bagian: the Sekretariat it belongs to."),
    })
    .describe("The IT custodian: the one unit that provides the data center and the DR center."),
  domain: z
    .strictObject({
      name: z
        .string()
        // A domain name is ASCII: an internationalised one is written in punycode (xn--…).
        .regex(/^[\x21-\x7e]+$/, {
          error:
            "nama domain harus ASCII (punycode xn--… untuk huruf lain) / a domain name is ASCII (punycode xn--… for other letters)",
          abort: true,
        })
        .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+go\.id$/, {
          error: "domain resmi harus berakhiran .go.id / the official domain must end in .go.id",
        })
        .describe(
          "The regency's official domain under go.id, e.g. konaweselatankab.go.id; every application is a subdomain of it.",
        ),
      source: z
        .enum(["regulation", "configured"])
        .describe("regulation = the name is written in the regulation; configured = chosen by the custodian."),
      decree: z
        .strictObject({
          number: text.describe("Number of the Keputusan Bupati."),
          date: isoDate.describe("Its date (YYYY-MM-DD)."),
        })
        .optional()
        .describe(
          "Where the regulation lets the Bupati set another domain (Bulukumba Pasal 10 ayat (2)): the Keputusan Bupati.",
        ),
    })
    .describe("The official domain and where its name comes from."),
  sites: z
    .array(SiteSchema)
    .min(1)
    .describe(
      "The custodian's data center, DR center and portable media, and any OPD server room not yet consolidated.",
    ),
  network: NetworkSchema.describe("The custodian's IP plan: the supernet every segment is numbered in."),
  sso: z
    .strictObject({
      realm: slug("realm").optional().describe("Keycloak realm name (default: the regency's slug)."),
      subdomain: z
        .string()
        .regex(/^[a-z0-9-]+$/)
        .default("sso")
        .describe("Host of the SSO under the domain (default sso: sso.<domain>)."),
      users: z
        .number()
        .int()
        .min(1)
        .max(1_000_000)
        .default(5000)
        .describe(
          "Accounts that log in to the SSO (civil servants and others; default 5,000): sizes Keycloak's CPU and memory (see README, SSO sizing).",
        ),
      removed: z
        .enum(["delete", "disable"])
        .default("delete")
        .describe(
          "What the realm sync does with a client or group the spec no longer declares: delete it (default), or keep it disabled with a new secret (groups are kept as they are).",
        ),
    })
    .default({ subdomain: "sso", users: 5000, removed: "delete" })
    .describe("The single sign-on the custodian operates (Keycloak)."),
  dataGroups: z
    .array(
      z.strictObject({
        id: slug("id").describe("Data group id, named by databases and volumes."),
        name: text.describe('Its name, e.g. "basis data kependudukan".'),
        huruf: z
          .string()
          .regex(/^[a-z]$/)
          .optional()
          .describe("The huruf of the regulation's list of data groups it is."),
      }),
    )
    .default([])
    .describe("The regulation's kelompok basis data."),
  commonApplications: z
    .array(ApplicationSchema)
    .default([])
    .describe("Aplikasi umum, provided and run by the custodian."),
  opds: z.array(OpdSchema).min(1).describe("The OPDs (agencies) whose applications the data center hosts."),
  backup: z
    .strictObject({
      default: policyRefs.describe("Policy id(s) applied to every database and volume that names none."),
      timeZone: z
        .enum(["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"])
        .default("Asia/Jakarta")
        .describe("IANA time zone of the schedules (WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura)."),
      policies: z.array(BackupPolicySchema).min(1).describe("Backup policies: when, what is kept, and at which site."),
      drills: z
        .strictObject({
          schedule: z
            .string()
            .min(9)
            .default("0 4 * * 6")
            .describe("Five-field cron of the drills, in `backup.timeZone` (default Saturdays 04.00)."),
          maxAgeDays: z
            .number()
            .int()
            .min(1)
            .max(NATIONAL_MAX_DRILL_AGE_DAYS, {
              error: `paling lama ${NATIONAL_MAX_DRILL_AGE_DAYS} hari: rencana keberlangsungan diuji paling sedikit 1 kali dalam 2 tahun (Permenkominfo 4/2024 Pasal 46 ayat (3)) / at most ${NATIONAL_MAX_DRILL_AGE_DAYS} days: the continuity plan is tested at least once every 2 years (Permenkominfo 4/2024 Pasal 46 ayat (3))`,
            })
            .default(DEFAULT_MAX_DRILL_AGE_DAYS)
            .describe(
              "Days within which every source must have a successful drill (the pack flags it after): the national rule allows at most two years.",
            ),
        })
        .default({ schedule: "0 4 * * 6", maxAgeDays: DEFAULT_MAX_DRILL_AGE_DAYS })
        .describe(
          "Restore drills: each database and volume restored from its newest copy into a scratch place and checked, on this schedule (five-field cron).",
        ),
      pointInTime: z
        .strictObject({
          rpoSeconds: z
            .number()
            .int()
            .min(30)
            .max(86400)
            .default(300)
            .describe("Recovery point objective in seconds: WAL is archived at least this often (default 300)."),
          windowDays: z
            .number()
            .int()
            .min(1)
            .max(90)
            .default(7)
            .describe("Days back to which a database can be recovered (default 7)."),
        })
        .default({ rpoSeconds: 300, windowDays: 7 })
        .describe(
          "Point-in-time recovery: the most WAL that may be lost (archive_timeout) and how far back a database can be recovered.",
        ),
      dailyChangePercent: z
        .number()
        .min(0)
        .max(100)
        .default(1)
        .describe(
          "Share of the backed-up data that changes per day, in percent: sizes the repositories (see `repositorySizeGi`).",
        ),
      verifiedRestores: z
        .array(
          z.strictObject({
            source: z
              .string()
              .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/)
              .describe("`<namespace>/<source>` that was restored."),
            date: isoDate.describe("When (YYYY-MM-DD)."),
            result: z.enum(["ok", "failed"]).describe("ok or failed."),
            note: text.optional().describe("What was checked or what went wrong."),
          }),
        )
        .default([])
        .describe("Restores actually tested (by the custodian), for the report: `<namespace>/<source>`, date, result."),
    })
    .describe("Backups of every database and volume to a site apart from the server room."),
  exemptions: z
    .array(ExemptionSchema)
    .default([])
    .describe("Keputusan Bupati that let an OPD keep its own server room for a time."),
  interconnections: z
    .array(InterconnectionSchema)
    .default([])
    .describe("Networks of partners (banks, BPJS, vertical agencies) reached through the interconnect segment."),
  internet: z
    .strictObject({
      blockedCategories: z
        .array(text)
        .default([])
        .describe("Categories of sites blocked for all OPDs (internet site control)."),
      egress: z
        .array(EgressRuleSchema)
        .default([])
        .describe("What OPDs' applications may reach outside the data center."),
    })
    .default({ blockedCategories: [], egress: [] })
    .describe("Internet access of the OPDs."),
  continuityPlan: z
    .strictObject({
      document: text.describe("The plan (rencana keberlangsungan kegiatan): its title or number."),
      lastTested: isoDate.describe(
        "When it was last tested (uji coba), YYYY-MM-DD: at least once every two years (Permenkominfo 4/2024 Pasal 46 ayat (3)).",
      ),
    })
    .optional()
    .describe(
      "The business-continuity plan of the data center and the date of its last test (Permenkominfo 4/2024 Pasal 46, PP 71/2019 Pasal 20 ayat (1)); restore drills are part of its test.",
    ),
  itAudit: z
    .strictObject({
      date: isoDate.describe("When the last IT audit (Audit TIK) was completed, YYYY-MM-DD."),
      auditor: text.describe("Who carried it out: the accredited auditor (lembaga pelaksana Audit TIK)."),
    })
    .optional()
    .describe("The last IT audit: at least once every two years (Permenkominfo 4/2024 Pasal 73 ayat (3))."),
  personalData: z
    .strictObject({
      officer: z
        .strictObject({
          name: text.describe("The officer (pejabat atau petugas Pelindungan Data Pribadi)."),
          contact: z
            .string()
            .regex(/^([^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)+|\+?[0-9][0-9 -]{6,}[0-9])$/i, {
              error:
                "surel atau nomor telepon yang dapat dihubungi / an e-mail address or a telephone number that can be reached",
            })
            .describe("Where a breach is reported to them: an e-mail address or a telephone number."),
        })
        .describe(
          "The officer for personal-data protection, the contact for breaches (UU 27/2022 Pasal 53 ayat (1), Pasal 54 ayat (1) huruf d).",
        ),
    })
    .optional()
    .describe("Personal data (databases keyed by NIK): who answers for its protection and breach notices."),
  phase: z
    .enum(PHASES)
    .optional()
    .describe("Current e-government phase (where the regulation phases e-government in)."),
  imageMirror: z.string().optional().describe("Prefix for every container image (an air-gapped registry mirror)."),
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
