#!/bin/sh
# Archives a file volume ($SOURCE_DIR) as tar.gz, seals it with a sha256 file, keeps the newest $RETENTION.
set -eu
# shellcheck source=backup-lib.sh
. "$(dirname "$0")/backup-lib.sh"
require_env SOURCE_DIR BACKUP_DIR BACKUP_NAME RETENTION
[ -d "$SOURCE_DIR" ] || die "source directory $SOURCE_DIR does not exist"
mkdir -p "$BACKUP_DIR"
stamp=$(fresh_stamp "$BACKUP_DIR" "$BACKUP_NAME" .tar.gz)
final="$BACKUP_NAME-$stamp.tar.gz"
partial=".$final.partial"
trap 'rm -f "$BACKUP_DIR/$partial"' EXIT
tar -C "$SOURCE_DIR" -czf "$BACKUP_DIR/$partial" . || die "archiving $SOURCE_DIR failed"
seal "$BACKUP_DIR" "$partial" "$final"
echo "backup: wrote $BACKUP_DIR/$final ($(wc -c < "$BACKUP_DIR/$final") bytes)"
prune "$BACKUP_DIR" "$BACKUP_NAME" .tar.gz "$RETENTION"
