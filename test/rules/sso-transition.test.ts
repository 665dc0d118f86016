import { ssoTransition } from "../../policies/rules/sso-transition";
import { findingsOf, fixture, hosting } from "./fixture";

describe("sso-transition", () => {
  it("passes the fixture (every application onboarded)", async () => {
    expect(findingsOf(ssoTransition, await fixture())).toEqual([]);
  });

  it("reports an application still in transition", async () => {
    const found = findingsOf(ssoTransition, await fixture(), (v) => {
      hosting(v, "opd-opd-0").props.applications[1].sso.status = "transition";
    });
    expect(found).toEqual(["application opd-opd-0/app-0-b is in transition to SSO"]);
  });
});
