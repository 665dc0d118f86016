import { imageMirror } from "../../policies/rules/image-mirror";
import { findingsOf, fixture, object, root } from "./fixture";

describe("image-mirror", () => {
  it("passes the fixture, whose images all come from its mirror", async () => {
    expect(findingsOf(imageMirror, await fixture())).toEqual([]);
  });

  it("fails a workload pulling from outside the mirror", async () => {
    const found = findingsOf(imageMirror, await fixture(), (v) => {
      object(v, "Deployment", "app-1-b", "opd-opd-1").props.spec.template.spec.containers[0].image =
        "docker.io/nginx:1";
    });
    expect(found).toEqual([
      "Deployment opd-opd-1/app-1-b pulls docker.io/nginx:1, not from the mirror cermin.contohkab.go.id/",
    ]);
  });

  it("judges nothing where the regency has no mirror", async () => {
    const found = findingsOf(imageMirror, await fixture(), (v) => {
      delete root(v).props.imageMirror;
      object(v, "Deployment", "app-1-b", "opd-opd-1").props.spec.template.spec.containers[0].image =
        "docker.io/nginx:1";
    });
    expect(found).toEqual([]);
  });
});
