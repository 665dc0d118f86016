import { secretsHygiene } from "../../policies/rules/secrets-hygiene";
import { findingsOf, fixture, object } from "./fixture";

describe("secrets-hygiene", () => {
  it("passes the fixture", async () => {
    expect(findingsOf(secretsHygiene, await fixture())).toEqual([]);
  });

  it("fails a password written as a literal in a Deployment's environment", async () => {
    const found = findingsOf(secretsHygiene, await fixture(), (v) => {
      object(v, "Deployment", "app-0-a", "opd-opd-0").props.spec.template.spec.containers[0].env.push({
        name: "DB_PASSWORD",
        value: "rahasia123",
      });
    });
    expect(found).toEqual(["Deployment opd-opd-0/app-0-a: DB_PASSWORD is a literal value in container app-0-a"]);
  });

  it("fails a token in a ConfigMap", async () => {
    const found = findingsOf(secretsHygiene, await fixture(), (v) => {
      const cm = v.find((r) => r.props.kind === "ConfigMap")!;
      cm.props.data = { ...(cm.props.data ?? {}), "api-token": "abc" };
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^ConfigMap .+ holds "api-token"$/);
  });
});
