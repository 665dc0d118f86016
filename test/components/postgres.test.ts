/**
 * One component alone (as pulumi-awsx tests its components): `Postgres` built under Pulumi's public
 * setMocks from a hand-made slice of a plan, with no seed stack and no program around it.
 */
import { LABEL, POSTGRES_PORT } from "../../components/model/plan";
import { database, outputOf, recordResources, settled } from "./mocks";

const created = recordResources();

describe("Postgres, alone", () => {
  it("makes a Secret, a StatefulSet with its volume and a Service in the database's namespace, all its children", async () => {
    const { Postgres } = await import("../../components/database/postgres");
    const db = new Postgres("simpus", {
      database: database(),
      storageClass: "local-ssd",
      image: "postgres:17.6",
      labels: { [LABEL.opd]: "dinkes" },
    });
    const urn = await outputOf(db.urn);
    await settled();
    expect(urn).toMatch(/::regency:database:Postgres::simpus$/);
    const mine = created.filter((c) => c.name.startsWith("simpus"));
    const byType = (t: string) => mine.find((c) => c.type === t)!;
    expect(mine.map((c) => c.type).sort()).toEqual(
      expect.arrayContaining([
        "kubernetes:apps/v1:StatefulSet",
        "kubernetes:core/v1:Secret",
        "kubernetes:core/v1:Service",
      ]),
    );
    for (const c of mine.filter((x) => x.type.startsWith("kubernetes:")))
      expect([c.name, c.inputs.metadata.namespace]).toEqual([c.name, "opd-dinkes"]);
    const sts = byType("kubernetes:apps/v1:StatefulSet").inputs;
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({
      storageClassName: "local-ssd",
      resources: { requests: { storage: "20Gi" } },
    });
    expect(sts.spec.template.metadata.labels).toMatchObject({ [LABEL.app]: "simpus-db", [LABEL.opd]: "dinkes" });
    expect(byType("kubernetes:core/v1:Service").inputs.spec.ports).toEqual([
      expect.objectContaining({ port: POSTGRES_PORT }),
    ]);
    expect(db.serviceHost).toBe("simpus-db.opd-dinkes.svc");
    // The password is generated (RandomPassword, whose result the provider keeps secret), never a literal.
    expect(byType("random:index/randomPassword:RandomPassword").inputs).toMatchObject({ length: 32, special: false });
    expect(typeof byType("kubernetes:core/v1:Secret").inputs.stringData.password).not.toBe("string");
  });

  it("with point-in-time recovery, archives WAL at the plan's RPO and carries its pg_hba.conf", async () => {
    const { Postgres, PITR_HBA } = await import("../../components/database/postgres");
    const pitr = {
      rpoSeconds: 120,
      windowDays: 7,
      repository: {
        url: "rest:http://repo/opd-dinkes/",
        name: "opd-dinkes",
        secret: "backup-repository-pusat-pemulihan",
      },
      targetSite: "pusat-pemulihan",
    };
    new Postgres("adminduk", {
      database: database({
        name: "adminduk-db",
        secretName: "adminduk-db-credentials",
        app: "adminduk",
        database: "adminduk",
        user: "adminduk",
        keys: ["NIK"],
        wantsPointInTime: true,
        pointInTime: pitr as never,
      }),
      storageClass: "local-ssd",
      image: "postgres:17.6",
      resticImage: "restic/restic:0.18.1",
    });
    await settled();
    const sts = created.find(
      (c) => c.name.startsWith("adminduk") && c.type === "kubernetes:apps/v1:StatefulSet",
    )!.inputs;
    expect(sts.spec.template.spec.containers[0].args).toEqual(
      expect.arrayContaining(["archive_mode=on", "archive_timeout=120"]),
    );
    const configs = created
      .filter((c) => c.name.startsWith("adminduk") && c.type === "kubernetes:core/v1:ConfigMap")
      .map((c) => JSON.stringify(c.inputs.data));
    expect(configs.some((d) => d.includes(JSON.stringify(PITR_HBA).slice(1, -1)))).toBe(true);
  });
});
