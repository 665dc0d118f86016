import { ipNumbering } from "../../policies/rules/ip-numbering";
import { dockerNamed, findingsOf, fixture, object } from "./fixture";

describe("ip-numbering", () => {
  it.each(["kubernetes", "docker"] as const)("passes the fixture on %s", async (platform) => {
    expect(findingsOf(ipNumbering, await fixture(platform))).toEqual([]);
  });

  it("fails a namespace claiming a range the plan did not give its segment", async () => {
    const found = findingsOf(ipNumbering, await fixture(), (v) => {
      object(v, "Namespace", "opd-opd-0").props.metadata.annotations["regency.go.id/segment-cidr"] = "10.0.200.0/26";
    });
    expect(found).toEqual(["namespace opd-opd-0 claims 10.0.200.0/26 for segment opd-opd-0, not in the IP plan"]);
  });

  it("fails a Docker network outside the supernet", async () => {
    const found = findingsOf(ipNumbering, await fixture("docker"), (v) => {
      dockerNamed(v, "network", "regency-opd-opd-0-app-0-a-db").props.ipamConfigs[0].subnet = "192.168.7.0/28";
    });
    expect(found).toEqual([
      "Docker network regency-opd-opd-0-app-0-a-db uses 192.168.7.0/28, outside the supernet 10.0.0.0/12",
    ]);
  });

  it("fails a Docker network outside its segment, and the overlap it makes", async () => {
    const fx = await fixture("docker");
    const other = dockerNamed(fx.views, "network", "regency-opd-opd-1-app-1-a-db").props.ipamConfigs[0].subnet;
    const found = findingsOf(ipNumbering, fx, (v) => {
      dockerNamed(v, "network", "regency-opd-opd-0-app-0-a-db").props.ipamConfigs[0].subnet = other;
    });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(
      new RegExp(`^Docker network regency-opd-opd-0-app-0-a-db uses ${other}; the IP plan gives segment opd-opd-0 `),
    );
    expect(found[1]).toBe(`${other} overlaps ${other}`);
  });

  it("fails a container joining a network that is not a segment", async () => {
    const found = findingsOf(ipNumbering, await fixture("docker"), (v) => {
      dockerNamed(v, "container", "opd-opd-0-app-0-b").props.networksAdvanced.push({ name: "bridge" });
    });
    expect(found).toEqual(['container opd-opd-0-app-0-b joins network "bridge", not a segment of the IP plan']);
  });
});
