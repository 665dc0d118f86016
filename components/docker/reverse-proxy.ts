import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { LABEL } from "../model/plan";
import { Attachments, DOCKER, labelsOf, listeningCheck } from "./naming";

export interface ReverseProxyArgs {
  /**
   * Every published site: hostname, upstream container:port, whether it is intranet-only, and whether
   * the applications' own containers may use it (SSO's back channel); no other site answers them.
   */
  routes: { hostname: string; upstream: string; intranetOnly: boolean; forApplications?: boolean }[];
  /** The custodian's supernet, the only source an intranet-only site answers. */
  supernet: string;
  /** Where the applications' containers reach the proxy from (the segments of their front networks). */
  applicationSources: string[];
  image: pulumi.Input<string>;
  /** The DMZ network (its published ports) and a network with each application and SSO. */
  networks: Attachments;
}

/**
 * The Caddyfile: one site block per go.id hostname, HTTPS by Caddy, intranet sites fenced to the
 * supernet. An application's container reaches the proxy only for SSO: the proxy must not become a
 * way from one OPD's application to another's, which their networks keep apart.
 */
export function caddyfile(args: Pick<ReverseProxyArgs, "routes" | "supernet" | "applicationSources">): string {
  return (
    args.routes
      .map((r) =>
        [
          `${r.hostname} {`,
          ...(!r.forApplications && args.applicationSources.length > 0
            ? [`\t@applications remote_ip ${args.applicationSources.join(" ")}`, "\trespond @applications 403"]
            : []),
          ...(r.intranetOnly ? [`\t@outside not remote_ip ${args.supernet}`, "\trespond @outside 403"] : []),
          `\treverse_proxy ${r.upstream}`,
          "}",
        ].join("\n"),
      )
      .join("\n\n") + "\n"
  );
}

/** The reverse proxy that serves the regency's go.id subdomains on the server's ports 80 and 443. */
export class ReverseProxy extends pulumi.ComponentResource {
  constructor(name: string, args: ReverseProxyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:ReverseProxy", name, args, opts);
    const data = new docker.Volume(`${name}/data`, { name: `${DOCKER.proxy}-data` }, { parent: this });
    new docker.Container(
      `${name}/container`,
      {
        name: DOCKER.proxy,
        image: args.image,
        uploads: [{ file: "/etc/caddy/Caddyfile", content: caddyfile(args) }],
        ports: [
          { internal: 80, external: 80 },
          { internal: 443, external: 443 },
        ],
        volumes: [{ volumeName: data.name, containerPath: "/data" }],
        networksAdvanced: args.networks,
        healthcheck: {
          tests: ["CMD-SHELL", listeningCheck(443)],
          interval: "10s",
          timeout: "5s",
          retries: 3,
          startPeriod: "5s",
        },
        restart: "unless-stopped",
        memory: 512,
        cpus: "1",
        labels: labelsOf({ [LABEL.app]: DOCKER.proxy, [LABEL.component]: "ingress" }),
      },
      { parent: this },
    );
    this.registerOutputs({
      hostnames: args.routes.map((r) => r.hostname),
      routes: args.routes.map(({ hostname, intranetOnly }) => ({ hostname, intranetOnly })),
    });
  }
}
