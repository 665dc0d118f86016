#!/bin/sh
# Dumps one PostgreSQL database into the restic repository: custom format without compression (restic
# deduplicates and compresses), streamed, never a file. A failed pg_dump leaves no snapshot. Then reads
# back part of the repository. Connection from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env BACKUP_NAME RESTIC_REPOSITORY PGDATABASE
require_key
ensure_repository
restic_ backup --quiet --tag "$BACKUP_NAME" --host "${BACKUP_HOST:-regency}" \
  --stdin-from-command --stdin-filename "$BACKUP_NAME.dump" -- \
  pg_dump --format=custom --compress=0 --no-owner --no-privileges ||
  die "pg_dump of $PGDATABASE into $RESTIC_REPOSITORY failed; no snapshot was kept"
echo "backup: $PGDATABASE saved as $BACKUP_NAME.dump in $RESTIC_REPOSITORY"
# A database with point-in-time recovery also gets a base backup here, for its archived WAL to replay
# onto; its read-back then checks the repository after both writes (one check, not two).
if [ -n "${BASE_TAG:-}" ]; then
  exec sh "$(dirname "$0")/pg-basebackup.sh"
fi
check_repository
