# Shared shell helpers for the scripts; sourced, not run.
# shellcheck shell=bash

PQE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PQE_ROOT

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $* (install these packages yourself, or run as root)"
  fi
}

# Installs the Debian packages that are missing; does nothing when all are there.
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing packages ${missing[*]} and no apt-get to install them"
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Node dependencies (npm ci when the lock file changed) and the TypeScript build.
ensure_built() {
  cd "$PQE_ROOT" || exit 2
  command -v node >/dev/null 2>&1 || die "Node.js 20 or newer is needed (https://nodejs.org)"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || die "Node.js 20 or newer is needed; this is $(node -v)"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing Node dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  log "building"
  npx tsc -b
}

# The reference venv (.venv at the root: rio-tiler 6.8.0, rasterio 1.3.10, morecantile 5.4.2) the raster tests
# compare with; made when missing or incomplete. A failure is reported, not fatal: the tests that need it skip.
REFERENCE_PACKAGES=(rio-tiler==6.8.0 rasterio==1.3.10 morecantile==5.4.2)
ensure_reference_venv() {
  local venv="$PQE_ROOT/.venv"
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import rio_tiler, rasterio, morecantile' 2>/dev/null; then return 0; fi
  log "making the reference venv (.venv: ${REFERENCE_PACKAGES[*]})"
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check "${REFERENCE_PACKAGES[@]}"; } >"$PQE_ROOT/.venv.log" 2>&1; then
    log "could not make the reference venv (see .venv.log): the rio-tiler and morecantile comparisons will skip"
  fi
}
