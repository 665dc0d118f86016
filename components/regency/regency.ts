import * as pulumi from "@pulumi/pulumi";
import { Regulation, RuleCitation } from "../model/citations";
import { Segment } from "../model/ipplan";
import { RuleId } from "../model/rules";
import { Exemption, Site } from "../model/spec";

/** What every policy needs to know about the regency, recorded once at the root of the stack. */
export interface RegencyArgs {
  slug: string;
  name: string;
  /** "Peraturan Bupati Bulukumba Nomor 143 Tahun 2017". */
  regulation: string;
  regulationRef: Pick<Regulation, "title" | "number" | "year">;
  /** A fork's own quoted articles (seed regencies use the registry). */
  citations?: Partial<Record<RuleId, RuleCitation>>;
  custodian: string;
  domain: string;
  supernet: string;
  platform: "kubernetes" | "docker";
  /** The site that hosts the estate, and every declared site with its operator. */
  mainSite: string;
  sites: Site[];
  segments: Segment[];
  /** Keputusan Bupati exemptions as declared (the policy pack decides whether they hold). */
  exemptions: Exemption[];
  /** Internet site categories the custodian blocks for OPDs. */
  blockedCategories: string[];
}

/**
 * The root of a regency's stack: every component is its child, and its args are the facts the
 * policy pack checks the rest against (custodian, domain, supernet, sites, exemptions).
 */
export class Regency extends pulumi.ComponentResource {
  constructor(name: string, args: RegencyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:regency:Regency", name, args, opts);
    this.registerOutputs({ regency: args.name, custodian: args.custodian, domain: args.domain });
  }
}
