import * as fs from "fs";
import { Command } from "commander";
import { z } from "zod";
import { SPEC_KEY } from "../../components/model/load";
import { RegencySpecSchema } from "../../components/model/spec";

/** JSON Schema of a whole stack file, so editors complete and check the YAML. */
export function stackFileJsonSchema(): object {
  const spec = z.toJSONSchema(RegencySpecSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete spec.$schema;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Regency stack file (Pulumi.<slug>.yaml)",
    type: "object",
    required: ["config"],
    properties: {
      encryptionsalt: { type: "string" },
      secretsprovider: { type: "string" },
      config: {
        type: "object",
        required: [SPEC_KEY],
        properties: { [SPEC_KEY]: spec },
      },
    },
  };
}

export function schemaCommand(): Command {
  return new Command("schema")
    .description("write the JSON Schema of stack files (for editor completion)")
    .option("-o, --out <file>", "write to a file instead of stdout")
    .action((opts: { out?: string }) => {
      const text = JSON.stringify(stackFileJsonSchema(), null, 2) + "\n";
      if (opts.out) fs.writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}
