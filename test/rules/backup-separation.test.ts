import { backupSeparation } from "../../policies/rules/backup-separation";
import { findingsOf, fixture, one } from "./fixture";

const drClaim = (v: any[]) =>
  v.find(
    (r) =>
      r.props.kind === "PersistentVolumeClaim" &&
      r.props.metadata?.labels?.["regency.go.id/backup-site"] === "pusat-pemulihan",
  );
const providerOf = (v: any[], site: string) => one(v, "regency:datacenter:DataCenter", site).props.provider as string;

describe("backup-separation", () => {
  it.each(["kubernetes", "docker"] as const)("passes the fixture on %s", async (platform) => {
    expect(findingsOf(backupSeparation, await fixture(platform))).toEqual([]);
  });

  it("fails a backup kept on the data center it protects", async () => {
    const found = findingsOf(backupSeparation, await fixture(), (v) => {
      one(v, "regency:backup:Backups", "opd-opd-0/backups").props.jobs[0].targetSite = "pusat-data";
    });
    expect(found).toEqual([
      'backup opd-opd-0/backup-app-0-a-db-harian is kept on "pusat-data", the data center it protects',
    ]);
  });

  it("fails the DR site's storage created through the primary's provider (the label still says DR)", async () => {
    const found = findingsOf(backupSeparation, await fixture(), (v) => {
      const claim = drClaim(v);
      claim.provider = { ...claim.provider, urn: providerOf(v, "pusat-data") };
    });
    expect(found).toEqual([
      'backup storage repository-server-pusat-pemulihan for "pusat-pemulihan" is created on "pusat-data", the data center it protects, not on "pusat-pemulihan"',
    ]);
  });

  it("fails backup storage on the data center's own storage class", async () => {
    const found = findingsOf(backupSeparation, await fixture(), (v) => {
      drClaim(v).props.spec.storageClassName = "local";
    });
    expect(found).toEqual([
      'backup storage repository-server-pusat-pemulihan for "pusat-pemulihan" uses the data center\'s own storage class local',
    ]);
  });

  it("fails backup storage that `pulumi destroy` would delete", async () => {
    const found = findingsOf(backupSeparation, await fixture(), (v) => {
      drClaim(v).retainOnDelete = false;
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^backup storage repository-server-pusat-pemulihan for "pusat-pemulihan" .*destroy/);
  });
});
