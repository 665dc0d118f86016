import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedCitation } from "../model/citations";
import { DataCenterFacts, siteFacts } from "../model/facts";
import { LABEL, Platform, PLATFORM_NAMESPACES } from "../model/plan";
import { Site } from "../model/spec";

export interface DataCenterArgs {
  /** The site as the spec declares it (kind, operator, location, endpoint, storage class). */
  site: Site;
  /** The custodian named by the regulation: the only operator a data center may have. */
  custodian: string;
  /** The article that reserves data centers to the custodian, for the refusal message. */
  citation: ResolvedCitation;
  /** The back end of this run (the site's own unless planning for another). */
  platform: Platform;
  /** Kubeconfig contents; the context comes from the site's endpoint. Default: the ambient kubeconfig. */
  kubeconfig?: pulumi.Input<string>;
}

/**
 * A data center (pusat data) or disaster-recovery center (pusat pemulihan data) of the custodian:
 * the provider of the site's cluster (Kubernetes, with its platform namespaces) or server (Docker).
 * A site run by anyone but the custodian gets no provider, so nothing can be placed there, and the
 * deployment is failed.
 */
export class DataCenter extends pulumi.ComponentResource {
  /** Undefined when the site is not the custodian's or runs Docker. */
  readonly provider?: k8s.Provider;
  /** Undefined when the site is not the custodian's or runs Kubernetes. */
  readonly docker?: docker.Provider;
  readonly namespaces: Record<string, k8s.core.v1.Namespace> = {};
  readonly site: Site;

  constructor(name: string, args: DataCenterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:datacenter:DataCenter", name, args, opts);
    this.site = args.site;
    if (args.site.operator !== "custodian") {
      void pulumi.log.error(
        `site ${args.site.id} (${args.site.kind}) is operated by "${args.site.operator}", not by ${args.custodian}: ` +
          `no provider is created for it. ${args.citation.summary}`,
        this,
      );
      this.registerOutputs(this.facts(args, []));
      return;
    }
    if (args.platform === "docker") {
      this.docker = new docker.Provider(
        name,
        { host: args.site.endpoint?.dockerHost ?? "unix:///var/run/docker.sock" },
        { parent: this },
      );
      this.registerOutputs(this.facts(args, [], this.docker.urn));
      return;
    }
    this.provider = new k8s.Provider(
      name,
      {
        ...(args.site.endpoint?.kubeContext ? { context: args.site.endpoint.kubeContext } : {}),
        ...(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {}),
      },
      { parent: this },
    );
    const wanted = args.site.kind === "primary" ? Object.values(PLATFORM_NAMESPACES) : [PLATFORM_NAMESPACES.backup];
    for (const ns of wanted) {
      this.namespaces[ns] = new k8s.core.v1.Namespace(
        `${name}/${ns}`,
        {
          metadata: {
            name: ns,
            labels: {
              [LABEL.role]: ns,
              [LABEL.segment]:
                ns === PLATFORM_NAMESPACES.ingress ? "dmz" : ns === PLATFORM_NAMESPACES.sso ? "platform" : "backup",
            },
            annotations: { "regency.go.id/site": args.site.id, "regency.go.id/operator": args.custodian },
          },
        },
        // The backup namespace holds the site's backup repository: `pulumi destroy` leaves it (and the copies) in place.
        {
          parent: this,
          provider: this.provider,
          ...(ns === PLATFORM_NAMESPACES.backup ? { retainOnDelete: true } : {}),
        },
      );
    }
    this.registerOutputs(this.facts(args, Object.keys(this.namespaces), this.provider.urn));
  }

  private facts(args: DataCenterArgs, namespaces: string[], provider?: pulumi.Output<string>): pulumi.Inputs {
    const facts: Omit<DataCenterFacts, "provider"> = {
      site: siteFacts(args.site),
      platform: args.platform,
      namespaces,
    };
    return provider ? { ...facts, provider } : facts;
  }
}
