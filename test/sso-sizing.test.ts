/**
 * Keycloak's CPU and memory follow from the regency's user count with the numbers of Keycloak's
 * sizing guide (components/model/sizing.ts), on both back ends.
 */
import { keycloakSizing, quantity } from "../components/model/sizing";
import { loadStackText } from "../components/model/load";
import { synthesize } from "../infra/synth";
import { specOf, stackText } from "./support/stacks";

describe("Keycloak sizing from the user count", () => {
  it("requests 1 vCPU per 15 logins/s and per 120 refreshes/s, with 150 % headroom as the limit", () => {
    // 27,000 users: 30 logins/s (2 vCPU) and 90 refreshes/s (0.75 vCPU) at the morning peak.
    const s = keycloakSizing(27_000);
    expect(s.basis).toEqual({ users: 27_000, loginsPerSecond: 30, refreshesPerSecond: 90 });
    expect(s.requests.cpu).toBe("2750m");
    expect(quantity(s.limits.cpu)).toBeCloseTo(2.75 * 2.5, 2);
  });

  it("requests the guide's 1250 MB up to 10,000 sessions, more beyond, and a limit of (request − 300 MB) / 0.7", () => {
    expect(keycloakSizing(5000).requests.memory).toBe("1250Mi");
    expect(keycloakSizing(5000).limits.memory).toBe(`${Math.ceil((1250 - 300) / 0.7)}Mi`);
    expect(keycloakSizing(110_000).requests.memory).toBe("1750Mi");
  });

  it("never requests less than half a vCPU (a small regency still hashes passwords)", () => {
    expect(keycloakSizing(100).requests.cpu).toBe("500m");
  });

  it.each(["kubernetes", "docker"] as const)(
    "the %s back end gives Keycloak what the sizing says",
    async (platform) => {
      const spec = specOf("bulukumba");
      spec.sso = { ...(spec.sso ?? {}), users: 45_000 };
      const sizing = keycloakSizing(45_000);
      const s = await synthesize(loadStackText(stackText(spec), "bulukumba.yaml"), { platform });
      if (platform === "kubernetes") {
        const d = s.resources.find(
          (r) => r.type === "kubernetes:apps/v1:Deployment" && r.name.endsWith("sso/deployment"),
        )!;
        expect((d.inputs.spec as any).template.spec.containers[0].resources).toEqual({
          requests: sizing.requests,
          limits: sizing.limits,
        });
      } else {
        const c = s.resources.find(
          (r) => r.type === "docker:index/container:Container" && r.inputs.name === "sso-keycloak",
        )!;
        expect([c.inputs.memory, c.inputs.cpus]).toEqual([
          Math.ceil(quantity(sizing.limits.memory) / 2 ** 20),
          String(quantity(sizing.limits.cpu)),
        ]);
      }
    },
  );
});
