/**
 * The generated realms against a real Keycloak 26 (Maven Central distribution) on a real PostgreSQL:
 * every seed stack's realm is imported as `regency plan` writes it; every client gets a token with
 * its secret; a user placed in an OPD group logs in through the authorization-code flow (PKCE) and
 * the token carries the group; the realm-sync script applies a change to the running server.
 */
import { spawn, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { realmSyncFiles } from "../components/model/realm";
import { KEYCLOAK_HOME, KeycloakServer, startKeycloak } from "./realworld/keycloak-server";
import { PostgresServer, startPostgres } from "./realworld/postgres-server";
import { SEED_STACKS } from "./support/stacks";

jest.setTimeout(600_000);
const ROOT = path.join(__dirname, "..");
type Realm = {
  realm: string;
  groups: { name: string; attributes: Record<string, string[]> }[];
  clients: { clientId: string; secret: string; redirectUris: string[]; rootUrl: string }[];
};
const secretOf = (env: string) => `s3cret-${env.toLowerCase()}`;

let work: string;
let pg: PostgresServer;
let kc: KeycloakServer;
const realms = new Map<string, Realm>();
const env: Record<string, string> = {};

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "regency-kc-"));
  const files: string[] = [];
  for (const slug of SEED_STACKS) {
    const out = path.join(work, slug);
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, "bin", "regency.js"), "plan", "--stack", slug, "--out", out],
      { encoding: "utf8" },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    const file = fs.readdirSync(path.join(out, "sso")).map((f) => path.join(out, "sso", f))[0];
    const realm: Realm = JSON.parse(fs.readFileSync(file, "utf8"));
    realms.set(slug, realm);
    files.push(file);
    for (const c of realm.clients) {
      const name = /^\$\{(REALM_CLIENT_SECRET_[A-Z0-9_]+)\}$/.exec(c.secret)![1];
      env[name] = secretOf(name);
    }
  }
  pg = await startPostgres();
  kc = await startKeycloak(pg, files, env);
});
afterAll(async () => {
  await kc?.stop();
  pg?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
async function token(realm: string, params: Record<string, string>) {
  const r = await fetch(`${kc.url}/realms/${realm}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form(params),
  });
  return { status: r.status, body: (await r.json()) as Record<string, string> };
}
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
async function adminToken() {
  const r = await token("master", {
    grant_type: "password",
    client_id: "admin-cli",
    username: kc.admin.username,
    password: kc.admin.password,
  });
  expect(r.status).toBe(200);
  return r.body.access_token;
}
async function admin(method: string, pathname: string, body?: unknown) {
  const r = await fetch(`${kc.url}/admin${pathname}`, {
    method,
    headers: { authorization: `Bearer ${await adminToken()}`, "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!r.ok) throw new Error(`${method} ${pathname}: ${r.status} ${await r.text()}`);
  return r.status === 204 || r.status === 201 ? undefined : r.json();
}

describe("the generated realms in a real Keycloak", () => {
  it.each(SEED_STACKS)("%s: OIDC discovery answers for the realm", async (slug) => {
    const realm = realms.get(slug)!.realm;
    const r = await fetch(`${kc.url}/realms/${realm}/.well-known/openid-configuration`);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { issuer: string }).issuer).toBe(`${kc.url}/realms/${realm}`);
  });

  it.each(SEED_STACKS)(
    "%s: every application client gets a token with its generated secret, and none with a wrong one",
    async (slug) => {
      const realm = realms.get(slug)!;
      expect(realm.clients.length).toBeGreaterThan(10);
      for (const c of realm.clients) {
        const secret = secretOf(/REALM_CLIENT_SECRET_[A-Z0-9_]+/.exec(c.secret)![0]);
        const ok = await token(realm.realm, {
          grant_type: "client_credentials",
          client_id: c.clientId,
          client_secret: secret,
        });
        expect([c.clientId, ok.status]).toEqual([c.clientId, 200]);
        expect(claims(ok.body.access_token).azp).toBe(c.clientId);
      }
      const wrong = await token(realm.realm, {
        grant_type: "client_credentials",
        client_id: realm.clients[0].clientId,
        client_secret: "salah",
      });
      expect(wrong.status).toBe(401);
      const unknown = await token(realm.realm, {
        grant_type: "client_credentials",
        client_id: "tidak-ada",
        client_secret: "x",
      });
      expect(unknown.status).toBe(401);
    },
  );

  it.each(SEED_STACKS)("%s: the realm has a group per OPD", async (slug) => {
    const realm = realms.get(slug)!;
    const groups = (await admin("GET", `/realms/${realm.realm}/groups?max=1000`)) as { name: string }[];
    expect(groups.map((g) => g.name).sort()).toEqual(realm.groups.map((g) => g.name).sort());
  });

  it("a user in an OPD group logs in (authorization code + PKCE) and the token carries the group", async () => {
    const realm = realms.get("konawe-selatan")!;
    const client = realm.clients.find((c) => c.clientId === "simpus")!;
    const secret = secretOf(/REALM_CLIENT_SECRET_[A-Z0-9_]+/.exec(client.secret)![0]);
    await admin("POST", `/realms/${realm.realm}/users`, {
      username: "pegawai.dinkes",
      enabled: true,
      email: "pegawai.dinkes@konaweselatankab.go.id",
      emailVerified: true,
      firstName: "Pegawai",
      lastName: "Dinkes",
      credentials: [{ type: "password", value: "Rahasia-123", temporary: false }],
      groups: ["/dinkes"],
    });
    const verifier = crypto.randomBytes(32).toString("base64url");
    const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
    const redirect = `${client.rootUrl}/callback`;
    const auth = await fetch(
      `${kc.url}/realms/${realm.realm}/protocol/openid-connect/auth?` +
        form({
          client_id: "simpus",
          redirect_uri: redirect,
          response_type: "code",
          scope: "openid",
          state: "s1",
          code_challenge: challenge,
          code_challenge_method: "S256",
        }),
      { redirect: "manual" },
    );
    expect(auth.status).toBe(200);
    const cookies = auth.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const html = await auth.text();
    const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    expect(action).toBeDefined();
    const login = await fetch(action!, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookies, "content-type": "application/x-www-form-urlencoded" },
      body: form({ username: "pegawai.dinkes", password: "Rahasia-123", credentialId: "" }),
    });
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(redirect);
    const code = location.searchParams.get("code")!;
    const t = await token(realm.realm, {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirect,
      client_id: "simpus",
      client_secret: secret,
      code_verifier: verifier,
    });
    expect(t.status).toBe(200);
    expect(claims(t.body.access_token).groups).toEqual(["dinkes"]);
    expect(claims(t.body.id_token).preferred_username).toBe("pegawai.dinkes");
  });

  /**
   * Runs realm-sync.sh against the server with a realm as the spec would now generate it, watching
   * the process list and its temporary directory the whole time: what a secret could leak through.
   */
  async function sync(changed: Realm, extra: Record<string, string> = {}) {
    const dir = fs.mkdtempSync(path.join(work, "sync-"));
    fs.writeFileSync(path.join(dir, "realm.json"), JSON.stringify(changed));
    for (const [name, text] of Object.entries(realmSyncFiles(changed as never)))
      fs.writeFileSync(path.join(dir, name), text);
    const tmp = fs.mkdtempSync(path.join(work, "tmp-"));
    const secrets = [kc.admin.password, ...Object.values(env), ...Object.values(extra)].filter((v) => v.length > 6);
    const seen = {
      commandLines: [] as string[],
      files: [] as { file: string; mode: number; dirMode: number; secret: boolean }[],
    };
    const child = spawn("bash", [path.join(ROOT, "components", "sso", "scripts", "realm-sync.sh")], {
      env: {
        ...process.env,
        ...env,
        ...extra,
        TMPDIR: tmp,
        KEYCLOAK_URL: kc.url,
        REALM: changed.realm,
        KC_ADMIN_USER: kc.admin.username,
        KC_ADMIN_PASSWORD: kc.admin.password,
        SYNC_DIR: dir,
        KCADM: path.join(KEYCLOAK_HOME, "bin", "kcadm.sh"),
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const done = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
    let running = true;
    void done.then(() => (running = false));
    while (running) {
      seen.commandLines.push(...spawnSync("ps", ["-eo", "args"], { encoding: "utf8" }).stdout.split("\n"));
      for (const d of fs.readdirSync(tmp)) {
        const sub = path.join(tmp, d);
        try {
          for (const f of fs.readdirSync(sub)) {
            const file = path.join(sub, f);
            const text = fs.readFileSync(file, "utf8");
            seen.files.push({
              file,
              mode: fs.statSync(file).mode & 0o777,
              dirMode: fs.statSync(sub).mode & 0o777,
              secret: secrets.some((x) => text.includes(x)),
            });
          }
        } catch {
          // Removed while we looked: the script cleaning up.
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const status = await done;
    const left = fs.readdirSync(tmp);
    return { status, stdout, stderr, seen, left, secrets };
  }
  const changedRealm = () => JSON.parse(JSON.stringify(realms.get("konawe-selatan")!)) as Realm;
  const clientSecret = (c: { secret: string }) => secretOf(/REALM_CLIENT_SECRET_[A-Z0-9_]+/.exec(c.secret)![0]);
  const grant = (realm: string, clientId: string, secret: string) =>
    token(realm, { grant_type: "client_credentials", client_id: clientId, client_secret: secret });
  let current: Realm;

  it("realm-sync.sh applies a changed client and a new one to the running server and keeps group memberships", async () => {
    const realm = realms.get("konawe-selatan")!;
    const changed = changedRealm();
    changed.clients.find((c) => c.clientId === "simpus")!.redirectUris = [
      "https://simpus.konaweselatankab.go.id/oidc/*",
    ];
    // A new application: its client must be created, with a working service account.
    changed.clients.push({
      ...changed.clients.find((c) => c.clientId === "simpus")!,
      clientId: "klinik",
      secret: "${REALM_CLIENT_SECRET_KLINIK}",
      rootUrl: "https://klinik.konaweselatankab.go.id",
      redirectUris: ["https://klinik.konaweselatankab.go.id/*"],
    });
    const r = await sync(changed, { REALM_CLIENT_SECRET_KLINIK: secretOf("REALM_CLIENT_SECRET_KLINIK") });
    expect([r.status, r.stderr.trim()]).toEqual([0, ""]);
    expect(r.stdout).toContain("realm-sync: create client klinik");
    expect(r.stdout).toContain(`realm-sync: realm ${realm.realm} is up to date`);
    const [simpus] = (await admin("GET", `/realms/${realm.realm}/clients?clientId=simpus`)) as {
      redirectUris: string[];
    }[];
    expect(simpus.redirectUris).toEqual(["https://simpus.konaweselatankab.go.id/oidc/*"]);
    const [user] = (await admin("GET", `/realms/${realm.realm}/users?username=pegawai.dinkes&exact=true`)) as {
      id: string;
    }[];
    const groups = (await admin("GET", `/realms/${realm.realm}/users/${user.id}/groups`)) as { name: string }[];
    expect(groups.map((g) => g.name)).toEqual(["dinkes"]);
    // The client secret still works after the update (it was resolved from the environment).
    expect((await grant(realm.realm, "simpus", secretOf("REALM_CLIENT_SECRET_SIMPUS"))).status).toBe(200);
    expect((await grant(realm.realm, "klinik", secretOf("REALM_CLIENT_SECRET_KLINIK"))).status).toBe(200);
    current = changed;
  });

  it("keeps no secret on a command line or left on disk: a private directory (0700, files 0600) removed on exit", async () => {
    const r = await sync(current, { REALM_CLIENT_SECRET_KLINIK: secretOf("REALM_CLIENT_SECRET_KLINIK") });
    expect(r.status).toBe(0);
    expect(r.seen.commandLines.length).toBeGreaterThan(0);
    expect(r.seen.commandLines.filter((line) => r.secrets.some((x) => line.includes(x)))).toEqual([]);
    // Secrets did touch the private directory (resolved client files), never a world-readable one.
    expect(r.seen.files.some((f) => f.secret)).toBe(true);
    expect(r.seen.files.filter((f) => f.secret && (f.mode !== 0o600 || f.dirMode !== 0o700))).toEqual([]);
    expect(r.left).toEqual([]);
  });

  it("a dry run says what it would change and changes nothing", async () => {
    const changed = JSON.parse(JSON.stringify(current)) as Realm;
    changed.clients = changed.clients.filter((c) => c.clientId !== "klinik");
    const r = await sync(changed, { DRY_RUN: "true" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("realm-sync: would delete client klinik (no longer in the spec)");
    expect(r.stdout).toContain(`realm-sync: dry run: realm ${current.realm} not changed`);
    expect((await grant(current.realm, "klinik", secretOf("REALM_CLIENT_SECRET_KLINIK"))).status).toBe(200);
  });

  it("deletes the client of an application removed from the spec: its old secret gets no token; clients made by hand stay", async () => {
    const realm = current.realm;
    await admin("POST", `/realms/${realm}/clients`, {
      clientId: "buatan-tangan",
      secret: "tangan-12345",
      publicClient: false,
      serviceAccountsEnabled: true,
    });
    const changed = JSON.parse(JSON.stringify(current)) as Realm;
    changed.clients = changed.clients.filter((c) => c.clientId !== "klinik");
    const r = await sync(changed);
    expect([r.status, r.stderr.trim()]).toEqual([0, ""]);
    expect(r.stdout).toContain("realm-sync: delete client klinik (no longer in the spec)");
    expect(await admin("GET", `/realms/${realm}/clients?clientId=klinik`)).toEqual([]);
    expect((await grant(realm, "klinik", secretOf("REALM_CLIENT_SECRET_KLINIK"))).status).toBe(401);
    expect((await grant(realm, "buatan-tangan", "tangan-12345")).status).toBe(200);
    expect((await grant(realm, "simpus", secretOf("REALM_CLIENT_SECRET_SIMPUS"))).status).toBe(200);
    current = changed;
  });

  it("with removed: disable, keeps a removed application's client disabled with a new secret", async () => {
    const realm = current.realm;
    const gone = current.clients.find((c) => c.clientId !== "simpus")!;
    const changed = JSON.parse(JSON.stringify(current)) as Realm;
    changed.clients = changed.clients.filter((c) => c.clientId !== gone.clientId);
    const r = await sync(changed, { REMOVED: "disable" });
    expect([r.status, r.stderr.trim()]).toEqual([0, ""]);
    expect(r.stdout).toContain(`realm-sync: disable client ${gone.clientId} (no longer in the spec)`);
    const [client] = (await admin("GET", `/realms/${realm}/clients?clientId=${gone.clientId}`)) as {
      id: string;
      enabled: boolean;
    }[];
    expect(client.enabled).toBe(false);
    const secret = (await admin("GET", `/realms/${realm}/clients/${client.id}/client-secret`)) as { value: string };
    expect(secret.value).not.toBe(clientSecret(gone));
    expect((await grant(realm, gone.clientId, clientSecret(gone))).status).not.toBe(200);
    current = changed;
  });

  it("applies a changed group attribute, keeps its members, and deletes a group the spec dropped; groups made by hand stay", async () => {
    const realm = current.realm;
    await admin("POST", `/realms/${realm}/groups`, { name: "tim-khusus" });
    const changed = JSON.parse(JSON.stringify(current)) as Realm;
    const dinkes = changed.groups.find((g) => g.name === "dinkes")!;
    dinkes.attributes.name = ["Dinas Kesehatan (nama baru)"];
    const dropped = changed.groups.find((g) => g.name !== "dinkes" && g.name !== "custodian")!.name;
    changed.groups = changed.groups.filter((g) => g.name !== dropped);
    const r = await sync(changed);
    expect([r.status, r.stderr.trim()]).toEqual([0, ""]);
    expect(r.stdout).toContain(`realm-sync: delete group ${dropped} (no longer in the spec)`);
    const groups = (await admin("GET", `/realms/${realm}/groups?briefRepresentation=false&max=1000`)) as {
      id: string;
      name: string;
      attributes?: Record<string, string[]>;
    }[];
    expect(groups.find((g) => g.name === "dinkes")!.attributes!.name).toEqual(["Dinas Kesehatan (nama baru)"]);
    expect(groups.map((g) => g.name)).not.toContain(dropped);
    expect(groups.map((g) => g.name)).toContain("tim-khusus");
    const [user] = (await admin("GET", `/realms/${realm}/users?username=pegawai.dinkes&exact=true`)) as {
      id: string;
    }[];
    const member = (await admin("GET", `/realms/${realm}/users/${user.id}/groups`)) as { name: string }[];
    expect(member.map((g) => g.name)).toEqual(["dinkes"]);
  });

  it("groups carry the OPD's Wali Data and SSO onboarding; every sync logs who can administer the realm", async () => {
    const realm = current.realm;
    const groups = (await admin("GET", `/realms/${realm}/groups?briefRepresentation=false&max=1000`)) as {
      name: string;
      attributes?: Record<string, string[]>;
    }[];
    const generated = current.groups.find((g) => g.name === "dinkes")!;
    const dinkes = groups.find((g) => g.name === "dinkes")!;
    expect(dinkes.attributes!["sso.onboarded"]).toEqual(generated.attributes["sso.onboarded"]);
    expect(generated.attributes["sso.onboarded"].length).toBeGreaterThan(0);
    expect(dinkes.attributes!["wali-data"]).toEqual(generated.attributes["wali-data"]);
    // Make the OPD's user a realm administrator by hand, as someone could in Keycloak's console.
    const [management] = (await admin("GET", `/realms/${realm}/clients?clientId=realm-management`)) as { id: string }[];
    const role = await admin("GET", `/realms/${realm}/clients/${management.id}/roles/realm-admin`);
    const [user] = (await admin("GET", `/realms/${realm}/users?username=pegawai.dinkes&exact=true`)) as {
      id: string;
    }[];
    await admin("POST", `/realms/${realm}/users/${user.id}/role-mappings/clients/${management.id}`, [role]);
    const r = await sync(current, { DRY_RUN: "true" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`realm-sync: audit: realm-admin of realm ${realm}: users pegawai.dinkes; groups none`);
    expect(r.stdout).toContain(`realm-sync: audit: manage-users of realm ${realm}: users none; groups none`);
  });

  it("never takes over a client the spec does not own: one of the same id made by hand stays as it was, and the sync fails saying so", async () => {
    const realm = current.realm;
    const changed = JSON.parse(JSON.stringify(current)) as Realm;
    changed.clients.push({
      ...changed.clients.find((c) => c.clientId === "simpus")!,
      clientId: "buatan-tangan",
      secret: "${REALM_CLIENT_SECRET_BUATAN_TANGAN}",
    });
    const r = await sync(changed, { REALM_CLIENT_SECRET_BUATAN_TANGAN: "diambil-alih-999" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "realm-sync: client buatan-tangan exists and is not the spec's (no regency.managed-by): left as it is",
    );
    expect((await grant(realm, "buatan-tangan", "tangan-12345")).status).toBe(200);
    expect((await grant(realm, "buatan-tangan", "diambil-alih-999")).status).toBe(401);
  });
});
