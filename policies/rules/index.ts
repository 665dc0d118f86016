/** Every rule of the compliance pack, in report order. */
import { Rule } from "../model";
import { backupCoverage } from "./backup-coverage";
import { backupSeparation } from "./backup-separation";
import { custodianDataCenter } from "./custodian-data-center";
import { dataStewardship } from "./data-stewardship";
import { disasterRecovery } from "./disaster-recovery";
import { bupatiExemption } from "./exemptions";
import { ipNumbering } from "./ip-numbering";
import { networkIsolation } from "./network-isolation";
import { officialDomain } from "./official-domain";
import { deviceRegistration } from "./device-registration";
import { internetSiteControl } from "./internet-site-control";
import { lpseArchive } from "./lpse-archive";
import { secretsHygiene } from "./secrets-hygiene";
import { serverConsolidation } from "./server-consolidation";
import { ssoClient } from "./sso-client";
import { ssoTransition } from "./sso-transition";
import { citationIntegrity } from "./citation-integrity";
import { estateDomain } from "./estate-domain";
import { estatePlacement, estateUnclassified } from "./estate-placement";

export const RULES: Rule[] = [
  citationIntegrity,
  custodianDataCenter,
  disasterRecovery,
  serverConsolidation,
  bupatiExemption,
  ipNumbering,
  officialDomain,
  backupCoverage,
  backupSeparation,
  ssoClient,
  ssoTransition,
  networkIsolation,
  secretsHygiene,
  dataStewardship,
  deviceRegistration,
  lpseArchive,
  internetSiteControl,
  estatePlacement,
  estateUnclassified,
  estateDomain,
];

/** The pack's policy names: each rule, and the advisory twin of each rule the regulation may mandate. */
export const policyNames = (): string[] => RULES.flatMap((r) => (r.integrity || r.enforcement === "advisory" ? [r.name] : [r.name, `${r.name}-advisory`]));
