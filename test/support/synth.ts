import { loadStack } from "../../components/model/load";
import { RegencyModel } from "../../components/model/validate";
import { Synthesis, synthesize, SynthResource } from "../../infra/synth";

const cache = new Map<string, Synthesis>();

/** One synthesis per seed stack per test file (the program is deterministic). */
export async function synthOf(slug: string): Promise<Synthesis> {
  if (!cache.has(slug)) cache.set(slug, await synthesize(loadStack(slug)));
  return cache.get(slug)!;
}

export const ofKind = (s: Synthesis, kind: string) => s.resources.filter((r) => r.custom && r.inputs.kind === kind);
export const meta = (r: SynthResource) =>
  r.inputs.metadata as {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
export const spec = (r: SynthResource) => r.inputs.spec as any;
export type { RegencyModel };
