#!/bin/sh
# Restores a file volume archive made by files-backup.sh into $TARGET_DIR: the newest, or $BACKUP_FILE.
# Verifies the checksum and the whole archive, then extracts into a staging directory on the target's
# own file system; only a complete extraction replaces the live files, and the live files are deleted
# only once the restored ones are in place. A failed restore (no space, a bad entry) leaves them as
# they were.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env BACKUP_DIR BACKUP_NAME TARGET_DIR
file=$(pick "$BACKUP_DIR" "$BACKUP_NAME" .tar.gz)
[ -n "$file" ] || die "no backup of $BACKUP_NAME in $BACKUP_DIR"
verify "$BACKUP_DIR" "$file"
tar -tzf "$BACKUP_DIR/$file" >/dev/null 2>&1 || die "$file is not a readable archive; refusing to restore"
mkdir -p "$TARGET_DIR"
# Staging inside the target: the same file system (a volume is often its own mount), so moves are renames.
work="$TARGET_DIR/.regency-restore.$$"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/new" "$work/old"
tar -C "$work/new" -xzf "$BACKUP_DIR/$file" || die "extracting $file failed; $TARGET_DIR is unchanged"
# Every entry of a directory, dot files included, but not . and .. (POSIX sh globs).
entries() { for e in "$1"/* "$1"/.[!.]* "$1"/..?*; do [ -e "$e" ] || [ -L "$e" ] || continue; echo "$e"; done; }
entries "$TARGET_DIR" | while IFS= read -r e; do
  [ "$e" = "$work" ] || mv "$e" "$work/old/" || die "moving $e aside failed; the live files are under $work/old"
done
entries "$work/new" | while IFS= read -r e; do
  mv "$e" "$TARGET_DIR/" || die "moving the restored $e into place failed; the live files are under $work/old"
done
echo "backup: restored $file into $TARGET_DIR"
