/**
 * The estate: what the pack needs to judge ANY stack of the regency, not only those built from this
 * library — the custodian, its sites and the endpoints that identify them, the supernet, the official
 * domain and the exemptions. Written by the regency's own stack (`regency estate --stack <slug>`) and
 * handed to the pack as its policy config (`{"estate-placement": {"estate": …}, "estate-domain": {…}}`).
 */
import { z } from "zod";
import { ExemptionSchema, INDONESIA, SITE_KINDS } from "../components/model/spec";

export const EstateSiteSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(SITE_KINDS),
  operator: z.string(),
  /** ISO 3166-1 alpha-2 country of the site (estates written before it was recorded: Indonesia, the spec's default). */
  country: z.string().default(INDONESIA),
  /** What identifies this site in a stack's provider: Kubernetes API server URLs and contexts, Docker hosts, other endpoints. */
  kubeApiServers: z.array(z.string()).default([]),
  kubeContexts: z.array(z.string()).default([]),
  dockerHosts: z.array(z.string()).default([]),
  identifiers: z.array(z.string()).default([]),
});

export const EstateSchema = z.strictObject({
  schemaVersion: z.literal(1),
  regency: z.string(),
  name: z.string(),
  custodian: z.string(),
  domain: z.string(),
  domainDecree: z.strictObject({ number: z.string(), date: z.string() }).optional(),
  supernet: z.string(),
  sites: z.array(EstateSiteSchema),
  exemptions: z.array(ExemptionSchema).default([]),
});
export type Estate = z.infer<typeof EstateSchema>;
export type EstateSite = z.infer<typeof EstateSiteSchema>;
