/**
 * The generated realms against a real Keycloak 26 (Maven Central distribution) on a real PostgreSQL:
 * every seed stack's realm is imported as `regency plan` writes it; every client gets a token with
 * its secret; a user placed in an OPD group logs in through the authorization-code flow (PKCE) and
 * the token carries the group; the realm-sync script applies a change to the running server.
 */
import { spawnSync } from "child_process";
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
  groups: { name: string }[];
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

  it("realm-sync.sh applies a changed client to the running server and keeps group memberships", async () => {
    const realm = realms.get("konawe-selatan")!;
    const changed: Realm = JSON.parse(JSON.stringify(realm));
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
    const dir = path.join(work, "sync");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "realm.json"), JSON.stringify(changed));
    for (const [name, text] of Object.entries(realmSyncFiles(changed as never)))
      fs.writeFileSync(path.join(dir, name), text);
    const r = spawnSync("bash", [path.join(ROOT, "components", "sso", "scripts", "realm-sync.sh")], {
      encoding: "utf8",
      env: {
        ...process.env,
        ...env,
        REALM_CLIENT_SECRET_KLINIK: secretOf("REALM_CLIENT_SECRET_KLINIK"),
        KEYCLOAK_URL: kc.url,
        REALM: realm.realm,
        KC_ADMIN_USER: kc.admin.username,
        KC_ADMIN_PASSWORD: kc.admin.password,
        SYNC_DIR: dir,
        KCADM: path.join(KEYCLOAK_HOME, "bin", "kcadm.sh"),
      },
    });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.stdout).toContain("realm-sync: created client klinik");
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
    // The client secret still works after the overwrite (it was resolved from the environment).
    const secret = secretOf("REALM_CLIENT_SECRET_SIMPUS");
    expect(
      (await token(realm.realm, { grant_type: "client_credentials", client_id: "simpus", client_secret: secret }))
        .status,
    ).toBe(200);
    expect(
      (
        await token(realm.realm, {
          grant_type: "client_credentials",
          client_id: "klinik",
          client_secret: secretOf("REALM_CLIENT_SECRET_KLINIK"),
        })
      ).status,
    ).toBe(200);
  });
});
