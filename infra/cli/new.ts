import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import * as YAML from "yaml";
import { SpecError } from "../../components/model/issues";
import { loadStackText, SPEC_KEY, stackFile, STACKS_DIR } from "../../components/model/load";
import { PLACEHOLDER } from "../../components/model/validate";
import { RULE_IDS } from "../../components/model/rules";

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
        {
          path: ["network", "supernet"],
          id: "--supernet harus berupa /16 (mis. 10.42.0.0/16); ukuran lain: ubah berkasnya",
          en: "--supernet must be a /16 (e.g. 10.42.0.0/16); for other sizes edit the file",
        },
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
  // What only the regency can say is a placeholder that fails validation until it is replaced.
  doc.setIn(at("regency", "province"), o.province ?? "<isi: provinsi>");
  doc.setIn(at("regency", "regulation", "title"), `Peraturan Bupati ${short}`);
  doc.setIn(at("regency", "regulation", "number"), o.regulationNumber ?? "<isi: nomor Peraturan Bupati>");
  doc.setIn(at("regency", "regulation", "year"), o.regulationYear ?? "<isi: tahun Peraturan Bupati>");
  placeholders(doc);
  citationsSection(doc);
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
  // Refuse to write anything wrong but the placeholders.
  try {
    loadStackText(text, `stacks/Pulumi.${o.slug}.yaml`);
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    const wrong = e.issues.filter((i) => !PLACEHOLDER.test(i.id));
    if (wrong.length > 0) throw new SpecError(wrong, `stacks/Pulumi.${o.slug}.yaml (tidak ditulis / not written)`);
  }
  return text;
}

/** The template's examples that only the regency can replace: its sites' places and hosts, OPDs, partners. */
function placeholders(doc: YAML.Document): void {
  const at = (...p: (string | number)[]) => ["config", SPEC_KEY, ...p];
  const list = (...p: string[]) => {
    const node = doc.getIn(at(...p));
    return YAML.isSeq(node) ? node.items.length : 0;
  };
  for (let i = 0; i < list("sites"); i++) {
    const id = String(doc.getIn(at("sites", i, "id")));
    doc.setIn(at("sites", i, "location"), `<isi: alamat ${id}>`);
    if (doc.hasIn(at("sites", i, "endpoint", "dockerHost")))
      doc.setIn(at("sites", i, "endpoint", "dockerHost"), `ssh://<isi: host Docker ${id}>`);
  }
  for (let i = 0; i < list("opds"); i++) {
    doc.setIn(
      at("opds", i, "name"),
      `<isi: nama OPD; contoh: ${String(doc.getIn(at("opds", i, "name")))} — sesuaikan atau hapus>`,
    );
  }
  for (let i = 0; i < list("interconnections"); i++) {
    doc.setIn(
      at("interconnections", i, "remote", "cidr"),
      `<isi: jaringan ${String(doc.getIn(at("interconnections", i, "party")))}>`,
    );
    doc.setIn(at("interconnections", i, "agreement"), "<isi: perjanjian kerja sama>");
  }
  // The national layer's records: what the regency has done, never a made-up date.
  doc.setIn(at("continuityPlan", "document"), "<isi: dokumen rencana keberlangsungan kegiatan>");
  doc.setIn(at("continuityPlan", "lastTested"), "<isi: tanggal uji coba terakhir, YYYY-MM-DD>");
  doc.setIn(at("itAudit", "date"), "<isi: tanggal Audit TIK terakhir, YYYY-MM-DD>");
  doc.setIn(at("itAudit", "auditor"), "<isi: lembaga pelaksana Audit TIK>");
  doc.setIn(at("personalData", "officer", "name"), "<isi: pejabat Pelindungan Data Pribadi>");
  doc.setIn(at("personalData", "officer", "contact"), "<isi: surel atau telepon untuk laporan kegagalan pelindungan>");
}

/** An empty `regency.regulation.citations` with what to write there: the regency's own articles make its rules block. */
function citationsSection(doc: YAML.Document): void {
  const path = ["config", SPEC_KEY, "regency", "regulation"];
  doc.setIn([...path, "citations"], doc.createNode({}));
  const regulation = doc.getIn(path) as YAML.YAMLMap;
  const pair = regulation.items.find((p) => (YAML.isScalar(p.key) ? p.key.value : p.key) === "citations")!;
  if (!YAML.isScalar(pair.key)) pair.key = doc.createNode("citations");
  const key = pair.key as YAML.Scalar;
  const rules: string[] = [];
  for (let i = 0; i < RULE_IDS.length; i += 6) rules.push(`   ${RULE_IDS.slice(i, i + 6).join(", ")}`);
  key.commentBefore = [
    " Pasal-pasal Peraturan Bupati Anda per aturan, dikutip persis: dengan kutipan, `check` dapat memblokir.",
    " Your Peraturan Bupati's articles by rule, quoted word for word: with them `check` cites and can block, e.g.",
    '   server-consolidation: [{ pasal: 6, ayat: 2, text: "OPD dilarang mengadakan pusat data …" }]',
    '   lpse: { notMandated: "tidak diatur" }   # where the regulation has no such article',
    " Rules (npx regency citations --rule <rule> explains each):",
    ...rules,
  ].join("\n");
}

export function newCommand(): Command {
  return new Command("new")
    .description(
      "write stacks/Pulumi.<slug>.yaml for a new regency from the template; its placeholders <isi: …> fail validation until filled in",
    )
    .argument("<slug>", "short name, e.g. kolaka-timur")
    .requiredOption("--name <name>", 'e.g. "Kabupaten Kolaka Timur"')
    .requiredOption("--domain <domain>", "the official domain, e.g. kolakatimurkab.go.id")
    .requiredOption("--custodian <unit>", 'the unit the regulation names, e.g. "Dinas Komunikasi dan Informatika"')
    .addOption(
      new Option("--custodian-kind <kind>", "dinas or bagian (default: from the name)").choices(["dinas", "bagian"]),
    )
    .addOption(
      new Option("--domain-source <source>", "whether the regulation names the domain").choices([
        "regulation",
        "configured",
      ]),
    )
    .option("--province <province>", "e.g. Sulawesi Tenggara")
    .option("--regulation-number <n>", "number of the Peraturan Bupati")
    .option("--regulation-year <year>", "year of the Peraturan Bupati", (v) => Number.parseInt(v, 10))
    .option("--supernet <cidr>", "the custodian's /16 address space (default: the template's)")
    .option("--force", "overwrite an existing stack file")
    .option("--stacks-dir <dir>", "where to write (default: the repository's stacks/)")
    .action((slug: string, opts: Omit<NewRegencyOptions, "slug"> & { force?: boolean; stacksDir?: string }) => {
      const file = opts.stacksDir ? path.join(opts.stacksDir, `Pulumi.${slug}.yaml`) : stackFile(slug);
      if (fs.existsSync(file) && !opts.force)
        throw new Error(`${path.relative(process.cwd(), file)} exists (use --force to overwrite)`);
      const text = newStackText({ ...opts, slug });
      const tmp = `${file}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, file);
      const left = text.split("\n").filter((l) => PLACEHOLDER.test(l)).length;
      process.stdout.write(
        `✓ ${path.relative(process.cwd(), file)} written from the template: ${left} placeholder(s) <isi: …> to fill in (sites, OPDs, partners, the regulation, the national records: continuity plan, IT audit, personal-data officer); until then it does not validate\n`,
      );
      process.stdout.write(
        `  next: fill them in (\`npx regency validate ${path.relative(process.cwd(), file)}\` lists each with its line), quote your regulation's articles under regency.regulation.citations, then freeze the IP plan with \`npx regency ipplan --stack ${slug} --write-lock\` once its OPDs are settled (commit the lock)\n`,
      );
    });
}
