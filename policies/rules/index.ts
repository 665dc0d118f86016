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
import { restoreDrills } from "./restore-drills";
import { imageMirror } from "./image-mirror";
import { dataLocation } from "./data-location";
import { nationalDataCenter, nationalNetwork } from "./national-links";
import { continuityPlan } from "./continuity-plan";
import { itAudit } from "./it-audit";
import { personalData } from "./personal-data";

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
  restoreDrills,
  continuityPlan,
  dataLocation,
  ssoClient,
  ssoTransition,
  networkIsolation,
  secretsHygiene,
  imageMirror,
  dataStewardship,
  personalData,
  nationalDataCenter,
  nationalNetwork,
  itAudit,
  deviceRegistration,
  lpseArchive,
  internetSiteControl,
  estatePlacement,
  estateUnclassified,
  estateDomain,
];

/** The policies a rule becomes in the pack: itself, and an advisory twin where the regulation may mandate it. */
export const policiesOf = (r: Rule): { name: string; level: "mandatory" | "advisory" }[] =>
  r.integrity
    ? [{ name: r.name, level: "mandatory" }]
    : r.enforcement === "advisory"
      ? [{ name: r.name, level: "advisory" }]
      : [
          { name: r.name, level: "mandatory" },
          { name: `${r.name}-advisory`, level: "advisory" },
        ];

/** The pack's policy names, in report order. */
export const policyNames = (): string[] => RULES.flatMap((r) => policiesOf(r).map((p) => p.name));
