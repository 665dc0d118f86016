#!/bin/sh
# Shared by the backup, restore and maintenance scripts (POSIX sh; GNU or busybox coreutils).
# Copies live in a restic repository (encrypted with AES-256, authenticated, deduplicated). A job
# reaches it through the target site's append-only repository server with its own user, so the job's
# credentials can add snapshots but never delete or rewrite one; retention runs at the target site
# (repository-maintenance.sh). Secrets come from the environment (RESTIC_PASSWORD, RESTIC_REST_PASSWORD,
# PGPASSWORD) or, on Docker, from files of mode 0400 (RESTIC_PASSWORD_FILE, PGPASSFILE); never from a
# command line.

die() {
  echo "backup: error: $*" >&2
  exit 1
}

require_env() {
  for name in "$@"; do
    eval "value=\${$name:-}"
    [ -n "$value" ] || die "environment variable $name is required"
  done
}

# The repository key, from the environment or a file (restic reads either).
require_key() {
  [ -n "${RESTIC_PASSWORD:-}" ] || [ -n "${RESTIC_PASSWORD_FILE:-}" ] || die "environment variable RESTIC_PASSWORD (or RESTIC_PASSWORD_FILE) is required"
}

RESTIC=${RESTIC:-restic}
export RESTIC_CACHE_DIR="${RESTIC_CACHE_DIR:-${TMPDIR:-/tmp}/restic-cache}"

# restic, waiting up to $RETRY_LOCK for a lock another job holds (a check, a prune, WAL archiving)
# rather than failing at once: jobs of one repository overlap by design.
restic_() {
  "$RESTIC" --retry-lock "${RETRY_LOCK:-5m}" "$@"
}

# Creates the repository on first use. A repository that exists is never touched: an unreadable one
# (wrong key, corrupted config) stops the job here.
ensure_repository() {
  if ! restic_ cat config >/dev/null 2>"${TMPDIR:-/tmp}/restic-config.err"; then
    if grep -qi "wrong password\|no key found" "${TMPDIR:-/tmp}/restic-config.err"; then
      die "the repository key is wrong for $RESTIC_REPOSITORY; nothing was written"
    fi
    restic_ init >/dev/null 2>&1 || die "repository $RESTIC_REPOSITORY can be neither read nor created: $(tail -n 1 "${TMPDIR:-/tmp}/restic-config.err")"
    echo "backup: created repository $RESTIC_REPOSITORY"
  fi
}

# Reads back a random part of the repository's data after each run (restic check --read-data-subset).
check_repository() {
  check_errors="${TMPDIR:-/tmp}/restic-check.$$.err"
  if ! restic_ check --read-data-subset="${CHECK_READ_DATA:-5%}" >/dev/null 2>"$check_errors"; then
    if grep -qi "lock" "$check_errors"; then
      rm -f "$check_errors"
      die "restic check of $RESTIC_REPOSITORY could not run: the repository stayed locked by another job for ${RETRY_LOCK:-5m}"
    fi
    rm -f "$check_errors"
    die "restic check of $RESTIC_REPOSITORY failed after the backup: the repository is damaged"
  fi
  rm -f "$check_errors"
}

# The directory a snapshot was taken of (a volume's snapshot has one), from restic's JSON on stdin.
snapshot_path() {
  sed -n 's/.*"paths":\["\([^"]*\)".*/\1/p' | head -n 1
}

# The snapshot to restore: $BACKUP_SNAPSHOT, or the newest of this source.
snapshot_of() {
  if [ -n "${BACKUP_SNAPSHOT:-}" ]; then echo "$BACKUP_SNAPSHOT"; else echo latest; fi
}
