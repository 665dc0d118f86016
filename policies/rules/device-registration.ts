import { hostingsOf, Rule } from "../model";

/** OKU Selatan: every system connected to the e-government network is registered with the Dinas. */
export const deviceRegistration: Rule = {
  name: "device-registration",
  description: "Every system connected to the e-government network is registered with the custodian.",
  cites: ["device-registration"],
  severity: "medium",
  enforcement: "mandatory",
  onlyWhereMandated: true,
  remediation: "Register the application with the custodian and record the number as `registration` in the stack file.",
  check(ctx) {
    return hostingsOf(ctx).flatMap(({ urn, facts }) =>
      facts.applications
        .filter((a) => !a.registration)
        .map((a) => ({ urn, message: `application ${facts.namespace}/${a.id} has no registration` })),
    );
  },
};
