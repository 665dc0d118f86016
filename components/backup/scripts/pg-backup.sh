#!/bin/sh
# Dumps one PostgreSQL database in custom format, seals it with a sha256 file, keeps the newest
# $RETENTION. Connection from the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env BACKUP_DIR BACKUP_NAME RETENTION PGDATABASE
mkdir -p "$BACKUP_DIR"
stamp=$(fresh_stamp "$BACKUP_DIR" "$BACKUP_NAME" .dump)
final="$BACKUP_NAME-$stamp.dump"
partial=".$final.partial"
trap 'rm -f "$BACKUP_DIR/$partial"' EXIT
pg_dump --format=custom --no-owner --no-privileges --file="$BACKUP_DIR/$partial" || die "pg_dump of $PGDATABASE failed"
seal "$BACKUP_DIR" "$partial" "$final"
echo "backup: wrote $BACKUP_DIR/$final ($(wc -c < "$BACKUP_DIR/$final") bytes)"
prune "$BACKUP_DIR" "$BACKUP_NAME" .dump "$RETENTION"
