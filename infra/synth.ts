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
// Pulumi's wire signatures (runtime/rpc.ts: specialSigKey, specialSecretSig).
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270";

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

type Plain = Record<string, unknown>;
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getCustom(): boolean;
  getObject(): { toJavaScript(): Plain };
  getProtect(): boolean;
  getRetainondelete(): boolean;
}
type Callback = (err: unknown, resp?: unknown) => void;
/* eslint-disable @typescript-eslint/no-require-imports */
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as {
  MockMonitor: new (mocks: pulumi.runtime.Mocks) => { resources: Map<string, unknown>; newUrn(parent: string, type: string, name: string): string };
};
const { getStore } = require("@pulumi/pulumi/runtime/state") as { getStore(): { settings: { monitor?: unknown } } };
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { new (): { toJavaScript(): Plain }; fromJavaScript(o: Plain): unknown } };
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A protobuf Struct that keeps the JavaScript value it was made from. Offline, requests never go
 * over the wire, so encoding each resource's properties (and decoding them again in the monitor)
 * is pure cost: it was the largest part of a run after garbage collection.
 */
class CarriedStruct extends Struct {
  constructor(private readonly value: Plain) {
    super();
  }
  toJavaScript(): Plain {
    return this.value;
  }
}

/** What the synthetic provider returns for a resource: its id and, where it differs from the inputs, its state. */
type Created = { id: string; state?: Plain };

/**
 * Pulumi's MockMonitor, registering resources as the engine would, minus the round trip: the
 * state of a resource is its inputs, so the request's properties are the response's (as Pulumi's
 * runtime itself does when no monitor is attached). It also sees what the stock mock does not
 * pass on: the parent and the protect / retainOnDelete options, which the plan and the policies need.
 */
class RecordingMonitor extends MockMonitor {
  constructor(
    mocks: pulumi.runtime.Mocks,
    private readonly create: (req: RegisterRequest, urn: string, serialized: Plain) => Created,
  ) {
    super(mocks);
  }

  async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
    try {
      const serialized = req.getObject().toJavaScript();
      const urn = this.newUrn(req.getParent(), req.getType(), req.getName());
      const created = this.create(req, urn, serialized);
      // Only registerResourceOutputs reads this entry back (to know the URN exists).
      this.resources.set(urn, { urn, id: created.id });
      const object = new CarriedStruct(created.state ?? serialized);
      callback(null, { getUrn: () => urn, getId: () => created.id, getObject: () => object, getPropertydependenciesMap: () => undefined, getResult: () => 0 });
    } catch (err) {
      callback(err);
    }
  }
}

/** Replaces `obj[key]` until the returned function is called. */
function patch<T extends object, K extends keyof T>(obj: T, key: K, value: T[K]): () => void {
  const original = obj[key];
  obj[key] = value;
  return () => {
    obj[key] = original;
  };
}

let running = false;

export async function synthesize(model: RegencyModel, options: ProgramOptions & { stack?: string } = {}): Promise<Synthesis> {
  if (running) throw new Error("synthesize() runs one program at a time");
  running = true;
  const resources: SynthResource[] = [];
  const errors: string[] = [];
  const traces = Error as { prepareStackTrace?: unknown; stackTraceLimit: number };
  const restore = [
    // Pulumi takes a stack trace per promise and per resource (debugging aids and source
    // positions); formatting them cost more than the synthesis itself and no one reads them here.
    patch(traces, "prepareStackTrace", undefined),
    patch(traces, "stackTraceLimit", 0),
    // Source positions raise the limit again to capture the full stack of each resource.
    patch(pulumi.Resource as unknown as { stackTrace: () => unknown[] }, "stackTrace", () => []),
    patch(Struct, "fromJavaScript", (value: Plain) => new CarriedStruct(value)),
    patch(pulumi.log as { error: typeof pulumi.log.error }, "error", (msg: string) => {
      errors.push(msg);
      return Promise.resolve();
    }),
  ];
  const stackName = options.stack ?? model.spec.regency.slug;
  try {
    const mocks: pulumi.runtime.Mocks = { newResource: () => ({ id: "", state: {} }), call: (args) => args.inputs };
    await pulumi.runtime.setMocks(mocks, "regency", stackName, false);
    getStore().settings.monitor = new RecordingMonitor(mocks, (req, urn, serialized) => {
      const type = req.getType();
      const name = req.getName();
      const provider = req.getProvider() ? req.getProvider().split("::")[3] : undefined;
      const parent = req.getParent() || undefined;
      const inputs = unwrap(serialized) as Plain;
      resources.push({
        urn,
        type,
        name,
        inputs,
        custom: req.getCustom(),
        ...(provider ? { provider } : {}),
        ...(parent ? { parent } : {}),
        protect: req.getProtect(),
        retainOnDelete: req.getRetainondelete(),
      });
      const id = `${name}-id`;
      // Generated secrets come back as labelled placeholders, marked secret as the provider does.
      if (type === "random:index/randomPassword:RandomPassword") return { id, state: { ...serialized, result: { [SECRET_SIG]: SECRET_VALUE_SIG, value: secretPlaceholder(name) } } };
      if (type === "docker:index/remoteImage:RemoteImage") return { id, state: { ...serialized, imageId: inputs.name, repoDigest: inputs.name } };
      return { id };
    });
    // A macrotask between OPDs: the mock monitor answers in microtasks, so each OPD is fully
    // registered before the next is declared.
    const outputs = await regencyProgram(model, { ...options, pace: () => new Promise<void>((resolve) => setImmediate(resolve)) });
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    // Registration order follows promise timing; URN order keeps every output byte-stable.
    resources.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    return { resources, outputs, errors };
  } finally {
    for (const undo of restore.reverse()) undo();
    running = false;
  }
}
