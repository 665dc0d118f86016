/**
 * restic is one static binary: the containers that back up (jobs, the Docker runner, databases that
 * archive WAL) get it copied from restic's own image into a `tools` volume — no custom image needed.
 * The copy, the mount and the path, written once for both back ends.
 */
import type * as k8s from "@pulumi/kubernetes";
import { restrictedContainer } from "../kubernetes/pod-security";

export const TOOLS_DIR = "/tools";
/** Where restic is, for the containers that mount the tools volume. */
export const RESTIC_IN_TOOLS = `${TOOLS_DIR}/restic`;
/** The copy, run in restic's image (its binary is /usr/bin/restic). */
export const RESTIC_COPY = ["/bin/cp", "/usr/bin/restic", RESTIC_IN_TOOLS];

/** Kubernetes: the init container that fills the pod's `tools` emptyDir. */
export function resticInitContainer(
  image: string,
  resources: k8s.types.input.core.v1.ResourceRequirements,
): k8s.types.input.core.v1.Container {
  return {
    name: "restic",
    image,
    command: RESTIC_COPY,
    securityContext: restrictedContainer(),
    resources,
    volumeMounts: [{ name: "tools", mountPath: TOOLS_DIR }],
  };
}
