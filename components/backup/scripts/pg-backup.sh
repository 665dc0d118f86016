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
failed="$BACKUP_DIR/.$final.failed"
hash="$BACKUP_DIR/.$final.sha256sum"
trap 'rm -f "$BACKUP_DIR/$partial" "$failed" "$hash"' EXIT
# The checksum is taken while the dump streams (on another core) instead of reading the dump
# again afterwards; a failure anywhere in the pipe is recorded, since sh keeps only the last status.
{ pg_dump --format=custom --no-owner --no-privileges || echo pg_dump >> "$failed"; } |
  { tee "$BACKUP_DIR/$partial" || echo "writing $partial" >> "$failed"; } |
  sha256sum > "$hash" || echo sha256sum >> "$failed"
[ ! -e "$failed" ] || die "pg_dump of $PGDATABASE failed ($(tr '\n' ' ' < "$failed"))"
seal "$BACKUP_DIR" "$partial" "$final" "$(cut -d' ' -f1 < "$hash")"
echo "backup: wrote $BACKUP_DIR/$final ($(wc -c < "$BACKUP_DIR/$final") bytes)"
prune "$BACKUP_DIR" "$BACKUP_NAME" .dump "$RETENTION"
