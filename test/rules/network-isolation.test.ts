import { networkIsolation } from "../../policies/rules/network-isolation";
import { dockerNamed, findingsOf, fixture, hosting, object } from "./fixture";

describe("network-isolation", () => {
  it.each(["kubernetes", "docker"] as const)("passes the fixture on %s", async (platform) => {
    expect(findingsOf(networkIsolation, await fixture(platform)).filter((m) => !m.startsWith("not enforced"))).toEqual(
      [],
    );
  });

  it("fails an OPD namespace whose default-deny policy is gone", async () => {
    const found = findingsOf(networkIsolation, await fixture(), (v) => {
      v.splice(v.indexOf(object(v, "NetworkPolicy", "default-deny", "opd-opd-1")), 1);
    });
    expect(found).toEqual(["namespace opd-opd-1 has no default-deny NetworkPolicy for ingress and egress"]);
  });

  it("fails a NetworkPolicy letting another namespace reach a database port", async () => {
    const found = findingsOf(networkIsolation, await fixture(), (v) => {
      const p = object(v, "NetworkPolicy", "allow-app-0-a-db", "opd-opd-0").props;
      p.spec.ingress[0].from = [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "opd-opd-1" } } }];
    });
    expect(found).toEqual(["NetworkPolicy opd-opd-0/allow-app-0-a-db lets opd-opd-1 reach a database port"]);
  });

  it("fails a database Service published as a LoadBalancer", async () => {
    const found = findingsOf(networkIsolation, await fixture(), (v) => {
      object(v, "Service", "app-0-a-db", "opd-opd-0").props.spec.type = "LoadBalancer";
    });
    expect(found).toEqual([
      "Service opd-opd-0/app-0-a-db is of type LoadBalancer: an OPD publishes only through its planned Ingress",
    ]);
  });

  it("fails a privileged container in an OPD namespace", async () => {
    const found = findingsOf(networkIsolation, await fixture(), (v) => {
      object(v, "Deployment", "app-0-b", "opd-opd-0").props.spec.template.spec.containers[0].securityContext = {
        privileged: true,
      };
    });
    expect(found).toEqual(["Deployment opd-opd-0/app-0-b runs a privileged container"]);
  });

  it("fails a NetworkPolicy that is not in the plan", async () => {
    const found = findingsOf(networkIsolation, await fixture(), (v) => {
      object(v, "NetworkPolicy", "allow-app-0-b", "opd-opd-0").props.metadata.name = "allow-all";
    });
    expect(found).toEqual([
      "NetworkPolicy opd-opd-0/allow-all is not in the plan: only the planned flows may be allowed",
    ]);
  });

  it("fails a database published on a port (the component's record)", async () => {
    const found = findingsOf(networkIsolation, await fixture(), (v) => {
      hosting(v, "opd-opd-0").props.applications[0].database.publishedPort = 5432;
    });
    expect(found).toEqual(["database opd-opd-0/app-0-a-db is published on port 5432"]);
  });

  it("fails a Docker database container on a network that is not internal", async () => {
    const found = findingsOf(networkIsolation, await fixture("docker"), (v) => {
      dockerNamed(v, "network", "regency-opd-opd-0-app-0-a-db").props.internal = false;
    });
    expect(found.filter((m) => !m.startsWith("not enforced"))).toEqual([
      "database container opd-opd-0-app-0-a-db sits on regency-opd-opd-0-app-0-a-db, a network that is not internal",
    ]);
  });
});
