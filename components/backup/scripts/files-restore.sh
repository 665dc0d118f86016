#!/bin/sh
# Restores a file volume from the restic repository into $TARGET_DIR: the newest snapshot of
# $BACKUP_NAME, or $BACKUP_SNAPSHOT. Restores into a staging directory on the target's own file system
# and verifies what was written (restic restore --verify); only a complete, verified restore replaces
# the live files, and they are deleted only once every restored one is in place. A failed restore (no
# space, a damaged repository, a wrong key) or a failed swap leaves them as they were; if even putting
# them back fails, they are kept where the error says.
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
# On exit only the restored copy and empty staging go; live files set aside in $work/old never do.
trap 'rm -rf "$work/new"; rmdir "$work/old" "$work" 2>/dev/null || true' EXIT
mkdir -p "$work/new" "$work/old"
restic_ restore --quiet --verify --tag "$BACKUP_NAME" --target "$work/new" "$snapshot:$source_path" ||
  die "restoring $BACKUP_NAME ($snapshot) failed; $TARGET_DIR is unchanged"

# Moves every entry of $1 but the staging directory into $2: globs, so any file name, dot files
# included (not . and ..); stops at the first failure.
move_entries() {
  for e in "$1"/* "$1"/.[!.]* "$1"/..?*; do
    [ -e "$e" ] || [ -L "$e" ] || continue
    [ "$e" = "$work" ] && continue
    mv "$e" "$2/" || return 1
  done
}
kept() { die "$1; putting the live files back failed too: they are kept under $work/old"; }
if ! move_entries "$TARGET_DIR" "$work/old"; then
  move_entries "$work/old" "$TARGET_DIR" || kept "moving the live files aside failed"
  die "moving the live files aside failed; $TARGET_DIR is unchanged"
fi
if ! move_entries "$work/new" "$TARGET_DIR"; then
  { move_entries "$TARGET_DIR" "$work/new" && move_entries "$work/old" "$TARGET_DIR"; } || kept "moving the restored files into place failed"
  die "moving the restored files into place failed; $TARGET_DIR is unchanged"
fi
rm -rf "$work"
echo "backup: restored $BACKUP_NAME ($snapshot) into $TARGET_DIR"
