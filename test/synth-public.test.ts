/**
 * The offline synthesis (infra/synth.ts) reaches into Pulumi's runtime to record what the engine would
 * see. This runs the same program through Pulumi's public `setMocks` path and compares every resource:
 * if a Pulumi upgrade changed those internals, the two would disagree here first.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadStack } from "../components/model/load";
import { regencyProgram } from "../infra/program";
import { secretPlaceholder, synthesize } from "../infra/synth";

/** Values as plain JSON with keys in order (protobuf's Struct on the public path sorts them). */
const sorted = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sorted)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
        )
      : v;
/** Pulumi's secret envelope on the wire ({sig: secret, value}): the offline synthesis records the value. */
const unwrapSecrets = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (!v || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (o["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270") return unwrapSecrets(o.value);
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrapSecrets(x)]));
};
const plain = (v: unknown): unknown => sorted(unwrapSecrets(JSON.parse(JSON.stringify(v ?? {}))));

async function publicPath(slug: string, platform: "kubernetes" | "docker") {
  const seen: { type: string; name: string; inputs: unknown }[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        // Components come here too; the engine's custom resources are what both paths must agree on.
        if (args.custom !== false) seen.push({ type: args.type, name: args.name, inputs: plain(args.inputs) });
        // Generated secrets as the offline synthesis labels them, so what derives from them compares equal.
        // And an image's id as its name, as the offline synthesis has it (a real engine has the digest).
        const state =
          args.type === "random:index/randomPassword:RandomPassword"
            ? {
                ...args.inputs,
                result: secretPlaceholder(args.name),
                bcryptHash: secretPlaceholder(`${args.name}.bcrypt`),
              }
            : args.type === "docker:index/remoteImage:RemoteImage"
              ? { ...args.inputs, imageId: args.inputs.name, repoDigest: args.inputs.name }
              : args.inputs;
        return { id: `${args.name}-id`, state };
      },
      call: (args) => args.inputs,
    },
    "regency",
    slug,
    false,
  );
  await regencyProgram(loadStack(slug), { platform });
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return seen;
}

describe.each([
  ["konawe-selatan", "kubernetes"],
  ["oku-selatan", "docker"],
] as const)("%s on %s: the offline synthesis and Pulumi's public mocks", (slug, platform) => {
  it("record the same resources with the same inputs", async () => {
    const offline = await synthesize(loadStack(slug), { platform });
    const viaPublic = await publicPath(slug, platform);
    const key = (r: { type: string; name: string }) => `${r.type}::${r.name}`;
    const mine = offline.resources
      .filter((r) => r.custom)
      .map((r) => ({ type: r.type, name: r.name, inputs: plain(r.inputs) }));
    const theirs = viaPublic.filter(
      (r) => !r.type.startsWith("pulumi:providers:") || mine.some((m) => key(m) === key(r)),
    );
    expect(theirs.map(key).sort()).toEqual(mine.map(key).sort());
    const byKey = new Map(theirs.map((r) => [key(r), r.inputs]));
    const differing = mine.filter((m) => JSON.stringify(m.inputs) !== JSON.stringify(byKey.get(key(m)))).map(key);
    expect(differing).toEqual([]);
    expect(mine.length).toBeGreaterThan(100);
  });
});
