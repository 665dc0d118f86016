/** The offline check: synthesize the program, run every rule of the pack on it, give the verdict. */
import { RegencyModel } from "../components/model/validate";
import { evaluate, PolicyConfig } from "../policies/engine";
import { LedgerSchema } from "../components/model/drills";
import { locateViolations } from "./locate";
import { isMandated } from "../policies/model";
import { EstateSchema } from "../policies/estate";
import { contextOf, ResourceView } from "../policies/model";
import { unknownCheckingProxy } from "../policies/preview";
import { Verdict } from "../policies/report";
import { RULES } from "../policies/rules";
import { Platform } from "../components/model/plan";
import { Synthesis, synthesize, SynthResource } from "./synth";

/** Pulumi's wire sentinel for a value unknown during preview (runtime/rpc.ts `unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const PLACEHOLDER = /\{\{secret:[^}]*\}\}/;

/** A value as a preview sees it: whatever derives from a generated secret does not exist yet. */
function previewValue(v: unknown): unknown {
  if (typeof v === "string") return PLACEHOLDER.test(v) ? UNKNOWN : v;
  if (Array.isArray(v)) return v.map(previewValue);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, previewValue(x)]));
  return v;
}

const isProvider = (r: SynthResource) => r.type.startsWith("pulumi:providers:");

/**
 * The resources as the engine hands them to a policy pack in `pulumi preview`, as plain data (what
 * goes over gRPC): providers not as resources but as each resource's `provider`; components with
 * their registered outputs; values derived from generated secrets unknown.
 */
export function engineViews(s: Pick<Synthesis, "resources">): ResourceView[] {
  const providers = new Map(s.resources.filter(isProvider).map((p) => [p.urn, p]));
  return s.resources
    .filter((r) => !isProvider(r))
    .map((r) => {
      const provider = r.providerUrn ? providers.get(r.providerUrn) : undefined;
      const name = r.providerUrn?.split("::")[3];
      return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        props: previewValue(r.outputs) as Record<string, unknown>,
        ...(r.parent ? { parent: r.parent } : {}),
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
        ...(r.providerUrn && name
          ? {
              provider: {
                urn: r.providerUrn,
                type: `pulumi:providers:${r.providerUrn.split("::")[2].split(":").pop()}`,
                name,
                props: provider ? (previewValue(provider.inputs) as Record<string, unknown>) : {},
              },
            }
          : {}),
      };
    });
}

/** The engine's views with CrossGuard's own guard: reading a value unknown during preview throws, as under the engine. */
export const viewsOf = (s: Pick<Synthesis, "resources">): ResourceView[] =>
  engineViews(s).map((v) => ({
    ...v,
    props: unknownCheckingProxy(v.props),
    ...(v.provider ? { provider: { ...v.provider, props: unknownCheckingProxy(v.provider.props) } } : {}),
  }));

export type CheckOptions = { platform?: Platform; today?: string; config?: PolicyConfig };

export async function checkModel(model: RegencyModel, options: CheckOptions = {}): Promise<Verdict> {
  return checkSynthesis(
    model,
    await synthesize(model, options.platform ? { platform: options.platform } : {}),
    options,
  );
}

/** The verdict on a synthesis already at hand (the report and the bench also use its plan and resources). */
export function checkSynthesis(
  model: RegencyModel,
  synthesis: Synthesis,
  options: Omit<CheckOptions, "platform"> = {},
): Verdict {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  // The estate, where the policy config hands it over (as `regency estate` writes it).
  const given = Object.values(options.config ?? {}).find(
    (c): c is { estate: unknown } => typeof c === "object" && c !== null && "estate" in c,
  );
  const ctx = contextOf(viewsOf(synthesis), today, undefined, given ? EstateSchema.parse(given.estate) : undefined)!;
  const ledger = Object.values(options.config ?? {}).find(
    (c): c is { drills: unknown } => typeof c === "object" && c !== null && "drills" in c,
  );
  if (ledger) ctx.drills = LedgerSchema.parse(ledger.drills);
  const result = evaluate(RULES, ctx, options.config ?? {});
  return {
    regency: { slug: model.spec.regency.slug, name: model.spec.regency.name, regulation: ctx.regency.regulation },
    platform: synthesis.outputs.platform,
    today,
    rulesChecked: RULES.length,
    // Rules that could block but do not here: the regulation (or, for a fork, its recorded articles) does not mandate them.
    ...(ctx.registry ? {} : { articlesRecorded: false }),
    cannotBlock: RULES.filter(
      (r) =>
        !r.integrity && r.enforcement === "mandatory" && !r.anyStack && !r.onlyWhereMandated && !isMandated(ctx, r),
    ).map((r) => r.name),
    // Mandatory first; each where the stack file says what causes it.
    violations: locateViolations(model, [
      ...result.violations.filter((v) => v.level === "mandatory"),
      ...result.violations.filter((v) => v.level !== "mandatory"),
    ]),
    programErrors: [...synthesis.errors, ...result.ruleErrors.map((e) => e.message)],
    undecided: result.undecided.map(({ policy, message }) => ({ policy, message })),
  };
}
