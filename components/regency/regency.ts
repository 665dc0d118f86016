import * as pulumi from "@pulumi/pulumi";
import { RegencyFacts } from "../model/facts";

/** The regency's facts as the program passes them (`name` is published as `regency`). */
export type RegencyArgs = Omit<RegencyFacts, "regency"> & {
  /** Display name, e.g. "Kabupaten Bulukumba". */
  name: string;
};

/**
 * The root of a regency's stack: every component is its child, and its outputs are the facts the
 * policy pack checks the rest against (custodian, domain, supernet, sites, exemptions).
 */
export class Regency extends pulumi.ComponentResource {
  readonly facts: RegencyFacts;

  constructor(name: string, args: RegencyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:regency:Regency", name, args, opts);
    const { name: regency, ...rest } = args;
    this.facts = { regency, ...rest };
    this.registerOutputs(this.facts);
  }
}
