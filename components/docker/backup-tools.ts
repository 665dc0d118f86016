import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { RESTIC_COPY, TOOLS_DIR } from "../backup/restic-tools";
import { LABEL } from "../model/plan";
import { DOCKER, labelsOf } from "./naming";

export interface BackupToolsArgs {
  /** The backup client's image (restic: a static binary at /usr/bin/restic). */
  resticImage: pulumi.Input<string>;
}

/**
 * The restic binary for the containers that back up (the runner, databases that archive WAL): copied
 * from restic's own image into a volume they mount read-only, by a one-shot container that runs to
 * completion first — no custom image needed.
 */
export class BackupTools extends pulumi.ComponentResource {
  /** The volume's name, to mount at /tools. */
  readonly volumeName: pulumi.Output<string>;
  /** What the containers that mount it depend on. */
  readonly ready: pulumi.Resource;

  constructor(name: string, args: BackupToolsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("regency:docker:BackupTools", name, args, opts);
    const volume = new docker.Volume(
      `${name}/volume`,
      { name: DOCKER.runnerTools, labels: labelsOf({ [LABEL.component]: "backup" }) },
      { parent: this },
    );
    this.volumeName = volume.name;
    this.ready = new docker.Container(
      `${name}/copy`,
      {
        name: DOCKER.runnerTools,
        image: args.resticImage,
        entrypoints: RESTIC_COPY,
        volumes: [{ volumeName: volume.name, containerPath: TOOLS_DIR }],
        networkMode: "none",
        // Runs once to completion before the containers that use it start.
        attach: true,
        mustRun: false,
        labels: labelsOf({ [LABEL.app]: DOCKER.runnerTools, [LABEL.component]: "backup" }),
      },
      { parent: this },
    );
    this.registerOutputs({ volumeName: this.volumeName });
  }
}
