/**
 * What the admission policies cost: every object of a seed stack's data-center cluster applied to a
 * fresh real kube-apiserver (with etcd), once without the policies and once with them in force, a few
 * rounds alternating; the median wall time of each and the overhead (goal < 10 %).
 */
import { loadStack } from "../../components/model/load";
import { synthesize, SynthResource } from "../../infra/synth";
import { ApiServer, objectPath, startApiServer } from "../realworld/kube-apiserver";

export interface AdmissionFigures {
  stack: string;
  objects: number;
  policies: number;
  withoutSeconds: number;
  withSeconds: number;
  overheadPercent: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function admissionBench(
  slug: string,
  rounds: number,
  progress: (msg: string) => void,
): Promise<AdmissionFigures> {
  const s = await synthesize(loadStack(slug));
  const body = (r: SynthResource) => r.inputs as Record<string, any>;
  const mine = s.resources.filter(
    (r) =>
      r.custom && r.provider === s.outputs.plan.primary.id && typeof r.inputs.kind === "string" && objectPath(body(r)),
  );
  const isPolicy = (r: SynthResource) => body(r).kind.startsWith("ValidatingAdmissionPolicy");
  const policies = mine.filter(isPolicy);
  const rest = mine
    .filter((r) => !isPolicy(r))
    .sort((a, b) => Number(body(b).kind === "Namespace") - Number(body(a).kind === "Namespace"));
  const applyAll = async (api: ApiServer) => {
    const t0 = process.hrtime.bigint();
    for (const r of rest) {
      const res = await api.apply(body(r));
      if (res.status >= 300)
        throw new Error(`${body(r).kind} ${body(r).metadata.name}: ${res.status} ${res.body?.message}`);
    }
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  const without: number[] = [];
  const withPolicies: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const enforced of [false, true]) {
      const api = await startApiServer();
      try {
        if (enforced) {
          for (const r of policies) await api.apply(body(r));
          const probe = { apiVersion: "v1", kind: "Namespace", metadata: { name: "regency-probe" } };
          while ((await api.apply(probe, { dryRun: true })).status < 300) await new Promise((r) => setTimeout(r, 200));
        }
        const seconds = await applyAll(api);
        (enforced ? withPolicies : without).push(seconds);
        progress(
          `round ${round}: ${rest.length} objects ${enforced ? "with" : "without"} the policies in ${seconds.toFixed(2)} s`,
        );
      } finally {
        await api.stop();
      }
    }
  }
  const w = median(withPolicies);
  const wo = median(without);
  return {
    stack: slug,
    objects: rest.length,
    policies: policies.length / 2,
    withoutSeconds: wo,
    withSeconds: w,
    overheadPercent: ((w - wo) / wo) * 100,
  };
}
