/** The offline check: synthesize the program, run every rule of the pack on it, give the verdict. */
import { RegencyModel } from "../components/model/validate";
import { evaluate, PolicyConfig } from "../policies/engine";
import { contextOf, ResourceView } from "../policies/model";
import { Verdict } from "../policies/report";
import { RULES } from "../policies/rules";
import { Platform } from "../components/model/plan";
import { Synthesis, synthesize } from "./synth";

export const viewsOf = (s: Synthesis): ResourceView[] =>
  s.resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    props: r.inputs,
    ...(r.parent ? { parent: r.parent } : {}),
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
  }));

export type CheckOptions = { platform?: Platform; today?: string; config?: PolicyConfig };

export async function checkModel(model: RegencyModel, options: CheckOptions = {}): Promise<Verdict> {
  return checkSynthesis(model, await synthesize(model, options.platform ? { platform: options.platform } : {}), options);
}

/** The verdict on a synthesis already at hand (the report and the bench also use its plan and resources). */
export function checkSynthesis(model: RegencyModel, synthesis: Synthesis, options: Omit<CheckOptions, "platform"> = {}): Verdict {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const ctx = contextOf(viewsOf(synthesis), today)!;
  return {
    regency: { slug: model.spec.regency.slug, name: model.spec.regency.name, regulation: ctx.regency.regulation },
    platform: synthesis.outputs.platform,
    today,
    rulesChecked: RULES.length,
    violations: evaluate(RULES, ctx, options.config ?? {}),
    programErrors: synthesis.errors,
  };
}
