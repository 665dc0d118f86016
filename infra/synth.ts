/**
 * Runs the real regency program under Pulumi's own mock runtime (no CLI, no cluster, no
 * credentials) and records every resource it registers, components included, with its inputs.
 * Generated secrets come back as labelled placeholders, never as values.
 */
import * as pulumi from "@pulumi/pulumi";
import { RegencyModel } from "../components/model/validate";
import { ProgramOptions, regencyProgram, RegencyOutputs } from "./program";

export interface SynthResource {
  /** The URN the mock monitor gives it (same scheme as the engine's). */
  urn: string;
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  custom: boolean;
  /** Logical name of the provider that manages it (custom resources). */
  provider?: string;
  /** URN of the parent component, if any. */
  parent?: string;
  protect: boolean;
  retainOnDelete: boolean;
}

export interface Synthesis {
  resources: SynthResource[];
  outputs: RegencyOutputs;
  /** Errors the program logged (a run with any would fail under `pulumi up`). */
  errors: string[];
}

export const secretPlaceholder = (name: string) => `{{secret:${name}}}`;
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Replaces Pulumi secret envelopes by their (placeholder) values. */
function unwrap(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unwrap);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (SECRET_SIG in o && "value" in o) return unwrap(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrap(x)]));
  }
  return v;
}

interface RegisterRequest {
  getParent(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
}
type Monitor = { registerResource(req: RegisterRequest, cb: unknown): Promise<void> };
// The mock monitor hands newResource only type, name and inputs; the request also carries the
// parent and the protect / retainOnDelete options, which the plan and the policies need. The
// request is taken just before the mock's synchronous call to newResource.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MockMonitor: { prototype: Monitor } = require("@pulumi/pulumi/runtime/mocks").MockMonitor;
let currentRequest: RegisterRequest | undefined;
const registerResource = MockMonitor.prototype.registerResource;
MockMonitor.prototype.registerResource = function (this: Monitor, req: RegisterRequest, cb: unknown) {
  currentRequest = req;
  return registerResource.call(this, req, cb);
};

let running = false;

export async function synthesize(model: RegencyModel, options: ProgramOptions & { stack?: string } = {}): Promise<Synthesis> {
  if (running) throw new Error("synthesize() runs one program at a time");
  running = true;
  const resources: SynthResource[] = [];
  const errors: string[] = [];
  const log = pulumi.log as unknown as { error: typeof pulumi.log.error };
  const originalError = log.error;
  // Pulumi takes a stack trace per promise and per resource (debugging aids and source
  // positions); formatting them costs more than the synthesis itself and no one reads them here.
  const traces = Error as { prepareStackTrace?: unknown; stackTraceLimit: number };
  const { prepareStackTrace, stackTraceLimit } = traces;
  traces.prepareStackTrace = undefined;
  traces.stackTraceLimit = 0;
  log.error = (msg: string) => {
    errors.push(msg);
    return Promise.resolve();
  };
  const stackName = options.stack ?? model.spec.regency.slug;
  try {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          const inputs = unwrap(args.inputs) as Record<string, unknown>;
          const provider = args.provider ? args.provider.split("::")[3] : undefined;
          const req = currentRequest;
          const parent = req?.getParent() || undefined;
          const qualified = parent ? `${parent.split("::")[2].split("$").pop()}$${args.type}` : args.type;
          resources.push({
            urn: `urn:pulumi:${[stackName, "regency", qualified, args.name].join("::")}`,
            type: args.type,
            name: args.name,
            inputs,
            custom: args.custom ?? true,
            ...(provider ? { provider } : {}),
            ...(parent ? { parent } : {}),
            protect: req?.getProtect() ?? false,
            retainOnDelete: req?.getRetainondelete() ?? false,
          });
          const state =
            args.type === "random:index/randomPassword:RandomPassword"
              ? { ...inputs, result: secretPlaceholder(args.name) }
              : args.type === "docker:index/remoteImage:RemoteImage"
                ? { ...inputs, imageId: inputs.name, repoDigest: inputs.name }
                : inputs;
          return { id: `${args.name}-id`, state };
        },
        call: (args) => args.inputs,
      },
      "regency",
      stackName,
      false,
    );
    const outputs = regencyProgram(model, options);
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    return { resources, outputs, errors };
  } finally {
    traces.prepareStackTrace = prepareStackTrace;
    traces.stackTraceLimit = stackTraceLimit;
    log.error = originalError;
    running = false;
  }
}
