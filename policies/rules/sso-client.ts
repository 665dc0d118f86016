import { hostingsOf, Rule, ssoOf } from "../model";

/** Every application is a client of the custodian's single sign-on. */
export const ssoClient: Rule = {
  name: "sso-client",
  description: "Every application is registered as a client of the custodian's single sign-on.",
  cites: ["sso"],
  severity: "medium",
  enforcement: "mandatory",
  remediation: "Deploy the application through the regency components, which register it in the realm.",
  check(ctx) {
    const clients = new Set(ssoOf(ctx).flatMap(({ facts }) => facts.clients));
    return hostingsOf(ctx).flatMap(({ urn, facts }) =>
      facts.applications
        .filter((a) => !clients.has(a.sso.clientId))
        .map((a) => ({ urn, message: `application ${facts.namespace}/${a.id} has no SSO client` })),
    );
  },
};
