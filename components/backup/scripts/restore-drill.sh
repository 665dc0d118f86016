#!/bin/sh
# A restore drill: restores the newest snapshot of $BACKUP_NAME into a scratch place, checks it and
# records the evidence (when, what, how long, the result) as a snapshot tagged drill-$BACKUP_NAME in
# the same append-only repository, where it cannot be erased from here. Never touches live data:
# a database goes into a scratch database `<database>_drill` that is dropped after; a volume into a
# scratch directory. A failed drill is recorded too, and exits 1.
#   BACKUP_KIND=postgres: the dump must list, restore in one transaction, and answer a row count per table.
#   BACKUP_KIND=files: restic verifies every restored byte; file count and bytes must match the snapshot.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env BACKUP_NAME BACKUP_KIND RESTIC_REPOSITORY
require_key
scratch=$(mktemp -d "${TMPDIR:-/tmp}/drill.XXXXXX")
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t0=$(date +%s)
result=ok
detail=""
fail() { result=failed; detail=$1; }

drill_postgres() {
  require_env PGDATABASE
  restic_ dump --tag "$BACKUP_NAME" latest "/$BACKUP_NAME.dump" > "$scratch/db.dump" 2>"$scratch/err" || { fail "reading the newest snapshot failed: $(tail -n 1 "$scratch/err")"; return; }
  pg_restore --list "$scratch/db.dump" > "$scratch/toc" 2>/dev/null || { fail "the dump is not a readable pg_dump archive"; return; }
  drill_db="${PGDATABASE}_drill"
  psql -X -q -v ON_ERROR_STOP=1 -d "$PGDATABASE" -c "DROP DATABASE IF EXISTS \"$drill_db\"" -c "CREATE DATABASE \"$drill_db\"" >/dev/null 2>"$scratch/err" || { fail "creating the scratch database failed: $(tail -n 1 "$scratch/err")"; return; }
  if pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$drill_db" "$scratch/db.dump" 2>"$scratch/err"; then
    # A row count per table: every table answers a query.
    if counts=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$drill_db" -c "SELECT count(*) || ' tables' FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')" 2>"$scratch/err") &&
      rows=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$drill_db" -c "SELECT coalesce(sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname, tablename), false, true, '')))[1]::text::bigint), 0) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')" 2>"$scratch/err"); then
      detail="$counts, $rows rows"
    else
      fail "probing the restored database failed: $(tail -n 1 "$scratch/err")"
    fi
  else
    fail "pg_restore into the scratch database failed: $(tail -n 1 "$scratch/err")"
  fi
  psql -X -q -d "$PGDATABASE" -c "DROP DATABASE IF EXISTS \"$drill_db\"" >/dev/null 2>&1 || true
}

drill_files() {
  listing=$(restic_ ls --json --tag "$BACKUP_NAME" latest 2>"$scratch/err") || { fail "listing the newest snapshot failed: $(tail -n 1 "$scratch/err")"; return; }
  expected=$(printf '%s\n' "$listing" | grep -c '"type":"file"' || true)
  source_path=$(printf '%s\n' "$listing" | snapshot_path)
  restic_ restore --quiet --verify --tag "$BACKUP_NAME" --target "$scratch/restored" "latest:$source_path" 2>"$scratch/err" || { fail "restoring failed: $(tail -n 1 "$scratch/err")"; return; }
  got=$(find "$scratch/restored" -type f | wc -l | tr -d ' ')
  bytes=$(find "$scratch/restored" -type f -exec cat {} + | wc -c | tr -d ' ')
  [ "$got" -eq "$expected" ] || { fail "restored $got files, the snapshot lists $expected"; return; }
  detail="$got files, $bytes bytes, verified"
}

case "$BACKUP_KIND" in
  postgres) drill_postgres ;;
  files) drill_files ;;
  *) die "BACKUP_KIND must be postgres or files" ;;
esac
seconds=$(( $(date +%s) - t0 ))
evidence=$(printf '{"source":"%s","kind":"%s","startedAt":"%s","seconds":%s,"result":"%s","detail":"%s"}' \
  "$BACKUP_NAME" "$BACKUP_KIND" "$started" "$seconds" "$result" "$(printf '%s' "$detail" | tr -d '\042\134')")
printf '%s\n' "$evidence" > "$scratch/evidence.json"
rm -rf "$scratch/restored" "$scratch/db.dump"
restic_ backup --quiet --tag "drill-$BACKUP_NAME" --host "${BACKUP_HOST:-regency}" --stdin-from-command --stdin-filename drill.json -- cat "$scratch/evidence.json" ||
  echo "backup: warning: the evidence could not be recorded in $RESTIC_REPOSITORY" >&2
rm -rf "$scratch"
echo "drill: $evidence"
[ "$result" = ok ] || die "restore drill of $BACKUP_NAME failed: $detail"
