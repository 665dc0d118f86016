#!/bin/bash
# Brings a running Keycloak's realm in line with the generated one. Realm import at start-up
# (--import-realm) only creates a realm that does not exist yet; afterwards this job applies
# changes through the admin API: each client is updated in place (new redirect URIs, secrets,
# flags) or created, so its service account survives (a partial-import OVERWRITE would delete
# it); groups and roles are only added (partial import, SKIP), so memberships survive.
set -euo pipefail
: "${KEYCLOAK_URL:?}" "${REALM:?}" "${KC_ADMIN_USER:?}" "${KC_ADMIN_PASSWORD:?}"
SYNC_DIR=${SYNC_DIR:-/realm-sync}
KCADM=${KCADM:-/opt/keycloak/bin/kcadm.sh}
CONFIG=$(mktemp)

# Client secrets are ${REALM_CLIENT_SECRET_…} placeholders; the import resolves them from the
# environment, the admin API does not, so resolve them here (bash only: the image has no envsubst).
resolve() {
  local text name
  text=$(<"$1")
  for name in $(compgen -e | grep '^REALM_CLIENT_SECRET_' || true); do
    text=${text//"\${$name}"/"${!name}"}
  done
  printf '%s' "$text" > "$2"
}

for attempt in $(seq 1 60); do
  if "$KCADM" config credentials --config "$CONFIG" --server "$KEYCLOAK_URL" --realm master \
      --user "$KC_ADMIN_USER" --password "$KC_ADMIN_PASSWORD" >/dev/null 2>&1; then
    break
  fi
  [ "$attempt" -lt 60 ] || { echo "realm-sync: Keycloak at $KEYCLOAK_URL did not answer" >&2; exit 1; }
  sleep 5
done

if ! "$KCADM" get "realms/$REALM" --config "$CONFIG" >/dev/null 2>&1; then
  resolve "$SYNC_DIR/realm.json" /tmp/realm.json
  "$KCADM" create realms --config "$CONFIG" -f /tmp/realm.json
  echo "realm-sync: created realm $REALM"
  exit 0
fi
for file in "$SYNC_DIR"/client-*.json; do
  client_id=$(basename "$file" .json)
  client_id=${client_id#client-}
  resolve "$file" /tmp/client.json
  id=$("$KCADM" get clients --config "$CONFIG" -r "$REALM" -q clientId="$client_id" --fields id --format csv --noquotes)
  if [ -n "$id" ]; then
    "$KCADM" update "clients/$id" --config "$CONFIG" -r "$REALM" -f /tmp/client.json
  else
    "$KCADM" create clients --config "$CONFIG" -r "$REALM" -f /tmp/client.json >/dev/null
    echo "realm-sync: created client $client_id"
  fi
done
rm -f /tmp/client.json
"$KCADM" create partialImport --config "$CONFIG" -r "$REALM" -s ifResourceExists=SKIP -o -f "$SYNC_DIR/groups-roles.json" >/dev/null
echo "realm-sync: realm $REALM is up to date"
