import * as fs from "fs";
import * as YAML from "yaml";
import { SPEC_KEY, stackFile } from "../../components/model/load";

export const SEED_STACKS = ["batang-hari", "bulukumba", "hulu-sungai-tengah", "konawe-selatan", "oku-selatan"];

/** A seed stack's spec as plain data, to mutate in tests. */
export function specOf(slug: string): Record<string, any> {
  return YAML.parse(fs.readFileSync(stackFile(slug), "utf8")).config[SPEC_KEY];
}

export function stackText(spec: unknown): string {
  return YAML.stringify({ config: { [SPEC_KEY]: spec } });
}
