import { TenantPlan } from "../../components/model/plan";
import { COMPONENTS, ofComponent, Rule } from "../model";

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
    return ofComponent(ctx, COMPONENTS.hosting).flatMap((h) => (h.props.tenant as TenantPlan).apps.filter((a) => !a.registration).map((a) => ({ urn: h.urn, message: `application ${a.namespace}/${a.id} has no registration` })));
  },
};
