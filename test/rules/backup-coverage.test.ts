import { backupCoverage } from "../../policies/rules/backup-coverage";
import { findingsOf, fixture, one } from "./fixture";

const jobsOf = (v: any[], name: string) => one(v, "regency:backup:Backups", name).props;

describe("backup-coverage", () => {
  it.each(["kubernetes", "docker"] as const)("passes the fixture on %s", async (platform) => {
    expect(findingsOf(backupCoverage, await fixture(platform))).toEqual([]);
  });

  it("fails a database whose backup jobs are gone", async () => {
    const found = findingsOf(backupCoverage, await fixture(), (v) => {
      const b = jobsOf(v, "opd-opd-0/backups");
      b.jobs = b.jobs.filter((j: any) => j.source !== "app-0-a-db");
    });
    expect(found).toEqual(["database opd-opd-0/app-0-a-db has no backup"]);
  });

  it("fails a volume whose backup jobs are gone", async () => {
    const found = findingsOf(backupCoverage, await fixture(), (v) => {
      const b = jobsOf(v, "opd-opd-1/backups");
      b.jobs = b.jobs.filter((j: any) => j.source !== "app-1-b-berkas");
    });
    expect(found).toEqual(["volume opd-opd-1/app-1-b-berkas has no backup"]);
  });

  it("fails the SSO database without backup", async () => {
    const found = findingsOf(backupCoverage, await fixture(), (v) => {
      const b = jobsOf(v, "sso/backups");
      b.jobs = [];
    });
    expect(found).toEqual(["database sso/keycloak-db has no backup"]);
  });
});
