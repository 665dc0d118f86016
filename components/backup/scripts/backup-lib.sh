#!/bin/sh
# Shared by the backup and restore scripts (POSIX sh; GNU or busybox coreutils).

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

# A UTC timestamp that sorts in time order; never reuses an existing name.
fresh_stamp() { # dir name suffix
  while :; do
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    [ -e "$1/$2-$stamp$3" ] || { echo "$stamp"; return; }
    sleep 1
  done
}

# Writes "<sha256>  <final name>" next to the artifact (the hash given, else computed), then moves both into place.
# POSIX sh has no local variables: names here are prefixed so they never overwrite the caller's.
seal() { # dir partial final [sha256]
  seal_sum=${4:-$(sha256sum "$1/$2" | cut -d' ' -f1)}
  printf '%s  %s\n' "$seal_sum" "$3" > "$1/.$3.sha256.partial"
  mv "$1/$2" "$1/$3"
  mv "$1/.$3.sha256.partial" "$1/$3.sha256"
}

# The artifacts named <name>-<stamp><suffix> in a directory, newest first.
artifacts() { # dir name suffix
  for path in "$1/$2"-*"$3"; do
    [ -e "$path" ] && echo "${path##*/}"
  done | grep -E "^$2-[0-9]{8}T[0-9]{6}Z$3\$" | sort -r
}

# Keeps the newest $4 artifacts (and their checksums).
prune() { # dir name suffix keep
  count=0
  for f in $(artifacts "$1" "$2" "$3"); do
    count=$((count + 1))
    if [ "$count" -gt "$4" ]; then
      rm -f "$1/$f" "$1/$f.sha256"
      echo "backup: pruned $f"
    fi
  done
}

# Refuses an artifact whose checksum file is missing or does not match.
verify() { # dir file
  [ -f "$1/$2" ] || die "no such backup: $1/$2"
  [ -f "$1/$2.sha256" ] || die "checksum file missing for $2: refusing to restore"
  (cd "$1" && sha256sum -c "$2.sha256" >/dev/null 2>&1) || die "checksum mismatch for $2: the backup is corrupted or truncated; refusing to restore"
}

# The newest artifact, or the one named by $BACKUP_FILE.
pick() { # dir name suffix
  if [ -n "${BACKUP_FILE:-}" ]; then
    basename "$BACKUP_FILE"
  else
    artifacts "$1" "$2" "$3" | head -n 1
  fi
}
