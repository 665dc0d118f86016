import { deviceRegistration } from "../../policies/rules/device-registration";
import { findingsOf, fixture, hosting } from "./fixture";

describe("device-registration", () => {
  it("passes the fixture", async () => {
    expect(findingsOf(deviceRegistration, await fixture())).toEqual([]);
  });

  it("fails an application without a registration number", async () => {
    const found = findingsOf(deviceRegistration, await fixture(), (v) => {
      delete hosting(v, "opd-opd-1").props.applications[0].registration;
    });
    expect(found).toEqual(["application opd-opd-1/app-1-a has no registration"]);
  });
});
