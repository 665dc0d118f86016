import { serverConsolidation } from "../../policies/rules/server-consolidation";
import { findingsOf, fixture, object, root } from "./fixture";

describe("server-consolidation", () => {
  it("passes the fixture", async () => {
    expect(findingsOf(serverConsolidation, await fixture())).toEqual([]);
  });

  it("fails a namespace the plan does not declare", async () => {
    const found = findingsOf(serverConsolidation, await fixture(), (v) => {
      object(v, "Namespace", "opd-opd-1").props.metadata.name = "server-dinkes";
    });
    expect(found).toContain("namespace server-dinkes is not in the plan of Kabupaten Contoh");
  });

  it("fails a workload in a namespace the plan does not declare", async () => {
    const found = findingsOf(serverConsolidation, await fixture(), (v) => {
      object(v, "Deployment", "app-1-b", "opd-opd-1").props.metadata.namespace = "server-dinkes";
    });
    expect(found).toEqual([
      "Deployment server-dinkes/app-1-b runs in a namespace the plan of Kabupaten Contoh does not declare",
    ]);
  });

  it("accepts a workload in a namespace the site declares as its own system namespace", async () => {
    const found = findingsOf(serverConsolidation, await fixture(), (v) => {
      object(v, "Deployment", "app-1-b", "opd-opd-1").props.metadata.namespace = "monitoring";
      root(v).props.sites[0].systemNamespaces = ["monitoring"];
    });
    expect(found).toEqual([]);
  });
});
