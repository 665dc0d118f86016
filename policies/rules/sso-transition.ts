import { TenantPlan } from "../../components/model/plan";
import { COMPONENTS, ofComponent, Rule } from "../model";

/** Applications still in transition to SSO: reported, never blocking (SSO is phased in). */
export const ssoTransition: Rule = {
  name: "sso-transition",
  description: "Applications still in transition to single sign-on (bertahap) are listed until they are onboarded.",
  cites: ["sso", "sso-phased"],
  severity: "low",
  enforcement: "advisory",
  remediation: "Once the application authenticates through SSO, set `sso: onboarded` in the stack file.",
  check(ctx) {
    return ofComponent(ctx, COMPONENTS.hosting).flatMap((h) => (h.props.tenant as TenantPlan).apps.filter((a) => a.sso.status === "transition").map((a) => ({ urn: h.urn, message: `application ${a.namespace}/${a.id} is in transition to SSO` })));
  },
};
