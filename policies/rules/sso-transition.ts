import { hostingsOf, Rule } from "../model";

/** Applications still in transition to SSO: reported, never blocking (SSO is phased in). */
export const ssoTransition: Rule = {
  name: "sso-transition",
  description: "Applications still in transition to single sign-on (bertahap) are listed until they are onboarded.",
  cites: ["sso", "sso-phased"],
  severity: "low",
  enforcement: "advisory",
  remediation: "Once the application authenticates through SSO, set `sso: onboarded` in the stack file.",
  check(ctx) {
    return hostingsOf(ctx).flatMap(({ urn, facts }) =>
      facts.applications
        .filter((a) => a.sso.status === "transition")
        .map((a) => ({ urn, message: `application ${facts.namespace}/${a.id} is in transition to SSO` })),
    );
  },
};
