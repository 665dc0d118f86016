/**
 * Resource sizing in one place: what a database and a backup job request, and what an OPD's
 * declared applications need in total (the floor of its ResourceQuota).
 */
import { Application } from "./spec";
import { QUANTITY } from "./formats";

export const DATABASE_RESOURCES = { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } };
export const BACKUP_JOB_RESOURCES = { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } };

const UNITS: Record<string, number> = { "": 1, m: 0.001, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** A Kubernetes quantity as a number (cores for CPU, bytes for memory). */
export function quantity(q: string): number {
  const m = QUANTITY.exec(q);
  if (!m) throw new Error(`not a quantity: ${q}`);
  return Number(m[1]) * UNITS[m[2] ?? ""];
}

export const cpuText = (cores: number) => `${Math.ceil(cores * 1000)}m`;
export const memoryText = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)}Mi`;

export interface Need {
  cpu: number;
  memory: number;
  storageGi: number;
}

/** Requests of everything an OPD runs (apps at full replicas plus one surge pod each, databases, a backup job at a time) and its live storage. */
export function needOf(apps: Application[]): Need {
  let cpu = 0;
  let memory = 0;
  let storageGi = 0;
  for (const a of apps) {
    cpu += quantity(a.resources.cpu) * (a.replicas + 1);
    memory += quantity(a.resources.memory) * (a.replicas + 1);
    if (a.database) {
      cpu += quantity(DATABASE_RESOURCES.requests.cpu);
      memory += quantity(DATABASE_RESOURCES.requests.memory);
      storageGi += a.database.sizeGi;
    }
    storageGi += a.volumes.reduce((n, v) => n + v.sizeGi, 0);
  }
  if (apps.some((a) => a.database || a.volumes.length > 0)) {
    cpu += quantity(BACKUP_JOB_RESOURCES.requests.cpu);
    memory += quantity(BACKUP_JOB_RESOURCES.requests.memory);
  }
  return { cpu, memory, storageGi };
}
