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

/** Batang Hari: the LPSE's SOP includes archiving electronic documents (file backup). */
export const lpseArchive: Rule = {
  name: "lpse-archive",
  description: "The LPSE keeps its electronic procurement documents on a backed-up volume.",
  cites: ["lpse"],
  severity: "medium",
  enforcement: "mandatory",
  onlyWhereMandated: true,
  remediation: "Give the LPSE application a volume for its documents; it is then backed up like every volume.",
  check(ctx) {
    return ofComponent(ctx, COMPONENTS.hosting).flatMap((h) => (h.props.tenant as TenantPlan).apps.filter((a) => a.lpse && a.volumes.length === 0).map((a) => ({ urn: h.urn, message: `LPSE application ${a.namespace}/${a.id} has no document volume to back up` })));
  },
};

/** Hulu Sungai Tengah: the Dinas controls which internet sites OPDs may reach. */
export const internetSiteControl: Rule = {
  name: "internet-site-control",
  description: "The custodian controls which internet sites OPDs may reach.",
  cites: ["internet-site-control"],
  severity: "low",
  enforcement: "mandatory",
  onlyWhereMandated: true,
  remediation: "List the blocked categories under `internet.blockedCategories` in the stack file.",
  check(ctx) {
    const root = ctx.resources.find((r) => r.urn === ctx.rootUrn)!;
    return (root.props.blockedCategories ?? []).length > 0 ? [] : [{ urn: ctx.rootUrn, message: "no internet site control is declared (internet.blockedCategories is empty)" }];
  },
};
