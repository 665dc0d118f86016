#!/bin/sh
# Restores a database dump made by pg-backup.sh: the newest, or $BACKUP_FILE. Verifies the
# checksum and the archive's table of contents before touching the database.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env BACKUP_DIR BACKUP_NAME PGDATABASE
file=$(pick "$BACKUP_DIR" "$BACKUP_NAME" .dump)
[ -n "$file" ] || die "no backup of $BACKUP_NAME in $BACKUP_DIR"
verify "$BACKUP_DIR" "$file"
pg_restore --list "$BACKUP_DIR/$file" >/dev/null 2>&1 || die "$file is not a readable pg_dump archive; refusing to restore"
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$PGDATABASE" "$BACKUP_DIR/$file" || die "pg_restore of $file failed"
echo "backup: restored $file into $PGDATABASE"
