#!/bin/sh
# Runs one backup, restore or drill job of the Docker back end: `run-job.sh backup|restore|drill <job>`.
# The job's settings are /jobs/<job>.env (no secrets); a database's password comes from the
# libpq password file named there (PGPASSFILE), the repository key from RESTIC_PASSWORD_FILE (read by
# restic) and the repository server's password from RESTIC_REST_PASSWORD_FILE (read here into the
# environment, which restic has no file setting for): files uploaded with mode 0400 or 0600.
set -eu
mode=$1
job=$2
[ -f "/jobs/$job.env" ] || { echo "run-job: no job $job" >&2; exit 1; }
set -a
# shellcheck disable=SC1090 # the job file is generated per job
. "/jobs/$job.env"
set +a
if [ -n "${RESTIC_REST_PASSWORD_FILE:-}" ]; then
  RESTIC_REST_PASSWORD=$(cat "$RESTIC_REST_PASSWORD_FILE") || { echo "run-job: cannot read $RESTIC_REST_PASSWORD_FILE" >&2; exit 1; }
  export RESTIC_REST_PASSWORD
fi
case "$mode" in
  backup) exec /bin/sh "/scripts/$BACKUP_SCRIPT" ;;
  restore) exec /bin/sh "/scripts/$RESTORE_SCRIPT" ;;
  drill) exec /bin/sh "/scripts/$DRILL_SCRIPT" ;;
  *) echo "run-job: mode must be backup, restore or drill" >&2; exit 1 ;;
esac
