import { ssoClient } from "../../policies/rules/sso-client";
import { findingsOf, fixture, one } from "./fixture";

describe("sso-client", () => {
  it.each(["kubernetes", "docker"] as const)("passes the fixture on %s", async (platform) => {
    expect(findingsOf(ssoClient, await fixture(platform))).toEqual([]);
  });

  it("fails an application whose client is missing from the realm", async () => {
    const found = findingsOf(ssoClient, await fixture(), (v) => {
      const sso = one(v, "regency:sso:Keycloak");
      sso.props.clients = sso.props.clients.filter((c: string) => c !== "app-1-b");
    });
    expect(found).toEqual(["application opd-opd-1/app-1-b has no SSO client"]);
  });
});
