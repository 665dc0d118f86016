# The same four rules as policies/rules/{custodian-data-center,official-domain,backup-separation,
# ip-numbering}.ts, written for OPA, over the same input: {"resources": [ResourceView]}. The bench
# times both engines and fails if their findings differ. Messages match ours word for word.
package regency

root := [r | some r in input.resources; r.type == "regency:regency:Regency"][0]

regency := root.props

of_kind(k) := [r | some r in input.resources; startswith(r.type, "kubernetes:"); r.props.kind == k]

of_type(t) := [r | some r in input.resources; r.type == t]

# --- custodian-data-center ------------------------------------------------------------------

centers := of_type("regency:datacenter:DataCenter")

custodian_centers := {c.urn | some c in centers; c.props.site.operator == "custodian"}

center_kind(site) := "disaster-recovery center (pusat pemulihan data)" if site.kind == "recovery"

else := "data center (pusat data)"

deny contains {"rule": "custodian-data-center", "urn": dc.urn, "message": msg} if {
	some dc in centers
	site := object.get(dc.props, "site", {})
	object.get(site, "operator", null) != "custodian"
	msg := sprintf("site \"%v\" is a %s operated by \"%v\", not by %s", [object.get(site, "id", "undefined"), center_kind(site), object.get(site, "operator", "undefined"), regency.custodian])
}

custodian_providers := {c.props.provider | some c in centers; c.props.site.operator == "custodian"; c.props.provider}

placed_elsewhere := [r | some r in input.resources; regex.match(`^(kubernetes|docker):`, r.type); r.provider; not custodian_providers[r.provider.urn]]

deny contains {"rule": "custodian-data-center", "urn": p, "message": msg} if {
	some p in {r.provider.urn | some r in placed_elsewhere}
	placed := [r | some r in placed_elsewhere; r.provider.urn == p]
	msg := sprintf("provider \"%s\" places %d resource(s) but belongs to no data center of %s", [placed[0].provider.name, count(placed), regency.custodian])
}

# --- official-domain ------------------------------------------------------------------------

official(h) if h == regency.domain

official(h) if endswith(h, concat("", [".", regency.domain]))

ingress_hosts(ing) := {h | some r in object.get(ing.props, ["spec", "rules"], []); h := r.host} | {h | some t in object.get(ing.props, ["spec", "tls"], []); some h in object.get(t, "hosts", [])}

deny contains {"rule": "official-domain", "urn": ing.urn, "message": msg} if {
	some ing in of_kind("Ingress")
	some h in ingress_hosts(ing)
	is_string(h)
	not official(h)
	msg := sprintf("Ingress %s/%s publishes %s, not under %s", [ing.props.metadata.namespace, ing.props.metadata.name, h, regency.domain])
}

deny contains {"rule": "official-domain", "urn": proxy.urn, "message": msg} if {
	some proxy in of_type("regency:docker:ReverseProxy")
	some route in object.get(proxy.props, "routes", [])
	not official(route.hostname)
	msg := sprintf("the reverse proxy publishes %s, not under %s", [route.hostname, regency.domain])
}

published := {h | some ing in of_kind("Ingress"); some h in ingress_hosts(ing)} | {route.hostname | some proxy in of_type("regency:docker:ReverseProxy"); some route in object.get(proxy.props, "routes", [])}

deny contains {"rule": "official-domain", "urn": h.urn, "message": msg} if {
	some h in input.resources
	h.type in {"regency:hosting:OpdHosting", "regency:docker:OpdHosting"}
	some app in h.props.applications
	not official(app.hostname)
	not published[app.hostname]
	msg := sprintf("application %s/%s is planned on %s, not under %s", [h.props.namespace, app.id, app.hostname, regency.domain])
}

deny contains {"rule": "official-domain", "urn": s.urn, "message": msg} if {
	some s in input.resources
	s.type in {"regency:sso:Keycloak", "regency:docker:Keycloak"}
	not official(s.props.hostname)
	not published[s.props.hostname]
	msg := sprintf("single sign-on is planned on %s, not under %s", [s.props.hostname, regency.domain])
}

deny contains {"rule": "official-domain", "urn": u.urn, "message": msg} if {
	some u in of_type("regency:hosting:UnconsolidatedServer")
	not official(u.props.hostname)
	msg := sprintf("%s of %s is reached at %s, not under %s", [u.props.application, u.props.opd, u.props.hostname, regency.domain])
}

# --- backup-separation ----------------------------------------------------------------------

sites := {s.id: s | some s in regency.sites}

backup_jobs contains [r.urn, job] if {
	some r in input.resources
	r.type in {"regency:backup:Backups", "regency:docker:BackupRunner"}
	some job in object.get(r.props, "jobs", [])
}

on_main(target) if target == regency.mainSite

on_main(target) if sites[target].kind == "primary"

deny contains {"rule": "backup-separation", "urn": urn, "message": msg} if {
	some [urn, job] in backup_jobs
	on_main(job.targetSite)
	msg := sprintf("backup %s/%s is kept on \"%s\", the data center it protects", [job.namespace, job.name, job.targetSite])
}

deny contains {"rule": "backup-separation", "urn": urn, "message": msg} if {
	some [urn, job] in backup_jobs
	not on_main(job.targetSite)
	sites[job.targetSite].operator != "custodian"
	msg := sprintf("backup %s/%s is kept on \"%s\", operated by %s, not by the custodian", [job.namespace, job.name, job.targetSite, sites[job.targetSite].operator])
}

repository_components := [r | some r in input.resources; r.type in {"regency:backup:BackupRepository", "regency:docker:BackupRepository"}]

repository_sites := {r.props.site | some r in repository_components}

deny contains {"rule": "backup-separation", "urn": c.urn, "message": msg} if {
	some c in repository_components
	not has_labelled_storage(c)
	msg := sprintf("repository server for \"%s\" creates no storage labelled for that site: where its copies live cannot be checked", [c.props.site])
}

has_labelled_storage(c) if {
	some [r, site, _] in backup_storage
	r.parent == c.urn
	site == c.props.site
}

deny contains {"rule": "backup-separation", "urn": urn, "message": msg} if {
	some [urn, job] in backup_jobs
	not on_main(job.targetSite)
	sites[job.targetSite].operator == "custodian"
	not job.targetSite in repository_sites
	msg := sprintf("backups go to \"%s\", but the stack creates no repository server there", [job.targetSite])
}

# Backup storage and the site it is meant for (claim labels, Docker volume labels).
backup_storage contains [r, site, r.props.metadata.name] if {
	some r in of_kind("PersistentVolumeClaim")
	site := object.get(r.props, ["metadata", "labels", "regency.go.id/backup-site"], null)
	site != null
}

backup_storage contains [r, l.value, r.props.name] if {
	some r in of_type("docker:index/volume:Volume")
	some l in object.get(r.props, "labels", [])
	l.label == "regency.go.id/backup-site"
}

site_of_provider := {c.props.provider: c.props.site.id | some c in centers; c.props.provider}

protects(site) := ", the data center it protects" if site == regency.mainSite

else := ""

expected_site(site) := regency.mainSite if sites[site].kind == "portable-media"

else := site

deny contains {"rule": "backup-separation", "urn": r.urn, "message": msg} if {
	some [r, site, name] in backup_storage
	not site_of_provider[object.get(r, ["provider", "urn"], "")]
	msg := sprintf("backup storage %s for \"%s\" is created through a provider of no data center of the custodian", [name, site])
}

deny contains {"rule": "backup-separation", "urn": r.urn, "message": msg} if {
	some [r, site, name] in backup_storage
	actual := site_of_provider[r.provider.urn]
	actual != expected_site(site)
	suffix := protects(actual)
	msg := sprintf("backup storage %s for \"%s\" is created on \"%s\"%s, not on \"%s\"", [name, site, actual, suffix, expected_site(site)])
}

deny contains {"rule": "backup-separation", "urn": r.urn, "message": msg} if {
	some [r, site, name] in backup_storage
	object.get(sites, [site, "kind"], null) != "portable-media"
	class := sites[regency.mainSite].storageClass
	object.get(r.props, ["spec", "storageClassName"], null) == class
	msg := sprintf("backup storage %s for \"%s\" uses the data center's own storage class %s", [name, site, class])
}

deny contains {"rule": "backup-separation", "urn": r.urn, "message": msg} if {
	some [r, site, name] in backup_storage
	r.retainOnDelete == false
	msg := sprintf("backup storage %s for \"%s\" is not retained on delete: `pulumi destroy` would delete the copies", [name, site])
}

# --- ip-numbering ---------------------------------------------------------------------------

planned := {s.name: s.cidr | some s in regency.segments}

used := array.concat(
	[u |
		some r in of_type("docker:index/network:Network")
		segments := array.concat([l.value | some l in object.get(r.props, "labels", []); l.label == "regency.go.id/segment"], ["(none)"])
		u := {"urn": r.urn, "label": sprintf("Docker network %s", [r.props.name]), "cidr": object.get(r.props, ["ipamConfigs", 0, "subnet"], null), "segment": segments[0], "whole": false}
	],
	[u |
		some r in of_kind("IPPool")
		u := {"urn": r.urn, "label": sprintf("IPPool %s", [r.props.metadata.name]), "cidr": object.get(r.props, ["spec", "cidr"], null), "segment": r.props.metadata.name, "whole": true}
	],
)

deny contains {"rule": "ip-numbering", "urn": u.urn, "message": sprintf("%s has no subnet from the IP plan", [u.label])} if {
	some u in used
	u.cidr == null
}

deny contains {"rule": "ip-numbering", "urn": u.urn, "message": sprintf("%s uses %s, outside the supernet %s", [u.label, u.cidr, regency.supernet])} if {
	some u in used
	u.cidr != null
	not net.cidr_contains(regency.supernet, u.cidr)
}

# A Docker network is one allowed flow numbered inside its segment; an IPPool is the whole segment.
off_plan(u) if not planned[u.segment]

off_plan(u) if {
	u.whole
	planned[u.segment] != u.cidr
}

off_plan(u) if {
	not u.whole
	not net.cidr_contains(planned[u.segment], u.cidr)
}

deny contains {"rule": "ip-numbering", "urn": u.urn, "message": msg} if {
	some u in used
	u.cidr != null
	net.cidr_contains(regency.supernet, u.cidr)
	off_plan(u)
	msg := sprintf("%s uses %s; the IP plan gives segment %s %s", [u.label, u.cidr, u.segment, object.get(planned, u.segment, "no range")])
}

# Pairwise, as one writes it in Rego (our engine sorts and sweeps). Which of the two carries
# the finding is the engines' own choice, so the bench compares overlaps by CIDR pair.
deny contains {"rule": "ip-numbering", "urn": used[j].urn, "message": sprintf("%s overlaps %s", [used[j].cidr, used[i].cidr])} if {
	some i, j
	used[i].cidr != null
	used[j].cidr != null
	i < j
	net.cidr_intersects(used[i].cidr, used[j].cidr)
}

deny contains {"rule": "ip-numbering", "urn": ns.urn, "message": msg} if {
	some ns in of_kind("Namespace")
	cidr := ns.props.metadata.annotations["regency.go.id/segment-cidr"]
	segment := object.get(ns.props.metadata, ["labels", "regency.go.id/segment"], null)
	object.get(planned, segment, null) != cidr
	msg := sprintf("namespace %s claims %s for segment %v, not in the IP plan", [ns.props.metadata.name, cidr, segment])
}

deny contains {"rule": "ip-numbering", "urn": c.urn, "message": msg} if {
	some c in of_type("docker:index/container:Container")
	some n in object.get(c.props, "networksAdvanced", [])
	is_string(n.name)
	not startswith(n.name, "regency-")
	msg := sprintf("container %s joins network \"%s\", not a segment of the IP plan", [c.props.name, n.name])
}
