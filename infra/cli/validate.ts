import * as path from "path";
import { Command } from "commander";
import { SpecError } from "../../components/model/issues";
import { loadStackFile, stackFile, stackSlugs } from "../../components/model/load";
import { RegencyModel } from "../../components/model/validate";
import { selectModel, withStackSelection } from "./select";

/** One line that says what a valid spec holds. */
export function summary(m: RegencyModel): string {
  const apps = m.applications;
  const dbs = apps.filter((h) => h.app.database).length;
  const vols = apps.reduce((n, h) => n + h.app.volumes.length, 0);
  const inTransition = apps.filter((h) => h.app.sso === "transition").length;
  return (
    `${m.spec.regency.name}: ${m.spec.opds.length} OPD, ${apps.length} aplikasi (${inTransition} SSO transisi), ` +
    `${dbs} basis data, ${vols} volume, ${m.ipPlan.segments.length} segmen IP di ${m.ipPlan.supernet}`
  );
}

export function validateCommand(): Command {
  return withStackSelection(new Command("validate"))
    .description("check a regency spec: schema, references and IP plan (exit 1 on any error)")
    .option("-a, --all", "every stack in stacks/")
    .action((file: string | undefined, opts: { stack?: string; all?: boolean }) => {
      if (opts.all) {
        const errors: SpecError[] = [];
        for (const slug of stackSlugs()) {
          try {
            const m = loadStackFile(stackFile(slug));
            process.stdout.write(`✓ ${path.relative(process.cwd(), stackFile(slug))}: ${summary(m)}\n`);
          } catch (e) {
            if (!(e instanceof SpecError)) throw e;
            errors.push(e);
            process.stderr.write(e.message + "\n");
          }
        }
        if (errors.length > 0) process.exitCode = 1;
        return;
      }
      const m = selectModel(file, opts);
      process.stdout.write(`✓ ${summary(m)}\n`);
    });
}
