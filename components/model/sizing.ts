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

/**
 * Keycloak's CPU and memory from the regency's user count, with the numbers of Keycloak's guide
 * "Concepts for sizing CPU and memory resources" (Keycloak 26): 1 vCPU per 15 password logins/s and
 * per 120 refresh-token requests/s, 150 % headroom above that for spikes, 1250 MB of memory for a pod
 * with 10,000 cached sessions, and a limit of (memory − 300 MB non-heap) / 0.7 (the heap is 70 % of
 * the limit). The load is this project's assumption, stated here and in the README: every user logs
 * in once within the 15 minutes of the morning roll-call (apel pagi), and each session refreshes its
 * token every 5 minutes (Keycloak's default access-token lifespan).
 */
export function keycloakSizing(users: number) {
  const loginsPerSecond = users / (15 * 60);
  const refreshesPerSecond = users / (5 * 60);
  const cpu = Math.max(0.5, loginsPerSecond / 15 + refreshesPerSecond / 120);
  // The guide measures 1250 MB with 10,000 cached sessions; beyond that, Keycloak 24's guide adds
  // 500 MB per 100,000 sessions.
  const memoryMb = 1250 + Math.max(0, users - 10_000) * (500 / 100_000);
  const limitMb = Math.max(memoryMb, (memoryMb - 300) / 0.7);
  return {
    basis: { users, loginsPerSecond, refreshesPerSecond },
    requests: { cpu: cpuText(cpu), memory: `${Math.ceil(memoryMb)}Mi` },
    limits: { cpu: cpuText(cpu * 2.5), memory: `${Math.ceil(limitMb)}Mi` },
  };
}
