#!/bin/sh
# Point-in-time recovery into a NEW data directory ($TARGET_PGDATA, which must not exist): the newest
# base backup taken before $RECOVERY_TARGET_TIME (UTC, `YYYY-MM-DD HH:MM:SS`; empty = the end of the
# archive), extracted into a staging directory, then configured to replay the archived WAL up to that
# moment and promote. The live data directory is never touched: start PostgreSQL on the new one,
# check it, then swap. A failure leaves no half-made directory behind.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env BASE_TAG WAL_TAG RESTIC_REPOSITORY TARGET_PGDATA
require_key
[ ! -e "$TARGET_PGDATA" ] || die "$TARGET_PGDATA exists: recovery writes a new data directory, never over one"
target=${RECOVERY_TARGET_TIME:-}
# Base backups as "<date> <time> <id>" in UTC, oldest first; the newest one not after the target.
base=$(TZ=UTC restic_ snapshots --compact --tag "$BASE_TAG" 2>/dev/null |
  sed -n 's/^\([0-9a-f]\{8\}\) \{1,\}\([0-9-]\{10\}\) \([0-9:]\{8\}\) .*/\2 \3 \1/p' |
  awk -v t="$target" 't == "" || ($1 " " $2) <= t' | tail -n 1 | cut -d' ' -f3)
[ -n "$base" ] || die "no base backup of $BASE_TAG${target:+ before $target} in $RESTIC_REPOSITORY"
staging="$TARGET_PGDATA.partial.$$"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging"
chmod 700 "$staging"
restic_ dump "$base" /base.tar | tar -x -C "$staging" || die "extracting base backup $base failed; nothing was written to $TARGET_PGDATA"
here=$(cd "$(dirname "$0")" && pwd)
{
  echo "# point-in-time recovery (pg-pitr-restore.sh, base $base)"
  echo "restore_command = 'sh $here/wal-restore.sh %f %p'"
  [ -z "$target" ] || echo "recovery_target_time = '$target+00'"
  echo "recovery_target_action = 'promote'"
} >> "$staging/postgresql.auto.conf"
touch "$staging/recovery.signal"
mv "$staging" "$TARGET_PGDATA"
echo "backup: $TARGET_PGDATA prepared from base $base${target:+, to replay until $target UTC}; start PostgreSQL on it"
