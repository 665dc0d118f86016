import * as path from "path";
import { recoverySummary } from "../../components/model/backup";
import { Command, Option } from "commander";
import { countByKind, renderPlan, writePlan } from "../render";
import { selectModel, withStackSelection } from "./select";

export function planCommand(): Command {
  return withStackSelection(new Command("plan"))
    .description(
      "write the exact desired state offline: runs the Pulumi program under Pulumi's mock runtime (no CLI, cluster or credentials)",
    )
    .requiredOption("-o, --out <dir>", "output directory (replaced)")
    .addOption(
      new Option("-p, --platform <platform>", "back end to plan for (default: the stack's primary site)").choices([
        "kubernetes",
        "docker",
      ]),
    )
    .action(
      async (file: string | undefined, opts: { stack?: string; out: string; platform?: "kubernetes" | "docker" }) => {
        const model = selectModel(file, opts);
        const { synthesize } = await import("../synth"); // Pulumi loads only when a plan is made
        const synthesis = await synthesize(model, opts.platform ? { platform: opts.platform } : {});
        if (synthesis.errors.length > 0) {
          for (const e of synthesis.errors) process.stderr.write(`✗ ${e}\n`);
          throw new Error(`the program logged ${synthesis.errors.length} error(s); nothing written`);
        }
        const files = renderPlan(synthesis);
        writePlan(files, opts.out);
        const apps = model.applications.length;
        const kinds = countByKind(synthesis)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ");
        const approximations =
          synthesis.outputs.platform === "docker" ? synthesis.outputs.plan.docker.approximations : [];
        process.stdout.write(
          `✓ ${model.spec.regency.name} (${synthesis.outputs.platform}): ${model.spec.opds.length} OPD, ${apps} aplikasi, ${synthesis.outputs.plan.backupJobs.length} backup jobs\n` +
            `  ${kinds}\n` +
            ((r) =>
              `  recovery: ${r.sources} sources backed up${r.pointInTime ? `; point-in-time recovery for ${r.pointInTime} database(s), RPO ≤ ${r.rpoSeconds} s, ${r.windowDays} days back` : ""}; the rest to the last daily copy\n`)(
              recoverySummary(synthesis.outputs.plan),
            ) +
            `  ${files.size} files → ${path.relative(process.cwd(), opts.out) || "."} (secrets are placeholders: {{secret:…}}, realm \${REALM_CLIENT_SECRET_…})\n` +
            (approximations.length > 0
              ? `  ⚠ Docker cannot narrow ${approximations.length} egress flow(s) to an address or port; these containers reach any address outside the server:\n` +
                [...new Set(approximations.map((a) => a.container))]
                  .map(
                    (c) =>
                      `    ${c}: ${approximations
                        .filter((a) => a.container === c)
                        .map((a) => a.flow)
                        .join("; ")}\n`,
                  )
                  .join("")
              : ""),
        );
      },
    );
}
