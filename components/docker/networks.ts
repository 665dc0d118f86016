import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { Segment } from "../model/ipplan";
import { DOCKER, dockerNetworkOf } from "./naming";

export interface NetworksArgs {
  /** Every segment of the IP plan: one Docker network each, numbered as planned. */
  segments: Segment[];
}

/**
 * The IP plan made real on one server: a Docker network per segment with its subnet and gateway.
 * Networks that hold databases (OPD, common applications, platform) and the backup network are
 * `internal`: nothing on them reaches, or is reached from, outside the host.
 */
export class Networks extends pulumi.ComponentResource {
  readonly byName: Record<string, docker.Network> = {};

  constructor(name: string, args: NetworksArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:Networks", name, args, opts);
    for (const s of args.segments) {
      this.byName[s.name] = new docker.Network(
        `${name}/${s.name}`,
        {
          name: dockerNetworkOf(s.name),
          driver: "bridge",
          internal: DOCKER.internalSegments.has(s.purpose),
          ipamConfigs: [{ subnet: s.cidr, gateway: s.gateway }],
          labels: [
            { label: "regency.go.id/segment", value: s.name },
            { label: "regency.go.id/purpose", value: s.purpose },
            ...(s.opd ? [{ label: "regency.go.id/opd", value: s.opd }] : []),
          ],
        },
        { parent: this },
      );
    }
    this.registerOutputs({ networks: Object.keys(this.byName) });
  }
}
