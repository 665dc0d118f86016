import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { BackupRepositoryPlan } from "../model/backup";

/** The secrets of one namespace's repository: the encryption key and the password of its user on the server. */
export interface RepositoryCredentials {
  key: pulumi.Output<string>;
  password: pulumi.Output<string>;
}

/** Every site's credentials by namespace (`[site][namespace]`), as the back ends collect them from the repository servers. */
export type CredentialsBySite = Record<string, Record<string, RepositoryCredentials>>;

/** One namespace's credentials, by site (component args are recorded: an OPD gets its own only). */
export const credentialsOf = (bySite: CredentialsBySite, namespace: string): Record<string, RepositoryCredentials> =>
  Object.fromEntries(
    Object.entries(bySite).flatMap(([site, byNs]) => (byNs[namespace] ? [[site, byNs[namespace]]] : [])),
  );

/** What a repository server needs: each repository's credentials, its key by name, and the server's htpasswd (bcrypt). */
export interface RepositorySecrets {
  credentials: Record<string, RepositoryCredentials>;
  keys: Record<string, pulumi.Output<string>>;
  htpasswd: pulumi.Output<string>;
}

/**
 * Generates, as Pulumi secrets, a key (AES-256 repository encryption, via restic's key derivation) and a
 * server password per repository of a target site; the server only ever sees the bcrypt hash.
 */
export function repositorySecrets(name: string, r: BackupRepositoryPlan, parent: pulumi.Resource): RepositorySecrets {
  const credentials: Record<string, RepositoryCredentials> = {};
  const keys: Record<string, pulumi.Output<string>> = {};
  const lines: pulumi.Output<string>[] = [];
  for (const repo of r.repositories) {
    const key = new random.RandomPassword(`${name}/${repo.name}/key`, { length: 48, special: false }, { parent });
    const password = new random.RandomPassword(
      `${name}/${repo.name}/password`,
      { length: 32, special: false },
      { parent },
    );
    credentials[repo.name] = { key: key.result, password: password.result };
    keys[repo.name] = key.result;
    lines.push(pulumi.interpolate`${repo.name}:${password.bcryptHash}`);
  }
  return { credentials, keys, htpasswd: pulumi.secret(pulumi.all(lines).apply((l) => l.join("\n") + "\n")) };
}
