import type { ResourceView } from "../../policies/model";
import { estateDomain } from "../../policies/rules/estate-domain";
import { findingsOf, fixture } from "./fixture";

const record = (name: string): ResourceView => ({
  urn: `urn:pulumi:humas::dns::cloudflare:index/record:Record::${name}`,
  type: "cloudflare:index/record:Record",
  name,
  props: { name, type: "A", content: "203.0.113.7" },
  protect: false,
});

describe("estate-domain", () => {
  it("passes the fixture, and a DNS record under the regency's domain", async () => {
    const fx = await fixture();
    expect(findingsOf(estateDomain, fx, () => {}, { estate: fx.estate })).toEqual([]);
    expect(
      findingsOf(estateDomain, fx, (v) => v.push(record("berita.contohkab.go.id")), { estate: fx.estate }),
    ).toEqual([]);
  });

  it("fails a DNS record outside the regency's domain, in any stack", async () => {
    const fx = await fixture();
    const found = findingsOf(estateDomain, fx, (v) => v.splice(0, v.length, record("berita-contoh.com")), {
      estate: fx.estate,
    });
    expect(found).toEqual([
      "DNS record berita-contoh.com (cloudflare:index/record:Record) is not under contohkab.go.id",
    ]);
  });
});
