/**
 * The Pulumi SDK loads TypeScript (9 MB) and npm's Arborist as soon as it is imported, for turning
 * JavaScript functions into resources (closure serialization), which no regency program does. For
 * the CLI, whose `check` is measured in CPU-seconds, they load on first use instead: a third of
 * the SDK's start-up. Under `pulumi up` nothing changes (the program does not run this).
 */
import Module from "module";
import * as path from "path";

/** The modules, resolved from the SDK as its own `require` would: on first use they load for real. */
const DEFERRED = ["typescript", "@npmcli/arborist"];

export function deferUnusedSdkModules(): void {
  let sdk: string;
  try {
    sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  } catch {
    return;
  }
  for (const request of DEFERRED) {
    let file: string;
    try {
      file = require.resolve(request, { paths: [sdk] });
    } catch {
      continue;
    }
    if (require.cache[file]) continue;
    let real: Record<PropertyKey, unknown> | undefined;
    const load = (): Record<PropertyKey, unknown> => {
      if (!real) {
        delete require.cache[file];
        real = require(file) as Record<PropertyKey, unknown>; // eslint-disable-line @typescript-eslint/no-require-imports
      }
      return real;
    };
    // `__esModule: true` keeps TypeScript's `importStar` from copying every key (which would load it).
    const exports = new Proxy(
      {},
      {
        get: (_, key) => (key === "__esModule" ? true : load()[key]),
        has: (_, key) => key in load(),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_, key) => {
          const d = Object.getOwnPropertyDescriptor(load(), key);
          return d && { ...d, configurable: true };
        },
      },
    );
    const placeholder = new Module(file);
    placeholder.filename = file;
    placeholder.loaded = true;
    placeholder.exports = exports;
    require.cache[file] = placeholder;
  }
}
