/** Docker names and rules of the single-server back end, in one place. */
import { DOCKER_NAMES } from "../model/names";
import { EnvEntry } from "../model/env";
import * as pulumi from "@pulumi/pulumi";

export const DOCKER = DOCKER_NAMES;

/** A container's `networksAdvanced` entries: the networks the plan joins it to, with its aliases there. */
export type Attachments = { name: pulumi.Input<string>; aliases?: string[] }[];
export type Attach = (container: string) => Attachments;
export { containerOf } from "../model/names";

/**
 * A Docker health check that a process listens on `port`, like Kubernetes' tcpSocket probe, written
 * with sh builtins only (dash, busybox, bash): no /dev/tcp (bash only), nc or curl in the image.
 */
export function listeningCheck(port: number): string {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  return `for f in /proc/net/tcp /proc/net/tcp6; do [ -r "$f" ] || continue; while read -r _ a _ s _; do [ "$s" = 0A ] && [ "\${a##*:}" = ${hex} ] && exit 0; done < "$f"; done; exit 1`;
}

/** POSIX TZ strings: the backup runner's busybox crond needs no tz database. */
export const POSIX_TZ: Record<string, string> = {
  "Asia/Jakarta": "WIB-7",
  "Asia/Pontianak": "WIB-7",
  "Asia/Makassar": "WITA-8",
  "Asia/Jayapura": "WIT-9",
};

/** Plan environment → Docker `KEY=value` strings; secret references are resolved to their (secret) values. */
export function toDockerEnv(
  entries: EnvEntry[],
  secrets: Record<string, Record<string, pulumi.Input<string>>>,
): pulumi.Output<string>[] {
  return entries.map((e) => {
    if ("value" in e) return pulumi.output(`${e.name}=${e.value}`);
    const value = secrets[e.secretRef.name]?.[e.secretRef.key];
    if (value === undefined) throw new Error(`no secret ${e.secretRef.name}/${e.secretRef.key} for ${e.name}`);
    return pulumi.interpolate`${e.name}=${value}`;
  });
}

export const labelsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([label, value]) => ({ label, value }));
