import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { attachmentsOf, DockerIsolation } from "../model/docker-networks";
import { Attach } from "./naming";

export interface NetworksArgs {
  /** The plan's flows as Docker networks (`plan.docker`): one per allowed flow between two containers, numbered in its segment. */
  isolation: DockerIsolation;
}

/**
 * The allowed flows made real on one server: a Docker network per flow, with the /29 the plan gave it
 * inside its segment, joined by exactly the two containers of the flow. All are `internal` except the
 * DMZ network (the proxy's published ports) and the egress networks of applications that have partners
 * or internet egress.
 */
export class Networks extends pulumi.ComponentResource {
  readonly byName: Record<string, docker.Network> = {};
  /** The networks a container joins, as `networksAdvanced` entries. */
  readonly attach: Attach;

  constructor(name: string, args: NetworksArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:Networks", name, args, opts);
    for (const n of args.isolation.networks) {
      this.byName[n.name] = new docker.Network(
        `${name}/${n.name}`,
        {
          name: n.name,
          driver: "bridge",
          internal: n.internal,
          ipamConfigs: [{ subnet: n.cidr, gateway: n.gateway }],
          labels: [
            { label: "regency.go.id/segment", value: n.segment },
            { label: "regency.go.id/purpose", value: n.purpose },
          ],
        },
        { parent: this },
      );
    }
    this.attach = (container) =>
      attachmentsOf(args.isolation, container).map((a) => ({
        name: this.byName[a.network].name,
        ...(a.aliases.length > 0 ? { aliases: a.aliases } : {}),
      }));
    this.registerOutputs({ networks: Object.keys(this.byName) });
  }
}
