#!/bin/sh
# PostgreSQL's archive_command: `sh /scripts/wal-archive.sh %p %f`. Stores one WAL segment as a snapshot
# (tag $WAL_TAG) in the database's repository on the target site's append-only server. Any failure
# exits non-zero: PostgreSQL keeps the segment and tries again, so nothing is lost while the server is
# unreachable. Repository settings come from the environment, as for the backup jobs.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env WAL_TAG RESTIC_REPOSITORY
require_key
[ "$#" -eq 2 ] || die "usage: wal-archive.sh <path> <file name>"
[ -f "$1" ] || die "WAL segment $1 does not exist"
archive() { RETRY_LOCK=${RETRY_LOCK:-30s} restic_ backup --quiet --tag "$WAL_TAG" --host "${BACKUP_HOST:-regency}" --stdin-from-command --stdin-filename "$2" -- cat "$1" 2>/dev/null; }
# The repository may not exist yet (before the first base backup): create it, then try once more.
archive "$1" "$2" || { ensure_repository >/dev/null && archive "$1" "$2"; } || die "archiving WAL segment $2 into $RESTIC_REPOSITORY failed; PostgreSQL keeps it and retries"
