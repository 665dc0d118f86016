/**
 * The intended reachability matrix of a regency, derived from the spec alone (never from the plan's
 * flows): each OPD application reaches DNS, SSO, its own database, its declared interconnects and the
 * internet egress its OPD is given; no one reaches another OPD's database or applications directly.
 * The Kubernetes test (cyclonus) and the Docker tests judge the same matrix.
 */
import { loadStack } from "../../components/model/load";
import { containerOf } from "../../components/model/names";

export interface Peer {
  Internal?: { Namespace: string; NamespaceLabels: Record<string, string>; PodLabels: Record<string, string> };
  IP: string;
}
export interface Case {
  label: string;
  traffic: { Source: Peer; Destination: Peer; ResolvedPort: number; ResolvedPortName: string; Protocol: string };
  expected: boolean;
}

export const pod = (namespace: string, labels: Record<string, string>, ip: string): Peer => ({
  Internal: { Namespace: namespace, NamespaceLabels: { "kubernetes.io/metadata.name": namespace }, PodLabels: labels },
  IP: ip,
});
export const external = (ip: string): Peer => ({ IP: ip });
export const name = "app.kubernetes.io/name";

/** The intended matrix, from the spec (not from the plan's flows). */
export function intendedCases(slug: string): Case[] {
  const model = loadStack(slug);
  const deployed = model.applications.filter((h) => h.app.site === undefined);
  const nsOf = (opd?: string) => (opd ? `opd-${opd}` : "aplikasi-umum");
  const partners = new Map(model.spec.interconnections.map((c) => [c.id, c]));
  const internetFor = (opd?: string) =>
    model.spec.internet.egress
      .filter((e) => opd && (e.opds.includes("*") || e.opds.includes(opd)) && e.to.includes("0.0.0.0/0"))
      .flatMap((e) => e.ports);
  const cases: Case[] = [];
  const add = (label: string, Source: Peer, Destination: Peer, port: number, expected: boolean, protocol = "TCP") =>
    cases.push({
      label,
      traffic: { Source, Destination, ResolvedPort: port, ResolvedPortName: "", Protocol: protocol },
      expected,
    });
  const ingress = pod("ingress", { [name]: "ingress-nginx" }, "10.0.0.2");
  const keycloak = pod("sso", { [name]: "keycloak" }, "10.0.0.3");
  const dns = pod("kube-system", { "k8s-app": "kube-dns" }, "10.0.0.4");
  let ip = 10;
  const appPod = new Map(deployed.map((h) => [h.app.id, pod(nsOf(h.opd), { [name]: h.app.id }, `10.1.0.${ip++}`)]));
  const dbPod = new Map(
    deployed
      .filter((h) => h.app.database)
      .map((h) => [h.app.id, pod(nsOf(h.opd), { [name]: `${h.app.id}-db` }, `10.2.0.${ip++}`)]),
  );
  for (const h of deployed) {
    const me = appPod.get(h.app.id)!;
    add(`${h.app.id} → DNS (udp)`, me, dns, 53, true, "UDP");
    add(`${h.app.id} → SSO`, me, keycloak, 8080, true);
    add(`ingress → ${h.app.id}`, ingress, me, h.app.port, true);
    add(`keycloak → ${h.app.id}`, keycloak, me, h.app.port, false);
    for (const [other, db] of dbPod) add(`${h.app.id} → ${other}-db`, me, db, 5432, other === h.app.id);
    for (const [other, theirs] of appPod)
      if (other !== h.app.id)
        add(`${h.app.id} → ${other}`, me, theirs, deployed.find((x) => x.app.id === other)!.app.port, false);
    for (const [id, c] of partners) {
      const target = external(c.remote.cidr.replace(/\.\d+\/\d+$/, ".1"));
      for (const port of c.remote.ports)
        add(
          `${h.app.id} → partner ${id}:${port}`,
          me,
          target,
          port,
          h.app.interconnects.includes(id) || internetFor(h.opd).includes(port),
        );
    }
    add(`${h.app.id} → internet:443`, me, external("8.8.8.8"), 443, internetFor(h.opd).includes(443));
    add(`${h.app.id} → internet:25`, me, external("8.8.8.8"), 25, internetFor(h.opd).includes(25));
  }
  for (const [id, db] of dbPod) {
    add(`ingress → ${id}-db`, ingress, db, 5432, false);
    // Internet egress is given to an OPD's applications; its databases never reach out.
    add(`${id}-db → internet:443`, db, external("8.8.8.8"), 443, false);
  }
  return cases;
}

/** Who a matrix peer is on one server (Docker): undefined outside it, "dns" for Docker's embedded resolver. */
export function containerOfPeer(p: Peer): string | undefined {
  if (!p.Internal) return undefined;
  if (p.Internal.Namespace === "kube-system") return "dns";
  if (p.Internal.Namespace === "ingress") return "regency-proxy";
  return containerOf(p.Internal.Namespace, p.Internal.PodLabels[name]);
}
