import * as pulumi from "@pulumi/pulumi";
import { siteFacts, UnconsolidatedFacts } from "../model/facts";
import { Site } from "../model/spec";

export interface UnconsolidatedServerArgs {
  opd: string;
  application: string;
  hostname: string;
  /** The OPD's own server room the application still runs in. */
  site: Site;
}

/**
 * An application that still runs on an OPD's own server: nothing is deployed for it, but it is
 * recorded so the policy pack can require a valid Keputusan Bupati exemption (or flag it).
 */
export class UnconsolidatedServer extends pulumi.ComponentResource {
  constructor(name: string, args: UnconsolidatedServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:hosting:UnconsolidatedServer", name, args, opts);
    const facts: UnconsolidatedFacts = {
      opd: args.opd,
      application: args.application,
      hostname: args.hostname,
      site: siteFacts(args.site),
    };
    this.registerOutputs(facts);
  }
}
