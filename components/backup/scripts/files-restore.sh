#!/bin/sh
# Restores a file volume from the restic repository into $TARGET_DIR: the newest snapshot of
# $BACKUP_NAME, or $BACKUP_SNAPSHOT. Restores into a staging directory on the target's own file system
# and verifies what was written (restic restore --verify); only a complete, verified restore replaces
# the live files, and they are deleted only once the restored ones are in place. A failed restore (no
# space, a damaged repository, a wrong key) leaves them as they were.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env BACKUP_NAME TARGET_DIR RESTIC_REPOSITORY
require_key
snapshot=$(snapshot_of)
# The directory the snapshot was taken of (one path per snapshot of a volume).
source_path=$(restic_ snapshots --json --tag "$BACKUP_NAME" "$snapshot" 2>/dev/null | snapshot_path)
[ -n "$source_path" ] || die "no snapshot $snapshot of $BACKUP_NAME in $RESTIC_REPOSITORY (or the key is wrong); $TARGET_DIR is unchanged"
mkdir -p "$TARGET_DIR"
# Staging inside the target: the same file system (a volume is often its own mount), so moves are renames.
work="$TARGET_DIR/.regency-restore.$$"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/new" "$work/old"
restic_ restore --quiet --verify --tag "$BACKUP_NAME" --target "$work/new" "$snapshot:$source_path" ||
  die "restoring $BACKUP_NAME ($snapshot) failed; $TARGET_DIR is unchanged"
# Every entry of a directory, dot files included, but not . and .. (POSIX sh globs).
entries() { for e in "$1"/* "$1"/.[!.]* "$1"/..?*; do [ -e "$e" ] || [ -L "$e" ] || continue; echo "$e"; done; }
entries "$TARGET_DIR" | while IFS= read -r e; do
  [ "$e" = "$work" ] || mv "$e" "$work/old/" || die "moving $e aside failed; the live files are under $work/old"
done
entries "$work/new" | while IFS= read -r e; do
  mv "$e" "$TARGET_DIR/" || die "moving the restored $e into place failed; the live files are under $work/old"
done
echo "backup: restored $BACKUP_NAME ($snapshot) into $TARGET_DIR"
