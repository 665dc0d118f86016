#!/bin/sh
# PostgreSQL's restore_command during point-in-time recovery: `sh /scripts/wal-restore.sh %f %p`.
# Fetches one archived WAL segment (restic authenticates it); a segment that was never archived makes
# it exit non-zero, which PostgreSQL reads as the end of the archive.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env WAL_TAG RESTIC_REPOSITORY
require_key
[ "$#" -eq 2 ] || die "usage: wal-restore.sh <file name> <path>"
restic_ dump --tag "$WAL_TAG" --path "/$1" latest "/$1" > "$2.partial" 2>/dev/null || { rm -f "$2.partial"; exit 1; }
mv "$2.partial" "$2"
