#!/usr/bin/env bash
# Installs the real software the tests check our output against, from the registries this project
# may use: PostgreSQL, etcd, Chromium, Caddy and Docker Engine (Debian), Keycloak (Maven Central),
# kube-apiserver, kube-controller-manager and the cyclonus NetworkPolicy analyzer and OPA (built from the Go module proxy),
# ShellCheck (Debian), actionlint (Go), restic (Go) and rclone's restic server (Debian); and the Docker plan's images (docker-images.sh).
# Idempotent: what is already in the cache is not fetched or built again.
set -euo pipefail
cd "$(dirname "$0")"
CACHE="${REGENCY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/regency-dc}"
KEYCLOAK_VERSION=26.4.7
mkdir -p "$CACHE/bin"
say() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

apt_packages=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_packages+=(postgresql)
command -v etcd >/dev/null 2>&1 || apt_packages+=(etcd-server)
command -v shellcheck >/dev/null 2>&1 || apt_packages+=(shellcheck)
command -v unzip >/dev/null 2>&1 || apt_packages+=(unzip)
command -v busybox >/dev/null 2>&1 || apt_packages+=(busybox)
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
command -v caddy >/dev/null 2>&1 || apt_packages+=(caddy)
command -v dockerd >/dev/null 2>&1 || apt_packages+=(docker.io)
command -v mmdebstrap >/dev/null 2>&1 || apt_packages+=(mmdebstrap)
command -v zstd >/dev/null 2>&1 || apt_packages+=(zstd)
command -v rclone >/dev/null 2>&1 || apt_packages+=(rclone)
command -v htpasswd >/dev/null 2>&1 || apt_packages+=(apache2-utils)
if [ ${#apt_packages[@]} -gt 0 ]; then
  say "apt-get install ${apt_packages[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
  fi
fi
# Debian starts its own PostgreSQL cluster and etcd on install where it can; the tests run their own.
(service postgresql stop || true; service etcd stop || true; pkill -x etcd || true; service caddy stop || true; pkill -x caddy || true) >/dev/null 2>&1

if [ ! -x "$CACHE/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ]; then
  say "Keycloak $KEYCLOAK_VERSION from Maven Central (org.keycloak:keycloak-quarkus-dist)"
  mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$CACHE"
  unzip -q -o "$CACHE/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$CACHE"
  rm -f "$CACHE/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
fi

build() { # dir binary package — rebuilt only when its go.mod/go.sum change (a fresh clone's mtimes say nothing)
  local stamp
  stamp=$(cat "$1/go.mod" "$1/go.sum" "$1"/*.go 2>/dev/null | sha256sum | cut -d' ' -f1)
  if [ ! -x "$CACHE/bin/$2" ] || [ "$(cat "$CACHE/bin/$2.stamp" 2>/dev/null)" != "$stamp" ]; then
    say "building $2 from the Go module proxy (first time: several minutes)"
    (cd "$1" && go build -o "$CACHE/bin/$2" "$3")
    echo "$stamp" > "$CACHE/bin/$2.stamp"
  fi
}
build kube-apiserver kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver
build kube-apiserver kube-controller-manager k8s.io/kubernetes/cmd/kube-controller-manager
build netpol-check netpol-check .
build ../bench/opa opa github.com/open-policy-agent/opa
# restic at the version of the image the plan names (the backup jobs' client), from the Go module proxy.
restic_version=$(cd ../.. && node -r ts-node/register/transpile-only -e 'console.log(require("./components/model/plan").IMAGES.restic.split(":").pop())')
if [ ! -x "$CACHE/bin/restic-$restic_version" ]; then
  say "building restic $restic_version from the Go module proxy"
  GOBIN="$CACHE/bin/restic-build" go install "github.com/restic/restic/cmd/restic@v$restic_version"
  mv "$CACHE/bin/restic-build/restic" "$CACHE/bin/restic-$restic_version" && rmdir "$CACHE/bin/restic-build"
fi
ln -sf "restic-$restic_version" "$CACHE/bin/restic"
if [ ! -x "$CACHE/bin/actionlint" ]; then
  say "building actionlint"
  GOBIN="$CACHE/bin" go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.7
fi
# Docker Engine and the images the Docker plan names, built from Debian and Maven Central (no registry).
read -r -a images < <(cd ../.. && node -r ts-node/register/transpile-only -e 'const { IMAGES } = require("./components/model/plan"); console.log([IMAGES.postgres, IMAGES.keycloak, IMAGES.backupRunner, IMAGES.proxy, IMAGES.restic, IMAGES.repositoryServer].join(" "))')
bash docker-images.sh "$CACHE" "$CACHE/keycloak-$KEYCLOAK_VERSION" "${images[@]}" "$CACHE/bin/restic-$restic_version"
say "ready in $CACHE"
