/**
 * The rules this project enforces or checks, by stable id. Each seed regency's citation
 * registry (citations/<slug>.yaml) says, for every id, which Pasal/ayat mandates it or that
 * its regulation does not.
 */
export const RULE_IDS = [
  "custodian",
  "custodian-data-center",
  "disaster-recovery",
  "server-consolidation",
  "bupati-exemption",
  "database-consolidation",
  "ip-numbering",
  "official-domain",
  "common-applications",
  "common-application-list",
  "sso",
  "sso-phased",
  "data-groups",
  "data-group-list",
  "wali-data",
  "nip-key",
  "nik-key",
  "backup",
  "backup-separation",
  "interconnection",
  "internet-provision",
  "internet-site-control",
  "security",
  "reporting",
  "electronic-signature",
  "lpse",
  "phases",
  "phase-list",
  "device-registration",
  "continuity-testing",
  // Set by the national layer (citations/national/); every seed Perbup is silent on them.
  "continuity-plan",
  "national-data-center",
  "national-network",
  "it-audit",
  "data-location",
  "personal-data-security",
  "personal-data-officer",
] as const;

export type RuleId = (typeof RULE_IDS)[number];
