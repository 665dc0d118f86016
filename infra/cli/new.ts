import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import * as YAML from "yaml";
import { SpecError } from "../../components/model/issues";
import { loadStackText, SPEC_KEY, stackFile, STACKS_DIR } from "../../components/model/load";
import { summary } from "./validate";

export const TEMPLATE_FILE = path.join(STACKS_DIR, "template", "Pulumi.template.yaml");

export interface NewRegencyOptions {
  slug: string;
  name: string;
  domain: string;
  custodian: string;
  custodianKind?: "dinas" | "bagian";
  domainSource?: "regulation" | "configured";
  province?: string;
  regulationNumber?: string;
  regulationYear?: number;
  supernet?: string;
}

/** The text of a new regency's stack file, made from the template; throws SpecError if it would not validate. */
export function newStackText(o: NewRegencyOptions): string {
  const doc = YAML.parseDocument(fs.readFileSync(TEMPLATE_FILE, "utf8"));
  const at = (...p: string[]) => ["config", SPEC_KEY, ...p];
  const templateDomain = String(doc.getIn(at("domain", "name")));
  const templateSupernet = String(doc.getIn(at("network", "supernet")));
  const short = o.name.replace(/^Kabupaten\s+/, "");

  let octets: [string, string] | undefined;
  if (o.supernet !== undefined) {
    const m = /^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/.exec(o.supernet);
    if (!m) {
      throw new SpecError([
        { path: ["network", "supernet"], id: "--supernet harus berupa /16 (mis. 10.42.0.0/16); ukuran lain: ubah berkasnya", en: "--supernet must be a /16 (e.g. 10.42.0.0/16); for other sizes edit the file" },
      ]);
    }
    octets = [m[1], m[2]];
  }
  const oldPrefix = templateSupernet.split(".").slice(0, 2).join(".") + ".";
  // The template's domain and address prefix recur in images and pins: rewrite every occurrence.
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== "string") return;
      let v = node.value.split(templateDomain).join(o.domain);
      if (octets && v.startsWith(oldPrefix)) v = `${octets[0]}.${octets[1]}.` + v.slice(oldPrefix.length);
      node.value = v;
    },
  });
  doc.setIn(at("regency", "slug"), o.slug);
  doc.setIn(at("regency", "name"), o.name);
  doc.setIn(at("regency", "province"), o.province ?? "(isi provinsi / fill in the province)");
  doc.setIn(at("regency", "regulation", "title"), `Peraturan Bupati ${short}`);
  if (o.regulationNumber !== undefined) doc.setIn(at("regency", "regulation", "number"), o.regulationNumber);
  if (o.regulationYear !== undefined) doc.setIn(at("regency", "regulation", "year"), o.regulationYear);
  doc.setIn(at("custodian", "name"), o.custodian);
  doc.setIn(at("custodian", "kind"), o.custodianKind ?? (/^Bagian\b/.test(o.custodian) ? "bagian" : "dinas"));
  doc.setIn(at("domain", "source"), o.domainSource ?? "configured");
  doc.setIn(at("sso", "realm"), o.slug);
  // Drop the template's own instructions (on the document, its map, or its first key).
  if (YAML.isMap(doc.contents)) {
    doc.contents.commentBefore = null;
    const first = doc.contents.items[0]?.key;
    if (YAML.isNode(first)) first.commentBefore = null;
  }
  doc.commentBefore = [
    " yaml-language-server: $schema=./regency-stack.schema.json",
    ` ${o.name} — made by \`regency new\` from stacks/template. This file is the regency's whole configuration:`,
    " edit it (regulation, sites, network, OPDs) and run `npx regency validate --stack " + o.slug + "`.",
  ].join("\n");
  const text = doc.toString({ lineWidth: 120 });
  loadStackText(text, `stacks/Pulumi.${o.slug}.yaml (tidak ditulis / not written)`); // refuse to write what would not validate
  return text;
}

export function newCommand(): Command {
  return new Command("new")
    .description("write stacks/Pulumi.<slug>.yaml for a new regency from the template, valid at once")
    .argument("<slug>", "short name, e.g. kolaka-timur")
    .requiredOption("--name <name>", 'e.g. "Kabupaten Kolaka Timur"')
    .requiredOption("--domain <domain>", "the official domain, e.g. kolakatimurkab.go.id")
    .requiredOption("--custodian <unit>", 'the unit the regulation names, e.g. "Dinas Komunikasi dan Informatika"')
    .addOption(new Option("--custodian-kind <kind>", "dinas or bagian (default: from the name)").choices(["dinas", "bagian"]))
    .addOption(new Option("--domain-source <source>", "whether the regulation names the domain").choices(["regulation", "configured"]))
    .option("--province <province>", "e.g. Sulawesi Tenggara")
    .option("--regulation-number <n>", "number of the Peraturan Bupati")
    .option("--regulation-year <year>", "year of the Peraturan Bupati", (v) => Number.parseInt(v, 10))
    .option("--supernet <cidr>", "the custodian's /16 address space (default: the template's)")
    .option("--force", "overwrite an existing stack file")
    .option("--stacks-dir <dir>", "where to write (default: the repository's stacks/)")
    .action((slug: string, opts: Omit<NewRegencyOptions, "slug"> & { force?: boolean; stacksDir?: string }) => {
      const file = opts.stacksDir ? path.join(opts.stacksDir, `Pulumi.${slug}.yaml`) : stackFile(slug);
      if (fs.existsSync(file) && !opts.force) throw new Error(`${path.relative(process.cwd(), file)} exists (use --force to overwrite)`);
      const text = newStackText({ ...opts, slug });
      const tmp = `${file}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, file);
      const model = loadStackText(text, file);
      process.stdout.write(`✓ ${path.relative(process.cwd(), file)}: ${summary(model)}\n`);
      process.stdout.write(`  next: edit it, then \`npx regency validate --stack ${slug}\`; once its OPDs are settled, freeze the IP plan with \`npx regency ipplan --stack ${slug} --write-lock\` (commit the lock)\n`);
    });
}
