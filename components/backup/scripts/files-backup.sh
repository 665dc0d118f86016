#!/bin/sh
# Backs up a file volume ($SOURCE_DIR) into the restic repository, then reads back part of it.
# A busy volume is fine: a file that changes while read is stored as read, and a file deleted between
# listing and reading is skipped with a warning (restic exit 3); any other read error fails the job.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env SOURCE_DIR BACKUP_NAME RESTIC_REPOSITORY
require_key
[ -d "$SOURCE_DIR" ] || die "source directory $SOURCE_DIR does not exist"
ensure_repository
errors="${TMPDIR:-/tmp}/files-backup.$$.err"
trap 'rm -f "$errors"' EXIT
status=0
restic_ backup --quiet --tag "$BACKUP_NAME" --host "${BACKUP_HOST:-regency}" "$SOURCE_DIR" 2> "$errors" || status=$?
if [ "$status" -eq 3 ]; then
  # Incomplete snapshot: acceptable only if every unreadable file had vanished (deleted while the job ran).
  if grep -v -i "no such file or directory" "$errors" | grep -q -i "error"; then
    cat "$errors" >&2
    die "some files of $SOURCE_DIR could not be read"
  fi
  echo "backup: warning: files deleted during the backup were skipped: $(grep -c -i 'no such file' "$errors")" >&2
elif [ "$status" -ne 0 ]; then
  cat "$errors" >&2
  die "backing up $SOURCE_DIR into $RESTIC_REPOSITORY failed"
fi
check_repository
echo "backup: $SOURCE_DIR saved as $BACKUP_NAME in $RESTIC_REPOSITORY"
