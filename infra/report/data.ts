/** What the periodic report to the Bupati shows, gathered once from the model, the plan and the verdict. */
import { ResolvedCitation } from "../../components/model/citations";
import { RegencyPlan } from "../../components/model/plan";
import { RegencyModel } from "../../components/model/validate";
import { Verdict } from "../../policies/report";

export interface ReportData {
  model: RegencyModel;
  plan: RegencyPlan;
  verdict: Verdict;
  reporting: ResolvedCitation;
  generatedOn: string;
}

export function ssoProgress(plan: RegencyPlan) {
  const apps = plan.tenants.flatMap((t) => t.apps);
  const onboarded = apps.filter((a) => a.sso.status === "onboarded").length;
  return { total: apps.length, onboarded, transition: apps.length - onboarded, percent: apps.length ? Math.round((onboarded / apps.length) * 100) : 0 };
}
