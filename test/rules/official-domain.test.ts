import { loadRegistry } from "../../components/model/citations";
import { officialDomain } from "../../policies/rules/official-domain";
import { findingsOf, fixture, object, root } from "./fixture";

const ingress = (v: any[]) => object(v, "Ingress", "app-0-a", "opd-opd-0").props;

describe("official-domain", () => {
  it.each(["kubernetes", "docker"] as const)("passes the fixture on %s", async (platform) => {
    expect(findingsOf(officialDomain, await fixture(platform))).toEqual([]);
  });

  it("fails an Ingress publishing a host outside the go.id domain", async () => {
    const found = findingsOf(officialDomain, await fixture(), (v) => (ingress(v).spec.rules[0].host = "app-0-a.com"));
    expect(found).toEqual(["Ingress opd-opd-0/app-0-a publishes app-0-a.com, not under contohkab.go.id"]);
  });

  it("fails an Ingress publishing another OPD's host", async () => {
    const found = findingsOf(
      officialDomain,
      await fixture(),
      (v) => (ingress(v).spec.rules[0].host = "app-1-a.contohkab.go.id"),
    );
    expect(found[0]).toBe(
      "Ingress opd-opd-0/app-0-a publishes app-1-a.contohkab.go.id, not a planned host of opd-opd-0: app-0-a.contohkab.go.id, app-0-b.contohkab.go.id",
    );
  });

  it("fails a domain other than the one the regulation names", async () => {
    const registry = loadRegistry("konawe-selatan")!;
    const found = findingsOf(officialDomain, await fixture(), () => {}, { registry });
    expect(found[0]).toMatch(
      /^the regency's domain contohkab\.go\.id is not konaweselatankab\.go\.id, the domain its regulation names/,
    );
    expect(root((await fixture()).views).props.domain).toBe("contohkab.go.id");
  });
});
