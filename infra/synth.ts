/**
 * Runs the real regency program under Pulumi's own mock runtime (no CLI, no cluster, no
 * credentials) and records every resource it registers, components included, with its inputs.
 * Generated secrets come back as labelled placeholders, never as values.
 */
import * as pulumi from "@pulumi/pulumi";
import { RegencyModel } from "../components/model/validate";
import { ProgramOptions, regencyProgram, RegencyOutputs } from "./program";

export interface SynthResource {
  /** The URN the engine gives it: the whole parent-type chain, as `pulumi preview` writes it. */
  urn: string;
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /**
   * What the engine hands a policy pack as `props`: a custom resource's state as its provider
   * returns it, a component's registered outputs (never its args). Secrets unwrapped.
   */
  outputs: Record<string, unknown>;
  custom: boolean;
  /** Logical name of the provider that manages it (custom resources). */
  provider?: string;
  /** URN of that provider (explicit or default). */
  providerUrn?: string;
  /** URN of the parent component, if any. */
  parent?: string;
  protect: boolean;
  retainOnDelete: boolean;
  /** URN of the resource whose deletion takes this one along (Pulumi's `deletedWith`): destroy does not delete it itself. */
  deletedWith?: string;
}

export interface Synthesis {
  resources: SynthResource[];
  outputs: RegencyOutputs;
  /** Errors the program logged (a run with any would fail under `pulumi up`). */
  errors: string[];
}

export const secretPlaceholder = (name: string) => `{{secret:${name}}}`;
const STACK_TYPE = "pulumi:pulumi:Stack";
/** What the random provider returns beside the inputs: its schema defaults and the generated values. */
const RANDOM_PASSWORD_DEFAULTS = {
  lower: true,
  upper: true,
  numeric: true,
  number: true,
  special: true,
  minLower: 0,
  minUpper: 0,
  minNumeric: 0,
  minSpecial: 0,
};
// Pulumi's wire signatures (runtime/rpc.ts: specialSigKey, specialSecretSig).
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The engine's default provider of a type's package: `pulumi:providers:<pkg>::default_<version>`. */
function defaultProviderUrn(type: string): string {
  const pkg = type.split(":")[0];
  let version = "";
  try {
    version = (require(`@pulumi/${pkg}/package.json`) as { version: string }).version; // eslint-disable-line @typescript-eslint/no-require-imports
  } catch {
    // A package not installed here: the engine would name its default provider without a version.
  }
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::pulumi:providers:${pkg}::default${version ? `_${version.replace(/[.-]/g, "_")}` : ""}`;
}

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
  getDeletedwith(): string;
}
interface RegisterOutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Plain } | undefined;
}
type Callback = (err: unknown, resp?: unknown) => void;
/* eslint-disable @typescript-eslint/no-require-imports */
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as {
  MockMonitor: new (mocks: pulumi.runtime.Mocks) => {
    resources: Map<string, unknown>;
    newUrn(parent: string, type: string, name: string): string;
  };
};
const { getStore } = require("@pulumi/pulumi/runtime/state") as { getStore(): { settings: { monitor?: unknown } } };
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
};
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { new (): { toJavaScript(): Plain }; fromJavaScript(o: Plain): unknown };
};
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
    private readonly outputs: (urn: string, serialized: Plain) => void,
  ) {
    super(mocks);
  }

  /** The engine's URN: the parent's whole type chain (the stock mock keeps only the parent's own type). */
  newUrn(parent: string, type: string, name: string): string {
    const parentType = parent ? parent.split("::")[2] : "";
    const qualified = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
  }

  async registerResourceOutputs(req: RegisterOutputsRequest, callback: Callback): Promise<void> {
    try {
      this.outputs(req.getUrn(), req.getOutputs()?.toJavaScript() ?? {});
      callback(null, {});
    } catch (err) {
      callback(err);
    }
  }

  async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
    try {
      const serialized = req.getObject().toJavaScript();
      const urn = this.newUrn(req.getParent(), req.getType(), req.getName());
      const created = this.create(req, urn, serialized);
      // Only registerResourceOutputs reads this entry back (to know the URN exists).
      this.resources.set(urn, { urn, id: created.id });
      const object = new CarriedStruct(created.state ?? serialized);
      callback(null, {
        getUrn: () => urn,
        getId: () => created.id,
        getObject: () => object,
        getPropertydependenciesMap: () => undefined,
        getResult: () => 0,
      });
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

export async function synthesize(
  model: RegencyModel,
  options: ProgramOptions & { stack?: string } = {},
): Promise<Synthesis> {
  return synthesizeProgram(options.stack ?? model.spec.regency.slug, (pace) =>
    regencyProgram(model, { ...options, pace }),
  );
}

/**
 * Any Pulumi program (an OPD's own stack, say), run and recorded the same way: what the policy pack
 * would be handed for it. `pace` lets the runtime catch up between parts of a large program.
 */
export async function synthesizeProgram<T>(
  stackName: string,
  program: (pace: () => Promise<void>) => Promise<T>,
  project = "regency",
): Promise<Omit<Synthesis, "outputs"> & { outputs: T }> {
  if (running) throw new Error("synthesize() runs one program at a time");
  running = true;
  const resources: SynthResource[] = [];
  const byUrn = new Map<string, SynthResource>();
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
    // Every runtime promise gets a stack and joins a leak list checked at process exit: a fifth of a
    // large synthesis. Offline, waitForRPCs is the leak check.
    patch(debuggable, "debuggablePromise", <T>(p: Promise<T>) => p),
    patch(pulumi.log as { error: typeof pulumi.log.error }, "error", (msg: string) => {
      errors.push(msg);
      return Promise.resolve();
    }),
  ];
  try {
    const mocks: pulumi.runtime.Mocks = {
      newResource: () => ({ id: "", state: {} }),
      call: (args) => args.inputs as Record<string, unknown>,
    };
    await pulumi.runtime.setMocks(mocks, project, stackName, false);
    getStore().settings.monitor = new RecordingMonitor(
      mocks,
      (req, urn, serialized) => {
        const type = req.getType();
        const name = req.getName();
        const custom = req.getCustom();
        // A provider reference is "<provider URN>::<provider id>"; without one the engine uses its default provider.
        const providerUrn = req.getProvider()
          ? req.getProvider().split("::").slice(0, 4).join("::")
          : custom && !type.startsWith("pulumi:providers:")
            ? defaultProviderUrn(type)
            : undefined;
        const parent = req.getParent() || undefined;
        const inputs = unwrap(serialized) as Plain;
        const id = `${name}-id`;
        const secret = (value: string) => ({ [SECRET_SIG]: SECRET_VALUE_SIG, value });
        let created: Created = { id };
        // Generated secrets come back as labelled placeholders, marked secret as the provider does.
        if (type === "random:index/randomPassword:RandomPassword") {
          created = {
            id,
            state: {
              ...RANDOM_PASSWORD_DEFAULTS,
              ...serialized,
              id,
              result: secret(secretPlaceholder(name)),
              bcryptHash: secret(secretPlaceholder(`${name}.bcrypt`)),
            },
          };
        } else if (type === "docker:index/remoteImage:RemoteImage") {
          created = { id, state: { ...serialized, imageId: inputs.name, repoDigest: inputs.name } };
        }
        const record: SynthResource = {
          urn,
          type,
          name,
          inputs,
          // Components: replaced by their registered outputs (a component that registers none has none).
          outputs: custom ? (created.state ? (unwrap(created.state) as Plain) : inputs) : {},
          custom,
          ...(providerUrn ? { provider: providerUrn.split("::")[3], providerUrn } : {}),
          ...(parent ? { parent } : {}),
          protect: req.getProtect(),
          retainOnDelete: req.getRetainondelete(),
          ...(req.getDeletedwith() ? { deletedWith: req.getDeletedwith() } : {}),
        };
        resources.push(record);
        byUrn.set(urn, record);
        return created;
      },
      (urn, serialized) => {
        const r = byUrn.get(urn);
        if (r) r.outputs = unwrap(serialized) as Plain;
      },
    );
    // A macrotask between OPDs: the mock monitor answers in microtasks, so each OPD is fully
    // registered before the next is declared.
    const outputs = await program(() => new Promise<void>((resolve) => setImmediate(resolve)));
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    // Registration order follows promise timing; URN order keeps every output byte-stable.
    resources.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    return { resources, outputs, errors };
  } finally {
    for (const undo of restore.reverse()) undo();
    running = false;
  }
}
