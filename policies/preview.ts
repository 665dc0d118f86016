/**
 * CrossGuard's guard on values unknown during `pulumi preview` (@pulumi/policy's own proxy, which
 * its typings keep internal): the pack's views come wrapped in it under the engine, and the offline
 * check wraps its views the same way, so a rule meets an unknown value identically in both.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(value: T): T;
  UnknownValueError: new (...args: never[]) => Error;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const unknownCheckingProxy = proxy.unknownCheckingProxy;
/** Whether reading a value failed because the value is known only after apply. */
export const isUnknownValueError = (e: unknown): e is Error => e instanceof proxy.UnknownValueError;
