#!/bin/sh
# Restores a file volume archive made by files-backup.sh into $TARGET_DIR: the newest, or $BACKUP_FILE.
# Verifies the checksum and the whole archive before the target is changed.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env BACKUP_DIR BACKUP_NAME TARGET_DIR
file=$(pick "$BACKUP_DIR" "$BACKUP_NAME" .tar.gz)
[ -n "$file" ] || die "no backup of $BACKUP_NAME in $BACKUP_DIR"
verify "$BACKUP_DIR" "$file"
tar -tzf "$BACKUP_DIR/$file" >/dev/null 2>&1 || die "$file is not a readable archive; refusing to restore"
mkdir -p "$TARGET_DIR"
find "$TARGET_DIR" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
tar -C "$TARGET_DIR" -xzf "$BACKUP_DIR/$file" || die "extracting $file failed"
echo "backup: restored $file into $TARGET_DIR"
