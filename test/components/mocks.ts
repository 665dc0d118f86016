/**
 * Pulumi's public mock runtime for a component test: every resource the component registers is
 * recorded with its inputs (the provider's state is its inputs, as for a real create). And the
 * hand-made plan slices the component tests share.
 */
import * as pulumi from "@pulumi/pulumi";
import type { DatabasePlan } from "../../components/model/plan";

export interface Created {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

/** Installs the mocks before the file's tests; returns the list they record into. */
export function recordResources(): Created[] {
  const created: Created[] = [];
  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          created.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: (args) => args.inputs,
      },
      "regency",
      "komponen",
      false,
    );
  });
  return created;
}

/** The value of an Output, once the mock runtime has resolved it. */
export const outputOf = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

/** Waits until every registration the mocks received has completed. */
export const settled = () => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

/** A database as the plan describes one: just the fields Postgres reads. */
export const database = (extra: Partial<DatabasePlan> = {}): DatabasePlan => ({
  name: "simpus-db",
  secretName: "simpus-db-credentials",
  namespace: "opd-dinkes",
  app: "simpus",
  database: "simpus",
  user: "simpus",
  sizeGi: 20,
  dataGroups: ["kesehatan"],
  keys: [],
  wantsPointInTime: false,
  ...extra,
});
