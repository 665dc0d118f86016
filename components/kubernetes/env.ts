import * as k8s from "@pulumi/kubernetes";
import { EnvEntry } from "../model/env";

/** Plan environment → Kubernetes env: secret references become secretKeyRefs. */
export const toK8sEnv = (entries: EnvEntry[]): k8s.types.input.core.v1.EnvVar[] =>
  entries.map((e) =>
    "value" in e
      ? { name: e.name, value: e.value }
      : { name: e.name, valueFrom: { secretKeyRef: { name: e.secretRef.name, key: e.secretRef.key } } },
  );
