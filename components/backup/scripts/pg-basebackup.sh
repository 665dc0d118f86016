#!/bin/sh
# A base backup for point-in-time recovery: pg_basebackup's tar (with the WAL it needs) streamed into
# the database's repository (tag $BASE_TAG), then a partial read-back. Runs beside PostgreSQL, where
# the replication connection is allowed (PGHOST 127.0.0.1 or the socket).
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env BASE_TAG RESTIC_REPOSITORY
require_key
ensure_repository
restic_ backup --quiet --tag "$BASE_TAG" --host "${BACKUP_HOST:-regency}" --stdin-from-command --stdin-filename base.tar -- \
  pg_basebackup --pgdata=- --format=tar --wal-method=fetch --checkpoint=fast --no-password ||
  die "pg_basebackup into $RESTIC_REPOSITORY failed; no snapshot was kept"
check_repository
echo "backup: base backup saved as base.tar ($BASE_TAG) in $RESTIC_REPOSITORY"
