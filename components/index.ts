/**
 * regency-dc as a library: the components, each usable alone from its part of the plan, and the model
 * that makes the plan from a regency spec. The Pulumi program (infra/) is one user of it.
 *
 *     import { loadStack, buildPlan, Postgres } from "regency-dc";
 */
export * from "./model/load";
export * from "./model/plan";
export * from "./model/validate";
export { RegencySpecSchema } from "./model/spec";
export type { RegencySpec, RegencySpecInput } from "./model/spec";
export { SpecError } from "./model/issues";
export { Regency } from "./regency/regency";
export { DataCenter } from "./datacenter/datacenter";
export { AdmissionPolicies } from "./datacenter/admission-policies";
export { OpdHosting } from "./hosting/opd-hosting";
export { UnconsolidatedServer } from "./hosting/unconsolidated-server";
export { Postgres } from "./database/postgres";
export { Keycloak } from "./sso/keycloak";
export { Backups } from "./backup/backups";
export { BackupRepository } from "./backup/backup-repository";
export { NetworkSegments } from "./network/network-segments";
export { DockerOpdHosting } from "./docker/opd-hosting";
export { DockerPostgres } from "./docker/postgres";
export { DockerKeycloak } from "./docker/keycloak";
export { DockerBackupRepository } from "./docker/backup-repository";
export { BackupRunner } from "./docker/backup-runner";
export { ReverseProxy } from "./docker/reverse-proxy";
export { Networks } from "./docker/networks";
