#!/bin/sh
# Backs up a file volume ($SOURCE_DIR) into the restic repository, then reads back part of it.
# A busy volume is fine: a file deleted between listing and reading is skipped with a warning (restic
# exit 3); any other read error fails the job. A file written while the volume is read could be stored
# torn, so the job checks for files modified during the pass and, if any, makes another pass (restic
# re-reads only what changed) until one pass sees no change — a snapshot of a settled volume — or
# $SETTLE_PASSES passes (default 3) have run, when it says how many files were still changing.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env SOURCE_DIR BACKUP_NAME RESTIC_REPOSITORY
require_key
[ -d "$SOURCE_DIR" ] || die "source directory $SOURCE_DIR does not exist"
ensure_repository
errors="${TMPDIR:-/tmp}/files-backup.$$.err"
marker="${TMPDIR:-/tmp}/files-backup.$$.pass"
trap 'rm -f "$errors" "$marker"' EXIT
pass=0
while :; do
  pass=$((pass + 1))
  # Files modified after this moment were written while the pass read the volume.
  touch "$marker"
  sleep 1 # the marker's time and a write in the same second must not be confused (coarse mtimes)
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
  changing=$(find "$SOURCE_DIR" -type f -newer "$marker" 2>/dev/null | wc -l | tr -d ' ')
  [ "$changing" -gt 0 ] || break
  if [ "$pass" -ge "${SETTLE_PASSES:-3}" ]; then
    echo "backup: warning: $SOURCE_DIR did not settle: $changing file(s) still changed during pass $pass; the newest snapshot holds them as read" >&2
    break
  fi
  echo "backup: $changing file(s) changed during pass $pass; reading again"
done
check_repository
echo "backup: $SOURCE_DIR saved as $BACKUP_NAME in $RESTIC_REPOSITORY ($pass pass(es))"
