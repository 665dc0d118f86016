import { personalData } from "../../policies/rules/personal-data";
import { findingsOf, fixture, hosting, root } from "./fixture";

/** Makes the first OPD's database a population register keyed by NIK. */
const nikDatabase = (v: any[]) => {
  const db = hosting(v, "opd-opd-0").props.applications[0].database;
  db.keys = ["NIK"];
  return db;
};

describe("personal-data", () => {
  it("passes the fixture (no database keyed by NIK or NIP)", async () => {
    expect(findingsOf(personalData, await fixture())).toEqual([]);
  });

  it("passes a NIK database whose copies are encrypted, with the officer named", async () => {
    expect(findingsOf(personalData, await fixture(), nikDatabase)).toEqual([]);
  });

  it("fails a NIK database when no officer is named", async () => {
    const found = findingsOf(personalData, await fixture(), (v) => {
      nikDatabase(v);
      delete root(v).props.personalDataOfficer;
    });
    expect(found).toEqual([
      "1 database(s) hold personal data (opd-opd-0/app-0-a-db) and no officer for personal-data protection is named (personalData.officer)",
    ]);
  });

  it("fails each copy of a NIP database into a repository that does not encrypt", async () => {
    const found = findingsOf(personalData, await fixture(), (v) => {
      hosting(v, "opd-opd-0").props.applications[0].database.keys = ["NIP"];
      for (const r of v.filter((x) => x.type === "regency:backup:BackupRepository")) r.props.encrypted = false;
    });
    expect(found).toEqual([
      'personal data (NIP) of database opd-opd-0/app-0-a-db is copied to site "pusat-pemulihan" by backup-app-0-a-db-harian, whose repository is not encrypted',
      'personal data (NIP) of database opd-opd-0/app-0-a-db is copied to site "media-portabel" by backup-app-0-a-db-mingguan, whose repository is not encrypted',
    ]);
  });

  it("leaves a copy to a site without a repository to backup-separation", async () => {
    const found = findingsOf(personalData, await fixture(), (v) => {
      nikDatabase(v);
      for (const r of v.filter((x) => x.type === "regency:backup:Backups"))
        for (const j of r.props.jobs) if (j.source === "app-0-a-db") j.targetSite = "gudang-luar";
    });
    expect(found).toEqual([]);
  });
});

describe("personal-data on Docker", () => {
  it("passes a NIK database: the Docker back end's repositories encrypt too", async () => {
    expect(findingsOf(personalData, await fixture("docker"), nikDatabase)).toEqual([]);
  });
});
