/**
 * The second line of defence: ValidatingAdmissionPolicies (CEL, evaluated by kube-apiserver itself, no
 * webhook) generated from the plan, so that a custodian cluster refuses what the policy pack blocks
 * before deployment, whoever applies it (`kubectl apply` with any kubeconfig, another stack, an OPD's
 * own pipeline). Pure data, one set per custodian cluster.
 *
 * Each policy names the pack rule it mirrors (`rule`) and cites that rule's articles of the regency's
 * regulation; test/realworld-admission.test.ts drives the same forbidden objects through the real API
 * server and through the pack and checks both refuse them under that rule.
 *
 * They are created before anything else on the cluster, so a plan that adds a namespace or a host widens
 * them before the new objects arrive. A default deny is never deleted by Pulumi on its own: it goes with
 * its namespace (`deletedWith`), and the namespace controller may empty a namespace being deleted.
 */
import type * as k8s from "@pulumi/kubernetes";
import { articleLabel, ResolvedCitation } from "../model/citations";
import {
  CLUSTER_NAMESPACES,
  DEFAULT_DENY,
  flowsByNamespace,
  LABEL,
  PLATFORM_NAMESPACES,
  POSTGRES_PORT,
  RegencyPlan,
} from "../model/plan";
import { RuleId } from "../model/rules";
import { networkPoliciesFor } from "../model/network-policies";

/** What the policies of one custodian cluster are generated from. */
export interface AdmissionScope {
  site: string;
  regency: string;
  domain: string;
  /** Namespaces the plan creates on this cluster. */
  declared: string[];
  /** Namespaces of the cluster's own add-ons (site `systemNamespaces`), left to the cluster's operators. */
  system: string[];
  /** Namespaces that host applications (OPDs and the custodian's common applications): their planned hosts and databases. */
  hosting: { namespace: string; hosts: string[]; databases: string[] }[];
  /** Platform namespaces' planned hosts (single sign-on). */
  platformHosts: { namespace: string; hosts: string[] }[];
  /** Every namespace with planned NetworkPolicies, and their names (the first is the default deny). */
  networkPolicies: { namespace: string; names: string[] }[];
  /** Registry prefix every image must come from, where the spec sets `imageMirror`. */
  imageMirror?: string;
}

/** The scope of each custodian Kubernetes cluster of the plan. */
export function admissionScopes(
  plan: RegencyPlan,
  sites: { id: string; systemNamespaces?: string[] }[],
  imageMirror: string | undefined,
  regency: string,
  domain: string,
): AdmissionScope[] {
  const flowsOf = flowsByNamespace(plan.flows);
  const onCluster = new Map<string, Set<string>>();
  const add = (site: string, ns: string) => onCluster.set(site, (onCluster.get(site) ?? new Set()).add(ns));
  for (const ns of Object.values(PLATFORM_NAMESPACES)) add(plan.primary.id, ns);
  for (const t of plan.tenants) add(plan.primary.id, t.namespace);
  for (const r of plan.backupRepositories) add(r.runsOn, PLATFORM_NAMESPACES.backup);
  // Namespaces whose NetworkPolicies the components create: each OPD's, single sign-on's, and the primary's backup namespace.
  const withPolicies = new Set([
    ...plan.tenants.map((t) => t.namespace),
    plan.sso.namespace,
    PLATFORM_NAMESPACES.backup,
  ]);
  return [...onCluster].map(([site, namespaces]) => {
    const primary = site === plan.primary.id;
    return {
      site,
      regency: regency,
      domain,
      declared: [...namespaces].sort(),
      system: sites.find((s) => s.id === site)?.systemNamespaces ?? [],
      hosting: primary
        ? plan.tenants.map((t) => ({
            namespace: t.namespace,
            hosts: t.apps.map((a) => a.hostname),
            databases: t.apps.flatMap((a) => (a.database ? [a.database.name] : [])),
          }))
        : [],
      platformHosts: primary ? [{ namespace: plan.sso.namespace, hosts: [plan.sso.hostname] }] : [],
      networkPolicies: primary
        ? [...withPolicies]
            .sort()
            .map((ns) => ({ namespace: ns, names: networkPoliciesFor(ns, flowsOf(ns)).map((p) => p.name) }))
        : [],
      ...(imageMirror ? { imageMirror } : {}),
    };
  });
}

/** A ValidatingAdmissionPolicy and its binding, as the API server takes them. */
export interface AdmissionPolicyManifest {
  /** The pack rules it mirrors (each refusal starts with one of them). */
  rules: string[];
  policy: {
    apiVersion: "admissionregistration.k8s.io/v1";
    kind: "ValidatingAdmissionPolicy";
    metadata: { name: string; labels: Record<string, string> };
    spec: k8s.types.input.admissionregistration.v1.ValidatingAdmissionPolicySpec;
  };
  binding: {
    apiVersion: "admissionregistration.k8s.io/v1";
    kind: "ValidatingAdmissionPolicyBinding";
    metadata: { name: string; labels: Record<string, string> };
    spec: { policyName: string; validationActions: string[] };
  };
}

// CEL literals. Strings are single-quoted; a backslash or quote inside is escaped.
const str = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
const list = (xs: readonly string[]) => `[${xs.map(str).join(", ")}]`;
const map = (m: Record<string, string[]>) =>
  `{${Object.entries(m)
    .map(([k, v]) => `${str(k)}: ${list(v)}`)
    .join(", ")}}`;

const WORKLOADS = [
  { apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] },
  { apiGroups: ["apps"], apiVersions: ["v1"], resources: ["deployments", "replicasets", "statefulsets", "daemonsets"] },
  { apiGroups: ["batch"], apiVersions: ["v1"], resources: ["jobs", "cronjobs"] },
];
const SERVICES = { apiGroups: [""], apiVersions: ["v1"], resources: ["services"] };
const INGRESSES = { apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], resources: ["ingresses"] };
const NETWORK_POLICIES = { apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], resources: ["networkpolicies"] };
const NAMESPACES = { apiGroups: [""], apiVersions: ["v1"], resources: ["namespaces"] };
const on = (operations: string[], ...rules: Record<string, string[]>[]) => ({
  resourceRules: rules.map((r) => ({ ...r, operations })),
});

/**
 * The policies of one cluster: one per kind of object, so a request is judged by at most one (each
 * policy a request meets costs the API server a conversion of the object). `cite` resolves the
 * regency's articles of a rule; each refusal starts with the pack rule it mirrors and ends with them
 * (or says the regulation does not mandate the rule).
 */
export function admissionPolicies(
  scope: AdmissionScope,
  cite: (rule: RuleId) => ResolvedCitation,
): AdmissionPolicyManifest[] {
  const ref = (rules: RuleId[]) => {
    const mandated = rules.map(cite).filter((c) => c.mandated);
    if (mandated.length === 0) return `not mandated by ${cite(rules[0]).regulation}; the custodian's plan`;
    return mandated
      .map(
        (c) =>
          `${c.regulation}, ${c.citations
            .map(articleLabel)
            .filter((a, i, all) => all.indexOf(a) === i)
            .join("; ")}`,
      )
      .join("; ");
  };
  const RULES = {
    "server-consolidation": ref(["server-consolidation"]),
    "official-domain": ref(["official-domain"]),
    "network-isolation": ref(["security"]),
    "image-mirror": `${ref(["security"])} (the custodian's imageMirror)`,
  };
  type Mirrored = keyof typeof RULES;
  /** A refusal: `<rule>: <what> — <articles>`; `what` is a CEL string expression. */
  const check = (rule: Mirrored, expression: string, what: string) => ({
    expression,
    messageExpression: `${str(`${rule}: `)} + ${what} + ${str(` — ${RULES[rule]}`)}`,
    reason: "Forbidden",
  });
  const policy = (
    name: string,
    rules: Mirrored[],
    spec: k8s.types.input.admissionregistration.v1.ValidatingAdmissionPolicySpec,
  ): AdmissionPolicyManifest => {
    const labels = { [LABEL.partOf]: "regency-dc", "regency.go.id/site": scope.site };
    return {
      rules,
      policy: {
        apiVersion: "admissionregistration.k8s.io/v1",
        kind: "ValidatingAdmissionPolicy",
        metadata: { name, labels },
        spec: { failurePolicy: "Fail", ...spec },
      },
      binding: {
        apiVersion: "admissionregistration.k8s.io/v1",
        kind: "ValidatingAdmissionPolicyBinding",
        metadata: { name, labels },
        spec: { policyName: name, validationActions: ["Deny"] },
      },
    };
  };
  const hosting = list(scope.hosting.map((h) => h.namespace));
  const under = (h: string) => `(${h} == ${str(scope.domain)} || ${h}.endsWith(${str(`.${scope.domain}`)}))`;
  const who = "object.kind + ' ' + request.namespace + '/' + object.metadata.name";

  const policies: AdmissionPolicyManifest[] = [
    policy("regency-namespaces", ["server-consolidation"], {
      matchConstraints: on(["CREATE", "UPDATE"], NAMESPACES),
      validations: [
        check(
          "server-consolidation",
          `object.metadata.name in ${list([...scope.declared, ...scope.system, ...CLUSTER_NAMESPACES, "default"])}`,
          `'namespace ' + object.metadata.name + ${str(` is not in the plan of ${scope.regency} for site ${scope.site}`)}`,
        ),
      ],
    }),
    policy(
      "regency-workloads",
      scope.imageMirror
        ? ["server-consolidation", "network-isolation", "image-mirror"]
        : ["server-consolidation", "network-isolation"],
      {
        matchConstraints: on(["CREATE", "UPDATE"], ...WORKLOADS),
        variables: [
          { name: "hosting", expression: `request.namespace in ${hosting}` },
          {
            name: "podSpec",
            expression:
              "object.kind == 'Pod' ? object.spec : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec",
          },
          {
            name: "containers",
            expression:
              "variables.podSpec.containers + (has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : [])",
          },
        ],
        validations: [
          check(
            "server-consolidation",
            `request.namespace in ${list([...scope.declared, ...scope.system, ...CLUSTER_NAMESPACES])}`,
            `${who} + ${str(` runs in a namespace the plan of ${scope.regency} does not declare on site ${scope.site}`)}`,
          ),
          check(
            "network-isolation",
            "!variables.hosting || !((has(variables.podSpec.hostNetwork) && variables.podSpec.hostNetwork) || (has(variables.podSpec.hostPID) && variables.podSpec.hostPID) || (has(variables.podSpec.hostIPC) && variables.podSpec.hostIPC))",
            `${who} + ' uses the node\\'s network, PID or IPC namespace'`,
          ),
          check(
            "network-isolation",
            "!variables.hosting || variables.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0))",
            `${who} + ' opens a port on the node (hostPort)'`,
          ),
          check(
            "network-isolation",
            "!variables.hosting || variables.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || !c.securityContext.privileged)",
            `${who} + ' runs a privileged container'`,
          ),
          ...(scope.imageMirror
            ? ((prefix: string) => [
                check(
                  "image-mirror",
                  `!(request.namespace in ${list(scope.declared)}) || variables.containers.all(c, c.image.startsWith(${str(prefix)}))`,
                  `${who} + ' pulls ' + variables.containers.filter(c, !c.image.startsWith(${str(prefix)})).map(c, c.image).join(', ') + ${str(`, not from the mirror ${prefix}`)}`,
                ),
              ])(`${scope.imageMirror.replace(/\/$/, "")}/`)
            : []),
        ],
      },
    ),
    policy("regency-services", ["network-isolation", "official-domain"], {
      matchConstraints: on(["CREATE", "UPDATE"], SERVICES, INGRESSES),
      variables: [
        { name: "hosting", expression: `request.namespace in ${hosting}` },
        {
          name: "databases",
          expression: `variables.hosting ? ${map(Object.fromEntries(scope.hosting.map((h) => [h.namespace, h.databases])))}[request.namespace] : []`,
        },
        { name: "service", expression: "object.kind == 'Service'" },
        {
          name: "selected",
          expression: `variables.service && has(object.spec.selector) && ${str(LABEL.app)} in object.spec.selector ? object.spec.selector[${str(LABEL.app)}] : ''`,
        },
        {
          name: "ruleHosts",
          expression:
            "!variables.service && has(object.spec.rules) ? object.spec.rules.filter(r, has(r.host)).map(r, r.host) : []",
        },
        {
          name: "tlsHosts",
          expression:
            "!variables.service && has(object.spec.tls) ? object.spec.tls.filter(t, has(t.hosts)).map(t, t.hosts) : []",
        },
        {
          name: "hosts",
          expression:
            "variables.ruleHosts.join(', ') + (size(variables.tlsHosts) > 0 ? ' (TLS: ' + variables.tlsHosts.map(hs, hs.join(', ')).join(', ') + ')' : '')",
        },
        {
          name: "planned",
          expression: map(
            Object.fromEntries([...scope.hosting, ...scope.platformHosts].map((h) => [h.namespace, h.hosts])),
          ),
        },
      ],
      validations: [
        check(
          "network-isolation",
          "!variables.service || !variables.hosting || !has(object.spec.type) || object.spec.type == 'ClusterIP'",
          `'Service ' + request.namespace + '/' + object.metadata.name + ' is of type ' + object.spec.type + ': an OPD publishes only through its planned Ingress'`,
        ),
        check(
          "network-isolation",
          "!variables.service || !variables.hosting || !has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0",
          `'Service ' + request.namespace + '/' + object.metadata.name + ' claims external IPs the custodian did not number'`,
        ),
        // A Service that selects a database's pods is that database's own, on PostgreSQL's port only.
        check(
          "network-isolation",
          `!(variables.selected in variables.databases) || (object.metadata.name == variables.selected && object.spec.ports.all(p, p.port == ${POSTGRES_PORT}))`,
          `'Service ' + request.namespace + '/' + object.metadata.name + ' exposes database ' + variables.selected + ${str(` beyond its planned Service (port ${POSTGRES_PORT})`)}`,
        ),
        check(
          "network-isolation",
          "variables.service || size(variables.databases) == 0 || ((!has(object.spec.defaultBackend) || !has(object.spec.defaultBackend.service) || !(object.spec.defaultBackend.service.name in variables.databases)) && (!has(object.spec.rules) || object.spec.rules.all(r, !has(r.http) || r.http.paths.all(p, !has(p.backend.service) || !(p.backend.service.name in variables.databases)))))",
          `'Ingress ' + request.namespace + '/' + object.metadata.name + ' publishes a database'`,
        ),
        check(
          "official-domain",
          `variables.ruleHosts.all(h, ${under("h")}) && variables.tlsHosts.all(hs, hs.all(h, ${under("h")}))`,
          `'Ingress ' + request.namespace + '/' + object.metadata.name + ' publishes ' + variables.hosts + ${str(`, not under ${scope.domain}`)}`,
        ),
        check(
          "official-domain",
          "!(request.namespace in variables.planned) || (variables.ruleHosts.all(h, h in variables.planned[request.namespace]) && variables.tlsHosts.all(hs, hs.all(h, h in variables.planned[request.namespace])))",
          "'Ingress ' + request.namespace + '/' + object.metadata.name + ' publishes ' + variables.hosts + ', not the planned host(s) of ' + request.namespace + ': ' + variables.planned[request.namespace].join(', ')",
        ),
      ],
    }),
  ];
  if (scope.networkPolicies.length > 0) {
    policies.push(
      policy("regency-network-policies", ["network-isolation"], {
        matchConstraints: on(["CREATE", "UPDATE", "DELETE"], NETWORK_POLICIES),
        matchConditions: [
          {
            name: "in-planned-namespace",
            expression: `request.namespace in ${list(scope.networkPolicies.map((p) => p.namespace))}`,
          },
        ],
        validations: [
          // NetworkPolicies add up: one more can only let more through.
          check(
            "network-isolation",
            `request.operation == 'DELETE' || object.metadata.name in ${map(Object.fromEntries(scope.networkPolicies.map((p) => [p.namespace, p.names])))}[request.namespace]`,
            "'NetworkPolicy ' + request.namespace + '/' + object.metadata.name + ' is not in the plan: only the planned flows may be allowed'",
          ),
          check(
            "network-isolation",
            `request.operation == 'DELETE' || object.metadata.name != ${str(DEFAULT_DENY)} || ((!has(object.spec.podSelector) || size(object.spec.podSelector) == 0) && has(object.spec.policyTypes) && 'Ingress' in object.spec.policyTypes && 'Egress' in object.spec.policyTypes && (!has(object.spec.ingress) || size(object.spec.ingress) == 0) && (!has(object.spec.egress) || size(object.spec.egress) == 0))`,
            `'NetworkPolicy ' + request.namespace + ${str(`/${DEFAULT_DENY} must deny all ingress and egress of every pod`)}`,
          ),
          // The namespace controller empties a namespace being deleted (by the custodian): let it.
          check(
            "network-isolation",
            `request.operation != 'DELETE' || oldObject.metadata.name != ${str(DEFAULT_DENY)} || (has(namespaceObject.metadata) && has(namespaceObject.metadata.deletionTimestamp))`,
            `'NetworkPolicy ' + request.namespace + ${str(`/${DEFAULT_DENY} may not be deleted: without it every pod of the namespace is open`)}`,
          ),
        ],
      }),
    );
  }
  return policies;
}
