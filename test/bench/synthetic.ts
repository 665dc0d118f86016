/** Synthetic regencies for the benchmarks: the fork template scaled to n OPDs. */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { loadStackText, SPEC_KEY } from "../../components/model/load";
import { RegencyModel } from "../../components/model/validate";

const TEMPLATE = path.join(__dirname, "..", "..", "stacks", "template", "Pulumi.template.yaml");

/**
 * A regency of n OPDs on Kubernetes, each with two applications: one with a database, one with a
 * file volume, both behind SSO, both backed up daily and weekly to the DR site.
 */
export function syntheticModel(n: number): RegencyModel {
  return loadStackText(syntheticStackText(n), `synthetic-${n}`);
}

/** The stack file of a synthetic regency of n OPDs (`slug` names it, for a batch of many regencies). */
export function syntheticStackText(n: number, slug = `sintetis-${n}`): string {
  const doc = YAML.parse(fs.readFileSync(TEMPLATE, "utf8"));
  const spec = doc.config[SPEC_KEY];
  spec.regency.slug = slug;
  spec.network = { supernet: "10.0.0.0/12", reserved: [], opdPrefixLength: 26 };
  spec.sites[0].platform = "kubernetes";
  spec.sites[0].endpoint = { kubeContext: "bench" };
  spec.sites[0].storageClass = "local";
  for (const s of spec.sites.slice(1)) s.storageClass = `${s.id}-class`;
  // Partners are the template's examples; the national links every regency declares stay.
  spec.interconnections = spec.interconnections.filter((i: { kind: string }) =>
    ["national-data-center", "intra-government-network"].includes(i.kind),
  );
  spec.opds = Array.from({ length: n }, (_, i) => ({
    slug: `opd-${i}`,
    name: `Dinas Sintetis ${i}`,
    waliData: `Kepala Bidang Data ${i}`,
    applications: [
      {
        id: `app-${i}-a`,
        name: `Layanan ${i} A`,
        image: `registry.example/app:${i}`,
        subdomain: `app-${i}-a`,
        database: { dataGroups: ["pelayanan"] },
        sso: "onboarded",
      },
      {
        id: `app-${i}-b`,
        name: `Layanan ${i} B`,
        image: `registry.example/app:${i}`,
        subdomain: `app-${i}-b`,
        volumes: [{ name: "berkas", mountPath: "/data", sizeGi: 5 }],
        sso: "transition",
      },
    ],
  }));
  return YAML.stringify(doc);
}
