#!/bin/sh
# Runs at the target site, beside the repository server, with direct access to the repositories
# (the only place that can delete): applies each source's retention by time, prunes, and checks.
# $RETENTION_FILE has one line per source: `<repository> <tag> <daily> <weekly> <monthly> <yearly> [<within>]`
# (`within`, e.g. 8d: keep everything that recent — a database's archived WAL);
# each repository's key is the file $KEYS_DIR/<repository> (a mounted secret, never a command line).
# Snapshots of tags the file does not name (a decommissioned source) are never touched.
# Last, it prints the drill ledger of the site ($SITE): per source, how many snapshots it has and the
# span they cover, and its newest restore drills back to the newest that succeeded, one JSON line each
# after "drill-ledger: " in this job's log, where `regency drills --ledger` reads them.
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

# restic's `snapshots --json` (one array, oldest first) as "<id> <time>" lines.
ids_and_times() {
  sed 's/},{"time"/}\
{"time"/g' | sed -n 's/^\[\{0,1\}{"time":"\([^"]*\)".*"id":"\([0-9a-f]*\)".*$/\2 \1/p'
}
ledger() { # <repository> <tag>
  set -- "$1" "$2" -r "$REPOSITORY_ROOT/$1" --password-file "$KEYS_DIR/$1"
  repo=$1 tag=$2
  shift 2
  backups=$(restic_ "$@" snapshots --json --tag "$tag") || return 1
  backups=$(printf '%s\n' "$backups" | ids_and_times)
  count=$(printf '%s' "$backups" | grep -c . || true)
  first=$(printf '%s\n' "$backups" | head -n 1 | cut -d' ' -f2)
  last=$(printf '%s\n' "$backups" | tail -n 1 | cut -d' ' -f2)
  printf 'drill-ledger: {"type":"source","site":"%s","repository":"%s","source":"%s","snapshots":%s,"first":"%s","last":"%s"}\n' "${SITE:-}" "$repo" "$tag" "$count" "$first" "$last"
  drills=$(restic_ "$@" snapshots --json --tag "drill-$tag") || return 1
  # Newest first.
  drills=$(printf '%s\n' "$drills" | ids_and_times | awk '{ l[NR] = $1 "|" $2 } END { for (i = NR; i > 0; i--) print l[i] }')
  for d in $drills; do
    evidence=$(restic_ "$@" dump "${d%%|*}" /drill.json) || return 1
    printf 'drill-ledger: {"type":"drill","site":"%s","repository":"%s","snapshot":"%s","time":"%s",%s\n' "${SITE:-}" "$repo" "${d%%|*}" "${d#*|}" "${evidence#\{}"
    case "$evidence" in *'"result":"ok"'*) break ;; esac
  done
}
while read -r repo tag _; do
  if [ -z "$repo" ] || [ ! -d "$REPOSITORY_ROOT/$repo" ]; then continue; fi
  ledger "$repo" "$tag" </dev/null || { echo "backup: error: the drill ledger of $repo/$tag could not be read" >&2; failed=1; }
done < "$RETENTION_FILE"
[ "$failed" -eq 0 ] || die "maintenance failed for at least one repository (see above)"
