#!/usr/bin/env bash
# Starts Docker Engine (Debian's docker.io) and builds, from Debian packages and the Keycloak
# distribution on Maven Central, the images the Docker plan names — no container registry is
# reachable here. Each is a stand-in tagged with the plan's own name (IMAGES in components/model/plan.ts):
#   postgres      Debian's PostgreSQL 15 with an entrypoint that honours POSTGRES_USER/PASSWORD/DB and PGDATA
#   backup runner Debian's busybox crond, pg_dump, tar and sha256sum
#   caddy         Debian's Caddy 2.6
#   keycloak      the Keycloak distribution (Maven Central) on Debian's OpenJDK 17
#   regency-standin-app:1  a small Python HTTP server that answers on $PORT and talks to its database
# Cached as one `docker save | zstd` archive keyed by this script's hash: a second setup loads it.
# Usage: docker-images.sh <cache dir> <keycloak dir> <image ref>...  (postgres keycloak runner proxy, in that order)
set -euo pipefail
CACHE=$1
KEYCLOAK_DIR=$2
POSTGRES_REF=$3
KEYCLOAK_REF=$4
RUNNER_REF=$5
PROXY_REF=$6
RESTIC_REF=$7
SERVER_REF=$8
RESTIC_BIN=$9
APP_REF=regency-standin-app:1
say() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if ! docker info >/dev/null 2>&1; then
  say "starting Docker Engine (dockerd)"
  nohup dockerd >"$CACHE/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; see $CACHE/dockerd.log" >&2; exit 1; }
fi

refs=("$POSTGRES_REF" "$KEYCLOAK_REF" "$RUNNER_REF" "$PROXY_REF" "$RESTIC_REF" "$SERVER_REF" "$APP_REF")
# The script and the image names decide what is built (the restic binary is named by its version).
stamp=$({ cat "$0"; printf '%s\n' "${refs[@]}"; } | sha256sum | cut -c1-16)
archive="$CACHE/docker-images-$stamp.tar.zst"
present() { for r in "${refs[@]}"; do docker image inspect "$r" >/dev/null 2>&1 || return 1; done; }
if present && [ "$(cat "$CACHE/docker-images.stamp" 2>/dev/null)" = "$stamp" ]; then exit 0; fi
if [ -f "$archive" ]; then
  say "loading the Docker images from $archive"
  zstd -dc "$archive" | docker load -q >/dev/null
  echo "$stamp" >"$CACHE/docker-images.stamp"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "Debian root file system (mmdebstrap) → regency-base:bookworm"
mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm - | docker import - regency-base:bookworm >/dev/null

build() { # tag, context dir (with its Dockerfile)
  say "building $1"
  docker build -q -t "$1" "$2" >/dev/null 2>"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
}
apt_run='RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends'

mkdir -p "$work/postgres"
cat >"$work/postgres/entrypoint.sh" <<'EOF'
#!/bin/sh
# The official image's contract: POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, PGDATA.
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
mkdir -p "$PGDATA" /run/postgresql
chown -R postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
bin=/usr/lib/postgresql/15/bin
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  runuser -u postgres -- "$bin/initdb" -D "$PGDATA" -U "$POSTGRES_USER" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  # The password goes through a pipe, never a file or a command line.
  quoted=$(printf '%s' "$POSTGRES_PASSWORD" | sed "s/'/''/g")
  printf "ALTER ROLE \"%s\" PASSWORD '%s'\n" "$POSTGRES_USER" "$quoted" | runuser -u postgres -- "$bin/postgres" --single -D "$PGDATA" postgres >/dev/null
  printf 'CREATE DATABASE "%s" OWNER "%s"\n' "$POSTGRES_DB" "$POSTGRES_USER" | runuser -u postgres -- "$bin/postgres" --single -D "$PGDATA" postgres >/dev/null
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
fi
# As the official image: `postgres -c …` arguments go to the server (WAL archiving, hba_file).
[ "${1:-}" = postgres ] && shift
exec runuser -u postgres -- "$bin/postgres" -D "$PGDATA" -c listen_addresses='*' "$@"
EOF
cat >"$work/postgres/Dockerfile" <<EOF
FROM regency-base:bookworm
$apt_run postgresql-15 && rm -rf /var/lib/apt/lists/*
COPY entrypoint.sh /usr/local/bin/postgres-entrypoint
RUN chmod 755 /usr/local/bin/postgres-entrypoint
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]
EOF
build "$POSTGRES_REF" "$work/postgres"

mkdir -p "$work/runner"
printf '#!/bin/sh\n# Alpine keeps crontabs in /etc/crontabs; busybox looks elsewhere unless told.\nexec busybox crond -c /etc/crontabs "$@"\n' >"$work/runner/crond"
cat >"$work/runner/Dockerfile" <<EOF
FROM regency-base:bookworm
$apt_run postgresql-client-15 busybox-static && rm -rf /var/lib/apt/lists/*
COPY crond /usr/local/bin/crond
RUN chmod 755 /usr/local/bin/crond && mkdir -p /etc/crontabs
EOF
build "$RUNNER_REF" "$work/runner"

# restic's image: the static binary at /usr/bin/restic, as upstream's; busybox crond for the site's maintenance.
mkdir -p "$work/restic"
cp "$RESTIC_BIN" "$work/restic/restic"
cp "$work/runner/crond" "$work/restic/crond"
cat >"$work/restic/Dockerfile" <<EOF
FROM regency-base:bookworm
$apt_run busybox-static && rm -rf /var/lib/apt/lists/*
COPY restic /usr/bin/restic
COPY crond /usr/local/bin/crond
RUN chmod 755 /usr/bin/restic /usr/local/bin/crond && mkdir -p /etc/crontabs
ENTRYPOINT ["/usr/bin/restic"]
EOF
build "$RESTIC_REF" "$work/restic"

# The repository server: rclone (Debian's is the image's version), entrypoint rclone as upstream's.
mkdir -p "$work/rclone"
cat >"$work/rclone/Dockerfile" <<EOF
FROM regency-base:bookworm
$apt_run rclone && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["rclone"]
EOF
build "$SERVER_REF" "$work/rclone"

mkdir -p "$work/proxy"
cat >"$work/proxy/Dockerfile" <<EOF
FROM regency-base:bookworm
$apt_run caddy && rm -rf /var/lib/apt/lists/*
ENV XDG_DATA_HOME=/data XDG_CONFIG_HOME=/config
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
EOF
build "$PROXY_REF" "$work/proxy"

mkdir -p "$work/keycloak"
cp -a "$KEYCLOAK_DIR" "$work/keycloak/keycloak"
cat >"$work/keycloak/Dockerfile" <<EOF
FROM regency-base:bookworm
$apt_run openjdk-17-jre-headless && rm -rf /var/lib/apt/lists/*
COPY keycloak /opt/keycloak
RUN useradd --uid 1000 --home-dir /opt/keycloak keycloak && mkdir -p /opt/keycloak/data/import && chown -R keycloak /opt/keycloak
USER 1000
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
EOF
build "$KEYCLOAK_REF" "$work/keycloak"

mkdir -p "$work/app"
cat >"$work/app/app.py" <<'EOF'
"""Stand-in for an OPD application: answers on $PORT; /db runs a query on its own database."""
import http.server, json, os, socket
import psycopg2

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        status, body = 200, {"app": socket.gethostname(), "client": os.environ.get("OIDC_CLIENT_ID")}
        if self.path == "/db":
            try:
                with psycopg2.connect(host=os.environ["DB_HOST"], port=os.environ["DB_PORT"], dbname=os.environ["DB_NAME"],
                                      user=os.environ["DB_USER"], password=os.environ["DB_PASSWORD"], connect_timeout=5) as c:
                    with c.cursor() as cur:
                        cur.execute("SELECT current_database()")
                        body["database"] = cur.fetchone()[0]
            except Exception as e:  # reported, not hidden
                status, body = 500, {"error": str(e)}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass

http.server.ThreadingHTTPServer(("", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
EOF
cat >"$work/app/Dockerfile" <<EOF
FROM regency-base:bookworm
$apt_run python3 python3-psycopg2 && rm -rf /var/lib/apt/lists/*
COPY app.py /app.py
USER 65534
CMD ["python3", "/app.py"]
EOF
build "$APP_REF" "$work/app"

say "caching the images in $archive"
rm -f "$CACHE"/docker-images-*.tar.zst
docker save "${refs[@]}" | zstd -q -T0 -3 -o "$archive"
echo "$stamp" >"$CACHE/docker-images.stamp"
