import type { ResourceView } from "../../policies/model";

/** A resource view whose props a test reads and mutates freely (the rules read them through typed views). */
export type AnyView = Omit<ResourceView, "props"> & { props: any };
