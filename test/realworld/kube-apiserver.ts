/** A real kube-apiserver (built from the Go module proxy) on a real etcd (Debian), on loopback ports. */
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as https from "https";
import * as os from "os";
import * as path from "path";
import { CACHE } from "./keycloak-server";
import { freePort } from "./postgres-server";

/** Who sends a request: the test's cluster admin (system:masters) unless another identity is impersonated. */
export interface Identity {
  user: string;
  groups?: string[];
}

export interface RequestOptions {
  /** Impersonated (Impersonate-User / Impersonate-Group), as `kubectl --as` does. */
  as?: Identity;
  /** Server-side dry run: admitted or refused, never stored. */
  dryRun?: boolean;
}

export interface ApiServer {
  url: string;
  /** Server-side apply of one object; resolves to the HTTP status and body. */
  apply(obj: Record<string, any>, options?: RequestOptions): Promise<{ status: number; body: any }>;
  get(pathname: string): Promise<{ status: number; body: any }>;
  /** Deletes one object as `pulumi destroy` (and kubectl) would: background propagation. */
  delete(obj: Record<string, any>, options?: RequestOptions): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** The object's API path (its collection's, with the name), or undefined for a kind not served here (e.g. a CRD's). */
export function objectPath(obj: Record<string, any>): string | undefined {
  const p = PATHS[obj.kind];
  if (!p) return undefined;
  const ns = p.namespaced ? `/namespaces/${obj.metadata.namespace}` : "";
  return `/${p.group}${ns}/${p.plural}/${obj.metadata.name}`;
}

const PATHS: Record<string, { group: string; plural: string; namespaced: boolean }> = {
  Namespace: { group: "api/v1", plural: "namespaces", namespaced: false },
  ResourceQuota: { group: "api/v1", plural: "resourcequotas", namespaced: true },
  LimitRange: { group: "api/v1", plural: "limitranges", namespaced: true },
  Secret: { group: "api/v1", plural: "secrets", namespaced: true },
  ConfigMap: { group: "api/v1", plural: "configmaps", namespaced: true },
  PersistentVolumeClaim: { group: "api/v1", plural: "persistentvolumeclaims", namespaced: true },
  Service: { group: "api/v1", plural: "services", namespaced: true },
  NetworkPolicy: { group: "apis/networking.k8s.io/v1", plural: "networkpolicies", namespaced: true },
  Ingress: { group: "apis/networking.k8s.io/v1", plural: "ingresses", namespaced: true },
  Deployment: { group: "apis/apps/v1", plural: "deployments", namespaced: true },
  StatefulSet: { group: "apis/apps/v1", plural: "statefulsets", namespaced: true },
  Job: { group: "apis/batch/v1", plural: "jobs", namespaced: true },
  CronJob: { group: "apis/batch/v1", plural: "cronjobs", namespaced: true },
  Pod: { group: "api/v1", plural: "pods", namespaced: true },
  DaemonSet: { group: "apis/apps/v1", plural: "daemonsets", namespaced: true },
  RoleBinding: { group: "apis/rbac.authorization.k8s.io/v1", plural: "rolebindings", namespaced: true },
  ValidatingAdmissionPolicy: {
    group: "apis/admissionregistration.k8s.io/v1",
    plural: "validatingadmissionpolicies",
    namespaced: false,
  },
  ValidatingAdmissionPolicyBinding: {
    group: "apis/admissionregistration.k8s.io/v1",
    plural: "validatingadmissionpolicybindings",
    namespaced: false,
  },
};

export function binaries() {
  const apiserver = path.join(CACHE, "bin", "kube-apiserver");
  if (!fs.existsSync(apiserver))
    throw new Error(
      `This test needs ${apiserver}: run \`npm run setup\` (builds kube-apiserver from the Go module proxy).`,
    );
  const etcd = ["/usr/bin/etcd", "/usr/local/bin/etcd"].find((p) => fs.existsSync(p));
  if (!etcd) throw new Error("This test needs etcd from Debian (etcd-server): run `npm run setup`.");
  return { apiserver, etcd };
}

function request(
  url: string,
  method: string,
  token: string,
  body?: string,
  contentType?: string,
  as?: Identity,
): Promise<{ status: number; body: any }> {
  const impersonate: Record<string, string | string[]> = as
    ? { "impersonate-user": as.user, ...(as.groups?.length ? { "impersonate-group": as.groups } : {}) }
    : {};
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        rejectUnauthorized: false,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(contentType ? { "content-type": contentType } : {}),
          ...impersonate,
        },
      },
      (res) => {
        let data = "";
        res.on("data", (d) => (data += d));
        res.on("end", () => {
          let parsed: unknown = data;
          try {
            parsed = JSON.parse(data);
          } catch {
            // keep text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

/**
 * Starts etcd and kube-apiserver; with `controllers`, also kube-controller-manager running just those
 * (e.g. `namespace` and `pvc-protection`: a deleted namespace is emptied and removed as on a cluster).
 */
export async function startApiServer(options: { controllers?: string[] } = {}): Promise<ApiServer> {
  const { apiserver, etcd } = binaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regency-kas-"));
  const [etcdClient, etcdPeer, securePort] = [await freePort(), await freePort(), await freePort()];
  const token = `token-${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(path.join(dir, "tokens.csv"), `${token},regency-test,regency-test,"system:masters"\n`);
  execFileSync("openssl", ["genrsa", "-out", path.join(dir, "sa.key"), "2048"], { stdio: "ignore" });
  const procs: ChildProcess[] = [];
  let log = "";
  const start = (cmd: string, args: string[]) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    p.stdout.on("data", (d) => (log += d));
    p.stderr.on("data", (d) => (log += d));
    procs.push(p);
    return p;
  };
  start(etcd, [
    "--data-dir",
    path.join(dir, "etcd"),
    "--listen-client-urls",
    `http://127.0.0.1:${etcdClient}`,
    "--advertise-client-urls",
    `http://127.0.0.1:${etcdClient}`,
    "--listen-peer-urls",
    `http://127.0.0.1:${etcdPeer}`,
    "--initial-advertise-peer-urls",
    `http://127.0.0.1:${etcdPeer}`,
    "--initial-cluster",
    `default=http://127.0.0.1:${etcdPeer}`,
  ]);
  start(apiserver, [
    `--etcd-servers=http://127.0.0.1:${etcdClient}`,
    "--bind-address=127.0.0.1",
    `--secure-port=${securePort}`,
    `--cert-dir=${path.join(dir, "certs")}`,
    `--token-auth-file=${path.join(dir, "tokens.csv")}`,
    "--authorization-mode=RBAC",
    "--service-cluster-ip-range=10.96.0.0/16",
    "--service-account-issuer=https://kubernetes.default.svc",
    `--service-account-key-file=${path.join(dir, "sa.key")}`,
    `--service-account-signing-key-file=${path.join(dir, "sa.key")}`,
    "--enable-priority-and-fairness=false",
    // As on a real cluster (CNI and storage daemons run privileged): refusing privileged pods in OPD namespaces is admission's job.
    "--allow-privileged=true",
  ]);
  const url = `https://127.0.0.1:${securePort}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await request(`${url}/readyz`, "GET", token);
      if (r.status === 200) break;
    } catch {
      // not yet
    }
    if (procs.some((p) => p.exitCode !== null) || Date.now() > deadline) {
      procs.forEach((p) => p.kill("SIGKILL"));
      throw new Error(`kube-apiserver did not become ready:\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (options.controllers) {
    const manager = path.join(CACHE, "bin", "kube-controller-manager");
    if (!fs.existsSync(manager))
      throw new Error(`This test needs ${manager}: run \`npm run setup\` (builds it from the Go module proxy).`);
    const kubeconfig = path.join(dir, "kubeconfig");
    fs.writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "test", cluster: { server: url, "insecure-skip-tls-verify": true } }],
        users: [{ name: "test", user: { token } }],
        contexts: [{ name: "test", context: { cluster: "test", user: "test" } }],
        "current-context": "test",
      }),
      { mode: 0o600 },
    );
    start(manager, [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      `--controllers=${options.controllers.join(",")}`,
      "--leader-elect=false",
      "--bind-address=127.0.0.1",
      `--secure-port=${await freePort()}`,
      `--cert-dir=${path.join(dir, "kcm-certs")}`,
    ]);
  }
  return {
    url,
    delete: (obj, options = {}) => {
      const at = objectPath(obj);
      if (!at) throw new Error(`no API path known for kind ${obj.kind}`);
      return request(
        `${url}${at}?propagationPolicy=Background${options.dryRun ? "&dryRun=All" : ""}`,
        "DELETE",
        token,
        undefined,
        undefined,
        options.as,
      );
    },
    apply: (obj, options = {}) => {
      const at = objectPath(obj);
      if (!at) throw new Error(`no API path known for kind ${obj.kind}`);
      return request(
        `${url}${at}?fieldManager=regency&force=true${options.dryRun ? "&dryRun=All" : ""}`,
        "PATCH",
        token,
        JSON.stringify(obj),
        "application/apply-patch+yaml",
        options.as,
      );
    },
    get: (pathname) => request(`${url}${pathname}`, "GET", token),
    stop: async () => {
      procs.forEach((p) => p.kill("SIGTERM"));
      await new Promise((r) => setTimeout(r, 1000));
      procs.forEach((p) => p.exitCode === null && p.kill("SIGKILL"));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
