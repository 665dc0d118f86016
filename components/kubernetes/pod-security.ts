/** Restricted pod and container security settings (Kubernetes Pod Security "restricted" profile). */
export const restrictedPod = (uid?: number) => ({
  runAsNonRoot: true,
  ...(uid !== undefined ? { runAsUser: uid, runAsGroup: uid, fsGroup: uid } : {}),
  seccompProfile: { type: "RuntimeDefault" },
});

export const restrictedContainer = (readOnlyRootFilesystem = true) => ({
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem,
  capabilities: { drop: ["ALL"] },
});
