/**
 * The regency compliance policy pack (CrossGuard): `pulumi preview --policy-pack policies`.
 * Each rule becomes a mandatory policy (violations where the regency's regulation mandates the
 * rule) and an advisory twin `<rule>-advisory` (good practice where it does not). Rules live in
 * rules/, one per module, so tests and the offline check run them without building this pack.
 * The rules read what the engine hands a pack: components' registered outputs, custom resources'
 * state, and each resource's provider (policies/model.ts).
 */
import { PolicyPack, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { evaluate, violationText } from "./engine";
import { LedgerSchema } from "../components/model/drills";
import { EstateSchema } from "./estate";
import { contextOf, ResourceView, Rule } from "./model";
import { isUnknownValueError } from "./preview";
import { policiesOf, RULES } from "./rules";

const today = () => new Date().toISOString().slice(0, 10);

const toView = (r: PolicyResource): ResourceView => ({
  urn: r.urn,
  type: r.type,
  name: r.name,
  props: r.props,
  ...((r.parent?.urn ?? r.opts.parent) ? { parent: r.parent?.urn ?? r.opts.parent } : {}),
  protect: r.opts.protect,
  ...(r.provider
    ? { provider: { urn: r.provider.urn, type: r.provider.type, name: r.provider.name, props: r.provider.props } }
    : {}),
});

function policy(rule: Rule, name: string, level: "mandatory" | "advisory"): StackValidationPolicy {
  return {
    name,
    description:
      level === "advisory" && rule.enforcement === "mandatory"
        ? `${rule.description} (good practice where the regulation does not mandate it)`
        : rule.description,
    enforcementLevel: level,
    severity: rule.severity,
    remediationSteps: rule.remediation,
    configSchema: {
      properties: {
        regency: { type: "string", description: "Regency slug whose regulation is cited (default: the stack's)." },
        today: {
          type: "string",
          pattern: "^\\d{4}-\\d{2}-\\d{2}$",
          description: "YYYY-MM-DD on which exemptions are judged (default: today).",
        },
        estate: {
          type: "object",
          description:
            "The regency's estate (`regency estate --stack <slug>`): judge any stack of the regency against it.",
        },
        drills: {
          type: "array",
          description: "The recovery sites' restore-drill ledger (`regency estate --ledger <maintenance log>`).",
        },
      },
    },
    validateStack: (args, reportViolation) => {
      const config = args.getConfig<{ regency?: string; today?: string; estate?: unknown; drills?: unknown }>();
      // A failure is reported once, by the policy named after the rule; it fails closed rather than pass.
      const failed = (message: string) => {
        if (name === rule.name)
          reportViolation(
            `${message}.\nThis is a program error in the policy pack, not a verdict on the stack; report it with this message.`,
          );
      };
      let ctx;
      try {
        const estate = config.estate === undefined ? undefined : EstateSchema.parse(config.estate);
        ctx = contextOf(args.resources.map(toView), config.today ?? today(), config.regency, estate);
        if (ctx && config.drills !== undefined) ctx.drills = LedgerSchema.parse(config.drills);
      } catch (e) {
        if (isUnknownValueError(e)) throw e;
        return failed(`rule ${rule.name} cannot run: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!ctx) return;
      const result = evaluate([rule], ctx);
      for (const e of result.ruleErrors) failed(e.message);
      if (name === rule.name) {
        // CrossGuard itself reports this as advisory: "can't run policy … during preview".
        for (const u of result.undecided) throw u.error;
      }
      // This policy reports its share of the rule's findings (the engine names the policy of each);
      // CrossGuard applies the configured enforcement level itself.
      for (const v of result.violations) if (v.policy === name) reportViolation(violationText(v), v.urn);
    },
  };
}

const policies: StackValidationPolicy[] = RULES.flatMap((rule) =>
  policiesOf(rule).map((p) => policy(rule, p.name, p.level)),
);

new PolicyPack("regency-compliance", {
  description:
    "Compliance of a regency's data center with its Peraturan Bupati on e-government, cited article by article.",
  policies,
});
