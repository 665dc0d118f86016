#!/bin/bash
# Brings a running Keycloak's realm in line with the generated one, with keycloak-config-cli's
# "managed" semantics (its docs/MANAGED.md): what the spec owns — clients and groups carrying the
# attribute regency.managed-by=regency-dc — is fully managed: created, updated in place (so a
# client's service account and a group's members survive) and, when the spec no longer declares
# it, deleted (REMOVED=delete, the default) or disabled with a new secret (REMOVED=disable, for
# a custodian who keeps records). Users, memberships and clients or groups made in Keycloak by hand
# are never touched. DRY_RUN=true prints what would change and changes nothing.
#
# Realm import at start-up (--import-realm) only creates a realm that does not exist yet; this job
# applies every later change through the admin API (kcadm).
#
# Secrets: the admin password reaches kcadm in its environment (KC_CLI_PASSWORD), never on a
# command line; client secrets are resolved into files of a private directory (0700, files 0600)
# that is removed on exit, with the kcadm session.
set -euo pipefail
: "${KEYCLOAK_URL:?}" "${REALM:?}" "${KC_ADMIN_USER:?}" "${KC_ADMIN_PASSWORD:?}"
SYNC_DIR=${SYNC_DIR:-/realm-sync}
KCADM=${KCADM:-/opt/keycloak/bin/kcadm.sh}
REMOVED=${REMOVED:-delete}
DRY_RUN=${DRY_RUN:-false}
case "$REMOVED" in delete | disable) ;; *)
  echo "realm-sync: REMOVED must be delete or disable, not \"$REMOVED\"" >&2
  exit 2
  ;;
esac

umask 077
WORK=$(mktemp -d "${TMPDIR:-/tmp}/realm-sync.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
CONFIG="$WORK/kcadm.config"
export KC_CLI_PASSWORD="$KC_ADMIN_PASSWORD"
kcadm() { "$KCADM" "$@" --config "$CONFIG"; }

# Does what it says, or only says it (dry run). kcadm's chatter ("Created new client …") is kept
# for when it fails.
change() {
  local what=$1
  shift
  if [ "$DRY_RUN" = true ]; then
    echo "realm-sync: would $what"
  elif "$@" >"$WORK/out" 2>&1; then
    echo "realm-sync: $what"
  else
    echo "realm-sync: could not $what:" >&2
    cat "$WORK/out" >&2
    return 1
  fi
}

# Reads kcadm's JSON of clients or groups (pretty-printed: a top-level field indented by two spaces,
# an attribute by four); sets ids[<name>]=<id> for every one and managed[<name>]=<id> for those
# carrying the marker attribute regency.managed-by=regency-dc. (Pure bash: the image has no jq.)
declare -A ids=() managed=()
index() {
  local name_field=$1 line id="" name=""
  ids=() managed=()
  while IFS= read -r line; do
    if [[ $line =~ ^\ \ \"id\"\ :\ \"([^\"]+)\" ]]; then
      id=${BASH_REMATCH[1]}
    elif [[ $line =~ ^\ \ \"$name_field\"\ :\ \"([^\"]+)\" ]]; then
      name=${BASH_REMATCH[1]}
      ids[$name]=$id
    elif [[ $line =~ ^\ \ \ \ \"regency\.managed-by\"\ :\ \[?\ *\"regency-dc\" ]]; then
      managed[$name]=$id
    elif [[ $line =~ ^\ \ \ \ \"regency\.opd\"\ : ]]; then
      managed[$name]=$id # made by an earlier regency-dc, before the marker: ours too
    fi
  done
}

# Client secrets are ${REALM_CLIENT_SECRET_…} placeholders; the import resolves them from the
# environment, the admin API does not, so resolve them here (bash only: the image has no envsubst).
resolve() {
  local text name
  text=$(<"$1")
  for name in $(compgen -e | grep '^REALM_CLIENT_SECRET_' || true); do
    text=${text//"\${$name}"/"${!name}"}
  done
  printf '%s' "$text" >"$2"
}

for attempt in $(seq 1 60); do
  if kcadm config credentials --server "$KEYCLOAK_URL" --realm master --user "$KC_ADMIN_USER" >/dev/null 2>&1; then
    break
  fi
  [ "$attempt" -lt 60 ] || {
    echo "realm-sync: Keycloak at $KEYCLOAK_URL did not answer" >&2
    exit 1
  }
  sleep 5
done

if ! kcadm get "realms/$REALM" >/dev/null 2>&1; then
  resolve "$SYNC_DIR/realm.json" "$WORK/realm.json"
  change "create realm $REALM" kcadm create realms -f "$WORK/realm.json"
  exit 0
fi

# Clients: the spec's, created or updated in place; managed ones it no longer declares, removed.
index clientId < <(kcadm get clients -r "$REALM" -q max=100000)
admin_client=${ids[realm-management]:-}
declare -A declared=()
conflicts=0
for file in "$SYNC_DIR"/client-*.json; do
  [ -e "$file" ] || continue
  client_id=$(basename "$file" .json)
  client_id=${client_id#client-}
  declared[$client_id]=1
  resolve "$file" "$WORK/client.json"
  if [ -n "${ids[$client_id]:-}" ] && [ -z "${managed[$client_id]:-}" ]; then
    # Someone else's client (made by hand, or one of Keycloak's own): never overwritten.
    echo "realm-sync: client $client_id exists and is not the spec's (no regency.managed-by): left as it is; rename the application or remove that client" >&2
    conflicts=$((conflicts + 1))
  elif [ -n "${ids[$client_id]:-}" ]; then
    change "update client $client_id" kcadm update "clients/${ids[$client_id]}" -r "$REALM" -f "$WORK/client.json"
  else
    change "create client $client_id" kcadm create clients -r "$REALM" -f "$WORK/client.json"
  fi
done
for client_id in "${!managed[@]}"; do
  [ -z "${declared[$client_id]:-}" ] || continue
  id=${managed[$client_id]}
  if [ "$REMOVED" = delete ]; then
    change "delete client $client_id (no longer in the spec)" kcadm delete "clients/$id" -r "$REALM"
  else
    change "disable client $client_id (no longer in the spec)" kcadm update "clients/$id" -r "$REALM" -s enabled=false
    change "rotate the secret of client $client_id" kcadm create "clients/$id/client-secret" -r "$REALM"
  fi
done

# Roles and new groups (with their role mappings) by partial import; existing groups keep their
# members and get the spec's attributes; managed groups the spec no longer declares, removed.
change "add missing groups and roles" \
  kcadm create partialImport -r "$REALM" -s ifResourceExists=SKIP -o -f "$SYNC_DIR/groups-roles.json"
index name < <(kcadm get groups -r "$REALM" -q briefRepresentation=false -q max=100000)
declare -A groups=()
for file in "$SYNC_DIR"/group-*.json; do
  [ -e "$file" ] || continue
  name=$(basename "$file" .json)
  name=${name#group-}
  groups[$name]=1
  # A group just imported above already has the spec's attributes (in a dry run it would).
  [ -n "${ids[$name]:-}" ] || continue
  change "update group $name" kcadm update "groups/${ids[$name]}" -r "$REALM" -f "$file"
done
for name in "${!managed[@]}"; do
  [ -z "${groups[$name]:-}" ] || continue
  if [ "$REMOVED" = delete ]; then
    change "delete group $name (no longer in the spec)" kcadm delete "groups/${managed[$name]}" -r "$REALM"
  else
    echo "realm-sync: group $name is no longer in the spec (kept: removed is disable)"
  fi
done

# Who can administer what: the users and groups holding realm-management's administrative roles
# (in the job's log, at every sync: the custodian's audit trail of its SSO).
join() {
  local IFS=,
  echo "${*:-none}"
}
if [ -n "$admin_client" ]; then
  for role in realm-admin manage-users manage-clients; do
    mapfile -t users < <(kcadm get "clients/$admin_client/roles/$role/users" -r "$REALM" --fields username --format csv --noquotes)
    mapfile -t holders < <(kcadm get "clients/$admin_client/roles/$role/groups" -r "$REALM" --fields name --format csv --noquotes)
    echo "realm-sync: audit: $role of realm $REALM: users $(join "${users[@]}"); groups $(join "${holders[@]}")"
  done
fi

if [ "$conflicts" -gt 0 ]; then
  echo "realm-sync: $conflicts client(s) of the spec belong to someone else: see above" >&2
  exit 1
fi
if [ "$DRY_RUN" = true ]; then
  echo "realm-sync: dry run: realm $REALM not changed"
else
  echo "realm-sync: realm $REALM is up to date"
fi
