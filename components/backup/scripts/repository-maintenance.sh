#!/bin/sh
# Runs at the target site, beside the repository server, with direct access to the repositories
# (the only place that can delete): applies each source's retention by time, prunes, and checks.
# $RETENTION_FILE has one line per source: `<repository> <tag> <daily> <weekly> <monthly> <yearly> [<within>]`
# (`within`, e.g. 8d: keep everything that recent — a database's archived WAL);
# each repository's key is the file $KEYS_DIR/<repository> (a mounted secret, never a command line).
# Snapshots of tags the file does not name (a decommissioned source) are never touched.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env REPOSITORY_ROOT RETENTION_FILE KEYS_DIR
[ -f "$RETENTION_FILE" ] || die "retention file $RETENTION_FILE does not exist"
failed=0
repositories=$(cut -d' ' -f1 "$RETENTION_FILE" | sort -u)
while read -r repo tag daily weekly monthly yearly within; do
  [ -n "$repo" ] || continue
  set -- --keep-daily "$daily" --keep-weekly "$weekly" --keep-monthly "$monthly" --keep-yearly "$yearly"
  [ -z "$within" ] || set -- "$@" --keep-within "$within"
  [ -d "$REPOSITORY_ROOT/$repo" ] || { echo "backup: $repo has no repository yet"; continue; }
  if ! restic_ -r "$REPOSITORY_ROOT/$repo" --password-file "$KEYS_DIR/$repo" forget --quiet --tag "$tag" --group-by tags "$@"; then
    echo "backup: error: retention of $repo/$tag failed" >&2
    failed=1
  fi
done < "$RETENTION_FILE"
for repo in $repositories; do
  [ -d "$REPOSITORY_ROOT/$repo" ] || continue
  if restic_ -r "$REPOSITORY_ROOT/$repo" --password-file "$KEYS_DIR/$repo" prune --quiet &&
    restic_ -r "$REPOSITORY_ROOT/$repo" --password-file "$KEYS_DIR/$repo" check --quiet --read-data-subset="${CHECK_READ_DATA:-10%}"; then
    echo "backup: $repo pruned and checked"
  else
    echo "backup: error: prune or check of $repo failed" >&2
    failed=1
  fi
done
[ "$failed" -eq 0 ] || die "maintenance failed for at least one repository (see above)"
