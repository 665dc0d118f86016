#!/bin/sh
# Restores a database from the restic repository: the newest snapshot of $BACKUP_NAME, or
# $BACKUP_SNAPSHOT. The dump is read out completely (restic authenticates every byte) and its table of
# contents checked before the database is touched; the restore is one transaction, so a failure
# leaves the database as it was.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env BACKUP_NAME RESTIC_REPOSITORY PGDATABASE
require_key
scratch=$(mktemp -d "${TMPDIR:-/tmp}/pg-restore.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
snapshot=$(snapshot_of)
restic_ dump --tag "$BACKUP_NAME" "$snapshot" "/$BACKUP_NAME.dump" > "$scratch/db.dump" 2> "$scratch/err" ||
  die "reading $BACKUP_NAME ($snapshot) from $RESTIC_REPOSITORY failed: $(tail -n 1 "$scratch/err"); the database is untouched"
pg_restore --list "$scratch/db.dump" >/dev/null 2>&1 || die "$BACKUP_NAME ($snapshot) is not a readable pg_dump archive; the database is untouched"
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$PGDATABASE" "$scratch/db.dump" || die "pg_restore of $BACKUP_NAME ($snapshot) failed and was rolled back; the database is as it was"
echo "backup: restored $BACKUP_NAME ($snapshot) into $PGDATABASE"
