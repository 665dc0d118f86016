/** The Pulumi program itself, run under Pulumi's mock runtime with each stack's config. */
import * as pulumi from "@pulumi/pulumi";
import { loadStack } from "../components/model/load";
import { specOf } from "./support/stacks";

async function runProgram(slug: string, spec: unknown): Promise<Record<string, unknown>> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => args.inputs,
    },
    "regency",
    slug,
    false,
  );
  pulumi.runtime.setConfig("regency:spec", JSON.stringify(spec));
  let program: unknown;
  try {
    jest.isolateModules(() => {
      program = require("../infra/index");
    });
    // As Pulumi's runner does: an exported function is called and awaited; its result is the outputs.
    expect(program).toBeInstanceOf(Function);
    return await (program as () => Promise<Record<string, unknown>>)();
  } finally {
    // Let every registration finish before the next stack resets the mocks.
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  }
}

describe("Pulumi program (infra/index.ts)", () => {
  // Every seed stack runs through the same program in kubernetes.test.ts; here the entry point itself.
  it.each(["bulukumba"])(
    "%s: reads regency:spec and exports the regency, its IP plan and SSO clients",
    async (slug) => {
      const out = await runProgram(slug, specOf(slug));
      const model = loadStack(slug);
      expect(out.regency).toBe(model.spec.regency.name);
      expect(out.custodian).toBe(model.spec.custodian.name);
      expect(out.ipPlan).toEqual(model.ipPlan);
      expect((out.opds as { slug: string }[]).map((o) => o.slug)).toEqual(model.spec.opds.map((o) => o.slug));
      expect((out.sso as { clients: string[] }).clients).toHaveLength(
        model.applications.filter((h) => h.app.site === undefined).length,
      );
    },
  );

  it("stops with the field paths of a bad spec, as a RunError (no stack trace in pulumi output)", async () => {
    const spec = specOf("hulu-sungai-tengah");
    spec.domain.name = "hst.example.com";
    await expect(runProgram("hulu-sungai-tengah", spec)).rejects.toThrow(
      /domain\.name\n\s+domain resmi harus berakhiran \.go\.id/,
    );
    const error = await runProgram("hulu-sungai-tengah", spec).catch((e: unknown) => e);
    expect(pulumi.RunError.isInstance(error)).toBe(true);
  });
});
