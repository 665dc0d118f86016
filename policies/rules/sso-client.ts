import { TenantPlan } from "../../components/model/plan";
import { COMPONENTS, ofComponent, Rule } from "../model";

/** Every application is a client of the custodian's single sign-on. */
export const ssoClient: Rule = {
  name: "sso-client",
  description: "Every application is registered as a client of the custodian's single sign-on.",
  cites: ["sso"],
  severity: "medium",
  enforcement: "mandatory",
  remediation: "Deploy the application through the regency components, which register it in the realm.",
  check(ctx) {
    const clients = new Set(ofComponent(ctx, COMPONENTS.sso).flatMap((r) => (r.props.sso?.clients ?? []).map((c: { clientId: string }) => c.clientId)));
    return ofComponent(ctx, COMPONENTS.hosting).flatMap((h) => (h.props.tenant as TenantPlan).apps.filter((a) => !clients.has(a.sso.clientId)).map((a) => ({ urn: h.urn, message: `application ${a.namespace}/${a.id} has no SSO client` })));
  },
};
