/** The Kubernetes back end, synthesized for every seed stack under Pulumi's mock runtime: properties, not snapshots. */
import { loadStack } from "../components/model/load";
import { COMMON_APPS_NAMESPACE, namespaceOfOpd } from "../components/model/plan";
import { synthesize } from "../infra/synth";
import { meta, ofKind, spec, synthOf } from "./support/synth";
import { SEED_STACKS, specOf, stackText } from "./support/stacks";
import { loadStackText } from "../components/model/load";

describe.each(SEED_STACKS)("kubernetes plan of %s", (slug) => {
  const model = loadStack(slug);
  // Applications on an OPD's own server (Bulukumba's SIMRS, by exemption) are not deployed here.
  const deployed = model.applications.filter((h) => h.app.site === undefined);
  const domain = model.spec.domain.name;
  const primary = model.spec.sites.find((s) => s.kind === "primary")!;

  it("logs no error; places workloads only through the primary site's provider, each backup repository through its own site's", async () => {
    const s = await synthOf(slug);
    expect(s.errors).toEqual([]);
    const sites = new Set(
      s.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:")).map((r) => r.provider),
    );
    for (const site of sites) expect(model.spec.sites.find((x) => x.id === site)?.operator).toBe("custodian");
    const workloads = [...ofKind(s, "Deployment"), ...ofKind(s, "StatefulSet"), ...ofKind(s, "CronJob")];
    const isRepository = (r: (typeof workloads)[number]) =>
      meta(r).labels?.["app.kubernetes.io/component"] === "backup-repository";
    expect([...new Set(workloads.filter((r) => !isRepository(r)).map((r) => r.provider))]).toEqual([primary.id]);
    for (const repo of s.outputs.plan.backupRepositories) {
      const mine = workloads.filter(
        (r) => isRepository(r) && meta(r).labels?.["regency.go.id/backup-site"] === repo.site,
      );
      expect(mine.map((r) => r.type.split(":").pop()).sort()).toEqual(["CronJob", "Deployment"]);
      // A DR site's copies live on the DR site's cluster; portable media is plugged into the primary's.
      const site = model.spec.sites.find((x) => x.id === repo.site)!;
      for (const r of mine)
        expect([repo.site, r.provider]).toEqual([repo.site, site.kind === "portable-media" ? primary.id : repo.site]);
    }
  });

  it("enforces the plan in each custodian cluster: admission policies through that cluster's provider, declaring exactly its namespaces and hosts", async () => {
    const s = await synthOf(slug);
    const policies = ofKind(s, "ValidatingAdmissionPolicy");
    const clusters = [
      ...new Set(
        s.resources
          .filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:admission"))
          .map((r) => r.provider),
      ),
    ].sort();
    expect([...new Set(policies.map((p) => p.provider))].sort()).toEqual(clusters);
    const on = (site: string) =>
      new Map(policies.filter((p) => p.provider === site).map((p) => [meta(p).name, JSON.stringify(spec(p))]));
    // Each policy has its binding, through the same provider.
    expect(
      ofKind(s, "ValidatingAdmissionPolicyBinding")
        .map((b) => `${b.provider}/${spec(b).policyName}`)
        .sort(),
    ).toEqual(policies.map((p) => `${p.provider}/${meta(p).name}`).sort());
    const mine = on(primary.id);
    expect([...mine.keys()].sort()).toEqual([
      "regency-namespaces",
      "regency-network-policies",
      "regency-services",
      "regency-workloads",
    ]);
    // Every namespace the plan creates on the primary is declared, and every application's host planned.
    for (const ns of ofKind(s, "Namespace").filter((n) => n.provider === primary.id))
      expect(mine.get("regency-namespaces")).toContain(`'${meta(ns).name}'`);
    for (const h of deployed) expect(mine.get("regency-services")).toContain(`'${h.hostname}'`);
    expect(mine.get("regency-services")).toContain(`'.${domain}'`);
    // The DR cluster holds no OPD: it declares only its backup namespace.
    for (const site of clusters.filter((c) => c !== primary.id)) {
      expect([...on(site!).keys()].sort()).toEqual(["regency-namespaces", "regency-services", "regency-workloads"]);
      expect(on(site!).get("regency-namespaces")).not.toMatch(/'opd-/);
    }
  });

  it("gives every OPD a namespace with its labels and a default-deny policy for ingress and egress", async () => {
    const s = await synthOf(slug);
    const namespaces = new Map(ofKind(s, "Namespace").map((r) => [meta(r).name, meta(r)]));
    for (const o of model.spec.opds) {
      const ns = namespaceOfOpd(o.slug);
      expect(namespaces.get(ns)?.labels).toMatchObject({
        "regency.go.id/opd": o.slug,
        "regency.go.id/segment": `opd-${o.slug}`,
      });
      const deny = ofKind(s, "NetworkPolicy").find((r) => meta(r).namespace === ns && meta(r).name === "default-deny");
      expect(spec(deny!)).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    }
    for (const ns of [COMMON_APPS_NAMESPACE, "sso", "backup"]) {
      expect(ofKind(s, "NetworkPolicy").some((r) => meta(r).namespace === ns && meta(r).name === "default-deny")).toBe(
        true,
      );
    }
  });

  it("labels each OPD namespace with the data groups of its databases", async () => {
    const s = await synthOf(slug);
    for (const o of model.spec.opds) {
      const labels = meta(ofKind(s, "Namespace").find((r) => meta(r).name === namespaceOfOpd(o.slug))!).labels!;
      for (const g of o.applications.filter((a) => a.site === undefined).flatMap((a) => a.database?.dataGroups ?? []))
        expect(labels[`data-group.regency.go.id/${g}`]).toBe("true");
    }
  });

  it("publishes every Ingress on a subdomain of the regency's go.id domain, with TLS", async () => {
    const s = await synthOf(slug);
    const ingresses = ofKind(s, "Ingress");
    expect(ingresses.length).toBe(deployed.length + 1);
    for (const r of ingresses) {
      const hosts: string[] = spec(r).rules.map((x: { host: string }) => x.host);
      for (const h of hosts) expect(h.endsWith(`.${domain}`)).toBe(true);
      expect(spec(r).tls[0].hosts).toEqual(hosts);
    }
  });

  it("backs up every database and volume into an encrypted repository on its target site, kept on the site by `pulumi destroy`", async () => {
    const s = await synthOf(slug);
    const claims = ofKind(s, "PersistentVolumeClaim");
    const cronJobs = new Map(ofKind(s, "CronJob").map((r) => [`${meta(r).namespace}/${meta(r).name}`, r]));
    const sources = [
      ...ofKind(s, "StatefulSet").map((r) => ({ ns: meta(r).namespace!, source: meta(r).name })),
      ...claims
        .filter((r) => meta(r).namespace !== "backup")
        .map((r) => ({ ns: meta(r).namespace!, source: meta(r).name })),
    ];
    const expected = deployed.reduce((n, h) => n + (h.app.database ? 1 : 0) + h.app.volumes.length, 0) + 1; // + keycloak-db
    expect(sources.length).toBe(expected);
    const jobs = s.outputs.plan.backupJobs;
    const servers = new Map(s.outputs.plan.backupRepositories.map((r) => [r.site, r]));
    const envOf = (r: Parameters<typeof spec>[0]) =>
      Object.fromEntries(
        (
          spec(r).jobTemplate.spec.template.spec.containers[0].env as {
            name: string;
            value?: string;
            valueFrom?: unknown;
          }[]
        ).map((e) => [e.name, e.value ?? e.valueFrom]),
      );
    for (const { ns, source } of sources) {
      const ofSource = jobs.filter((j) => j.namespace === ns && j.source === source);
      expect({ source, jobs: ofSource.length > 0 }).toEqual({ source, jobs: true });
      for (const j of ofSource) {
        const job = cronJobs.get(`${ns}/${j.name}`)!;
        expect(spec(job).schedule).toBe(model.spec.backup.policies.find((p) => p.id === j.policy)!.schedule);
        const server = servers.get(j.targetSite)!;
        expect(envOf(job)).toMatchObject({
          RESTIC_REPOSITORY: `rest:http://${server.address}:8000/${ns}/`,
          RESTIC_REST_USERNAME: ns,
          RESTIC_PASSWORD: { secretKeyRef: { name: `backup-${j.targetSite}`, key: "repository-key" } },
          RESTIC_REST_PASSWORD: { secretKeyRef: { name: `backup-${j.targetSite}`, key: "server-password" } },
        });
        // No copy lives in the OPD's namespace: the job mounts no backup claim.
        expect(
          spec(job).jobTemplate.spec.template.spec.volumes.filter(
            (v: { persistentVolumeClaim?: unknown }) => v.persistentVolumeClaim,
          ).length,
        ).toBe(j.kind === "files" ? 1 : 0);
        const restore = cronJobs.get(`${ns}/${j.restoreName}`)!;
        expect(spec(restore).suspend).toBe(true);
        expect(envOf(restore).RESTIC_REPOSITORY).toBe(envOf(job).RESTIC_REPOSITORY);
      }
    }
    for (const server of servers.values()) {
      const site = model.spec.sites.find((x) => x.id === server.site)!;
      const claim = claims.find(
        (r) => meta(r).namespace === "backup" && meta(r).labels?.["regency.go.id/backup-site"] === server.site,
      )!;
      expect(spec(claim).storageClassName).toBe(site.storageClass);
      expect(spec(claim).storageClassName).not.toBe(primary.storageClass);
      expect(spec(claim).resources.requests.storage).toBe(`${server.sizeGi}Gi`);
      // Retained, not protected: `pulumi destroy` runs without `state unprotect` and leaves the copies.
      expect([claim.retainOnDelete, claim.protect]).toEqual([true, false]);
      const args = spec(ofKind(s, "Deployment").find((r) => meta(r).name === `repository-server-${server.site}`)!)
        .template.spec.containers[0].args;
      expect(args).toEqual(expect.arrayContaining(["serve", "restic", "--append-only", "--private-repos"]));
    }
    const backupNamespaces = ofKind(s, "Namespace").filter((r) => meta(r).name === "backup");
    expect(backupNamespaces.every((r) => r.retainOnDelete && !r.protect)).toBe(true);
    // A source with several policies (daily to DR, weekly to portable media) gets a job for each.
    const policiesPerSource = new Set(jobs.map((j) => `${j.namespace}/${j.source}`)).size;
    expect(jobs.length).toBe(
      policiesPerSource * (Array.isArray(model.spec.backup.default) ? model.spec.backup.default.length : 1),
    );
  });

  it("runs file-volume backups on the node of the pod that mounts the ReadWriteOnce claim", async () => {
    const s = await synthOf(slug);
    for (const r of ofKind(s, "CronJob").filter((x) => meta(x).annotations?.["regency.go.id/backup-policy"])) {
      const pod = spec(r).jobTemplate.spec.template.spec;
      const usesVolume = pod.volumes.some((v: { name: string }) => v.name === "volume");
      if (!usesVolume) continue;
      const term = pod.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
      expect(term.topologyKey).toBe("kubernetes.io/hostname");
      expect(Object.values(term.labelSelector.matchLabels)).toHaveLength(1);
    }
  });

  it("archives WAL of NIK- and NIP-keyed databases to their recovery site (point-in-time recovery); base backups by that site's job", async () => {
    const s = await synthOf(slug);
    const dbs = s.outputs.plan.tenants.flatMap((t) => t.apps.flatMap((a) => (a.database ? [a.database] : [])));
    const wanted = dbs.filter((d) => d.keys.includes("NIK") || d.keys.includes("NIP"));
    expect(
      dbs
        .filter((d) => d.pointInTime)
        .map((d) => d.name)
        .sort(),
    ).toEqual(wanted.map((d) => d.name).sort());
    for (const db of wanted) {
      const sts = ofKind(s, "StatefulSet").find((r) => meta(r).namespace === db.namespace && meta(r).name === db.name)!;
      const pod = spec(sts).template.spec;
      const args: string[] = pod.containers[0].args;
      expect(args).toEqual(
        expect.arrayContaining([
          "archive_mode=on",
          "archive_command=sh /scripts/wal-archive.sh %p %f",
          `archive_timeout=${model.spec.backup.pointInTime.rpoSeconds}`,
          "hba_file=/etc/regency/pg_hba.conf",
        ]),
      );
      const env = Object.fromEntries(
        (pod.containers[0].env as { name: string; value?: string }[]).map((e) => [e.name, e.value]),
      );
      expect(env).toMatchObject({
        WAL_TAG: `wal-${db.name}`,
        RESTIC: "/tools/restic",
        RESTIC_REPOSITORY: db.pointInTime!.repository.url,
      });
      const target = model.spec.sites.find((x) => x.id === db.pointInTime!.targetSite)!;
      if (model.spec.sites.some((x) => x.kind === "recovery")) expect(target.kind).toBe("recovery");
      // The job to that site also takes the base backup; the database may reach that server, nothing more.
      const job = s.outputs.plan.backupJobs.find(
        (j) => j.namespace === db.namespace && j.source === db.name && j.targetSite === target.id,
      )!;
      expect(job.baseTag).toBe(`base-${db.name}`);
      const server = s.outputs.plan.backupRepositories.find((r) => r.site === target.id)!;
      expect(
        s.outputs.plan.flows
          .filter((f) => f.from.namespace === db.namespace && f.from.app === db.name)
          .map((f) => ("cidr" in f.to ? `${f.to.cidr}:${f.port}` : "")),
      ).toEqual([`${server.address}/32:8000`]);
      // Its WAL and base backups are kept by the site's retention, the WAL for the whole window.
      const sources = server.repositories.find((r) => r.name === db.namespace)!.sources;
      expect(sources.find((x) => x.tag === `wal-${db.name}`)?.withinDays).toBe(
        model.spec.backup.pointInTime.windowDays + 1,
      );
      expect(sources.find((x) => x.tag === `base-${db.name}`)?.retention.daily).toBe(
        model.spec.backup.pointInTime.windowDays + 1,
      );
    }
  });

  it("drills a restore of every source on the drill schedule, into a scratch volume of its size, never mounting the live data", async () => {
    const s = await synthOf(slug);
    const jobs = s.outputs.plan.backupJobs;
    const sources = new Set(jobs.map((j) => `${j.namespace}/${j.source}`));
    const drilled = jobs.filter((j) => j.drill);
    expect(drilled.map((j) => `${j.namespace}/${j.source}`).sort()).toEqual([...sources].sort());
    for (const j of drilled) {
      const cron = ofKind(s, "CronJob").find(
        (r) => meta(r).namespace === j.namespace && meta(r).name === j.drill!.name,
      )!;
      expect(spec(cron).schedule).toBe(model.spec.backup.drills.schedule);
      const pod = spec(cron).jobTemplate.spec.template.spec;
      expect(pod.containers[0].command).toEqual(["/bin/sh", "/scripts/restore-drill.sh"]);
      expect(pod.volumes.filter((v: { persistentVolumeClaim?: unknown }) => v.persistentVolumeClaim)).toEqual([]);
      const scratch = pod.volumes.find((v: { name: string }) => v.name === "scratch").ephemeral.volumeClaimTemplate
        .spec;
      expect(scratch.resources.requests.storage).toBe(`${j.sizeGi}Gi`);
      // Reaches what its backup job reaches: the same app label.
      expect(spec(cron).jobTemplate.spec.template.metadata.labels["app.kubernetes.io/name"]).toBe(j.name);
      if (model.spec.sites.some((x) => x.kind === "recovery"))
        expect(model.spec.sites.find((x) => x.id === j.targetSite)!.kind).toBe("recovery");
    }
  });

  it("keeps secrets secret: generated, referenced from Secrets, never literal in env", async () => {
    const s = await synthOf(slug);
    const containers = [...ofKind(s, "Deployment"), ...ofKind(s, "StatefulSet")].flatMap(
      (r) => spec(r).template.spec.containers,
    );
    const cronContainers = ofKind(s, "CronJob").flatMap((r) => spec(r).jobTemplate.spec.template.spec.containers);
    for (const c of [...containers, ...cronContainers]) {
      for (const e of c.env ?? [])
        if (/PASSWORD|SECRET|TOKEN/.test(e.name))
          expect({ name: e.name, literal: "value" in e }).toEqual({ name: e.name, literal: false });
    }
    for (const r of ofKind(s, "Secret")) {
      for (const [k, v] of Object.entries(
        spec({ inputs: { spec: r.inputs.stringData } } as never) as Record<string, string>,
      )) {
        if (/password|secret|REALM_CLIENT_SECRET/.test(k)) expect(v).toMatch(/^\{\{secret:[a-z0-9/-]+\}\}$/);
      }
    }
    const realm = ofKind(s, "ConfigMap").find((r) => meta(r).name === "keycloak-realm")!;
    const realmText = (r: typeof realm) => (r.inputs.data as Record<string, string>)["realm.json"];
    expect(realmText(realm)).not.toMatch(/\{\{secret:/);
    // A password per database and client, the SSO admin and database, and a key and a password per namespace and backup target site.
    const repositories = s.outputs.plan.backupRepositories.reduce((n, r) => n + r.repositories.length, 0);
    expect(s.resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword")).toHaveLength(
      deployed.length * 2 - deployed.filter((h) => !h.app.database).length + 2 + repositories * 2,
    );
  });

  it("runs containers restricted: non-root, no privilege escalation, requests and limits, probes", async () => {
    const s = await synthOf(slug);
    for (const r of ofKind(s, "Deployment")) {
      const pod = spec(r).template.spec;
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      for (const c of pod.containers) {
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
        expect(c.resources.requests && c.resources.limits).toBeTruthy();
        expect(c.readinessProbe && c.livenessProbe).toBeTruthy();
        if (meta(r).name !== "keycloak") expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      }
    }
  });

  it("generates the realm: a group per OPD, a confidential client per application on its subdomain, transitions flagged", async () => {
    const s = await synthOf(slug);
    const realm = s.outputs.plan.sso.realm;
    expect(realm.realm).toBe(model.spec.sso.realm ?? slug);
    expect(realm.groups.map((g) => g.name).sort()).toEqual(["custodian", ...model.spec.opds.map((o) => o.slug)].sort());
    expect(realm.clients).toHaveLength(deployed.length);
    for (const h of deployed) {
      const c = realm.clients.find((x) => x.clientId === h.app.id)!;
      expect(c.redirectUris).toEqual([`https://${h.hostname}/*`]);
      expect(c.attributes["regency.sso.status"]).toBe(h.app.sso);
      expect(c.secret).toMatch(/^\$\{REALM_CLIENT_SECRET_[A-Z0-9_]+\}$/i);
    }
  });

  it("configures Keycloak 26: hostname, proxy headers, management-port health, realm import", async () => {
    const s = await synthOf(slug);
    const kc = spec(ofKind(s, "Deployment").find((r) => meta(r).name === "keycloak")!).template.spec.containers[0];
    const env = Object.fromEntries(kc.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(kc.image).toMatch(/keycloak:26\./);
    expect(kc.args).toEqual(["start", "--import-realm"]);
    expect(env).toMatchObject({
      KC_HOSTNAME: `https://sso.${domain}`,
      KC_PROXY_HEADERS: "xforwarded",
      KC_HEALTH_ENABLED: "true",
      KC_METRICS_ENABLED: "true",
    });
    expect(kc.readinessProbe.httpGet).toEqual({ path: "/health/ready", port: 9000 });
  });

  it("syncs realm changes to a running Keycloak with a job named by the realm's hash", async () => {
    const s = await synthOf(slug);
    const jobs = ofKind(s, "Job");
    expect(jobs.map((r) => meta(r).name)).toEqual([expect.stringMatching(/^realm-sync-[0-9a-f]{10}$/)]);
    const sync = ofKind(s, "ConfigMap").find((r) => meta(r).name === "keycloak-realm-sync")!;
    const data = sync.inputs.data as Record<string, string>;
    expect(Object.keys(data).filter((k) => k.startsWith("client-"))).toHaveLength(deployed.length);
    expect(Object.keys(JSON.parse(data["groups-roles.json"]))).toEqual(["groups", "roles"]);
    // The sync job may reach Keycloak; nothing else in the sso namespace may.
    const allow = ofKind(s, "NetworkPolicy").find(
      (r) => meta(r).namespace === "sso" && meta(r).name === "allow-keycloak",
    )!;
    const from = spec(allow).ingress.map(
      (i: {
        from: {
          namespaceSelector: { matchLabels: Record<string, string> };
          podSelector?: { matchLabels: Record<string, string> };
        }[];
      }) => [
        i.from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"],
        i.from[0].podSelector?.matchLabels["app.kubernetes.io/name"] ?? "*",
      ],
    );
    expect(from).toContainEqual(["sso", "realm-sync"]);
    expect(from.filter(([ns]: string[]) => ns === "sso")).toEqual([["sso", "realm-sync"]]);
  });

  it("never lets an OPD reach another OPD's database", async () => {
    const s = await synthOf(slug);
    for (const r of ofKind(s, "NetworkPolicy")) {
      const ns = meta(r).namespace!;
      for (const rule of spec(r).ingress ?? []) {
        for (const peer of rule.from) {
          const fromNs = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];
          if (rule.ports.some((p: { port: number }) => p.port === 5432)) expect(fromNs).toBe(ns);
        }
      }
    }
  });
});

describe("kubernetes plan: the custodian alone runs data centers", () => {
  it("creates no provider for a DR site run by an OPD and logs the article", async () => {
    const spec = specOf("konawe-selatan");
    spec.sites[1].operator = "dinkes";
    const model = loadStackText(stackText(spec), "x.yaml");
    const s = await synthesize(model);
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toContain(
      'site pusat-pemulihan (recovery) is operated by "dinkes", not by Bagian Pengelolaan Data Elektronik dan Sandi Daerah',
    );
    expect(s.errors[0]).toContain("Pasal 6 ayat (2)");
    expect(s.resources.filter((r) => r.type === "pulumi:providers:kubernetes").map((r) => r.name)).toEqual([
      "pusat-data",
    ]);
    expect(s.resources.some((r) => r.provider === "pusat-pemulihan")).toBe(false);
    // The DataCenter component is still registered, so policies see who declared it.
    expect(
      s.resources.find((r) => r.type === "regency:datacenter:DataCenter" && r.name === "pusat-pemulihan")?.inputs.site,
    ).toMatchObject({ operator: "dinkes" });
  });

  it("places nothing when the primary data center is not the custodian's", async () => {
    const spec = specOf("batang-hari");
    spec.sites[0].operator = "rsud";
    const s = await synthesize(loadStackText(stackText(spec), "x.yaml"));
    expect(s.errors[0]).toContain("Pasal 6 ayat (1)");
    expect(s.resources.filter((r) => r.type.startsWith("kubernetes:"))).toHaveLength(1); // the DR site's backup namespace
  });
});

describe("kubernetes plan: Calico IP pools", () => {
  it("numbers each OPD's pods from its own segment", async () => {
    const spec = specOf("hulu-sungai-tengah");
    spec.network.cni = "calico";
    const model = loadStackText(stackText(spec), "x.yaml");
    const s = await synthesize(model);
    const pools = s.resources.filter((r) => r.inputs.kind === "IPPool");
    const tenantSegments = model.ipPlan.segments.filter((x) => x.purpose === "opd" || x.purpose === "common-apps");
    expect(pools.map((p) => [meta(p).name, (p.inputs.spec as { cidr: string }).cidr]).sort()).toEqual(
      tenantSegments.map((x) => [x.name, x.cidr]).sort(),
    );
    const ns = ofKind(s, "Namespace").find((r) => meta(r).name === "opd-dinkes")!;
    expect(meta(ns).annotations!["cni.projectcalico.org/ipv4pools"]).toBe('["opd-dinkes"]');
  });
});
