import { Finding, hostingsOf, Rule } from "../model";

/** Every database names its data groups and its Wali Data; citizen and civil-servant data carry NIK / NIP. */
export const dataStewardship: Rule = {
  name: "data-stewardship",
  description:
    "Each database declares its data group (kelompok basis data) and Wali Data; population data is keyed by NIK and personnel data by NIP where the regulation says so.",
  cites: ["wali-data", "data-groups", "nik-key", "nip-key"],
  severity: "low",
  enforcement: "advisory",
  remediation:
    "Set `waliData` on the database or its OPD, and `keys: [NIK]` / `[NIP]` on population / personnel databases.",
  check(ctx) {
    const nik = ctx.cite("nik-key").mandated;
    const nip = ctx.cite("nip-key").mandated;
    const findings: Finding[] = [];
    for (const { urn, facts } of hostingsOf(ctx)) {
      for (const a of facts.applications) {
        const db = a.database;
        if (!db) continue;
        const name = `${facts.namespace}/${db.name}`;
        if (db.dataGroups.length === 0)
          findings.push({ urn, message: `database ${name} declares no data group`, cites: ["data-groups"] });
        if (!db.waliData) findings.push({ urn, message: `database ${name} has no Wali Data`, cites: ["wali-data"] });
        if (nik && db.dataGroups.includes("kependudukan") && !db.keys.includes("NIK"))
          findings.push({ urn, message: `population database ${name} is not keyed by NIK`, cites: ["nik-key"] });
        if (nip && db.dataGroups.includes("kepegawaian") && !db.keys.includes("NIP"))
          findings.push({ urn, message: `personnel database ${name} is not keyed by NIP`, cites: ["nip-key"] });
      }
    }
    return findings;
  },
};
