import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/** A generated database password (a Pulumi secret), the same for every back end. */
export function databasePassword(name: string, parent: pulumi.Resource): pulumi.Output<string> {
  return new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent }).result;
}
