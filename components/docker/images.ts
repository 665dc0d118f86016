import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";

export interface ImagesArgs {
  /** Every image reference the site runs (already through the registry mirror, if any). */
  refs: string[];
}

/** The images of a Docker site, pulled once each and kept on the host. */
export class Images extends pulumi.ComponentResource {
  private readonly byRef = new Map<string, docker.RemoteImage>();

  constructor(name: string, args: ImagesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:Images", name, args, opts);
    for (const ref of [...new Set(args.refs)].sort()) {
      this.byRef.set(ref, new docker.RemoteImage(`${name}/${ref}`, { name: ref, keepLocally: true }, { parent: this }));
    }
    this.registerOutputs({ images: [...this.byRef.keys()] });
  }

  /** The image id to run for a reference. */
  id(ref: string): pulumi.Output<string> {
    const image = this.byRef.get(ref);
    if (!image) throw new Error(`image ${ref} was not declared`);
    return image.imageId;
  }
}
