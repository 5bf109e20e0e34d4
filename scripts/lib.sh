# shellcheck shell=bash
# Shared helpers of scripts/run, scripts/test and scripts/pg-throwaway. Source it; do not run it.
#
# Tool installs are idempotent: each `ensure_*` function checks first and installs only what is
# missing or at the wrong version (docs: shared/docs/toolchain.md lists what installs here).

# Pinned tool versions. The wasm-bindgen CLI version is not pinned here: it is read from
# Cargo.lock, because it must equal the `wasm-bindgen` crate the frontend links.
readonly BP_TRUNK_VERSION="0.21.14"
readonly BP_BINARYEN_VERSION="132"

BP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly BP_ROOT

# Where the tools a non-root developer cannot install system-wide go (outside the repository).
BP_TOOLS_HOME="${BP_TOOLS_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/buergerportal-tools}"

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$BP_TOOLS_HOME/binaryen/node_modules/.bin:$PATH"

step() {
  printf '\n==> %s\n' "$*"
}

info() {
  printf '    %s\n' "$*"
}

die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

have() {
  command -v "$1" >/dev/null 2>&1
}

is_root() {
  [[ "$(id -u)" -eq 0 ]]
}

# Runs a command as root: directly when we are root, through sudo when it is there.
as_root() {
  if is_root; then
    "$@"
  elif have sudo; then
    sudo "$@"
  else
    return 127
  fi
}

BP_APT_UPDATED=0

# apt_install PKG... — installs Debian packages (apt-get update once per run).
apt_install() {
  if ! is_root && ! have sudo; then
    die "not root and no sudo: install these Debian packages yourself: $*"
  fi
  if [[ "$BP_APT_UPDATED" -eq 0 ]]; then
    info "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    BP_APT_UPDATED=1
  fi
  info "apt-get install -y $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

ensure_rust_parts() {
  have rustup || die "rustup is missing: install Rust with rustup (rust-toolchain.toml pins the version)"
  local installed
  # Run inside the repository so rustup applies rust-toolchain.toml.
  installed="$(cd "$BP_ROOT" && rustup target list --installed)"
  if grep -qx 'wasm32-unknown-unknown' <<<"$installed"; then
    info "wasm32-unknown-unknown target: present"
  else
    info "installing the wasm32-unknown-unknown target"
    (cd "$BP_ROOT" && rustup target add wasm32-unknown-unknown)
  fi
  installed="$(cd "$BP_ROOT" && rustup component list --installed)"
  local component
  for component in rustfmt clippy; do
    if grep -q "^${component}-" <<<"$installed"; then
      info "$component: present"
    else
      info "installing the $component component"
      (cd "$BP_ROOT" && rustup component add "$component")
    fi
  done
}

ensure_trunk() {
  if have trunk && [[ "$(trunk --version 2>/dev/null)" == "trunk $BP_TRUNK_VERSION" ]]; then
    info "trunk $BP_TRUNK_VERSION: present"
    return
  fi
  info "installing trunk $BP_TRUNK_VERSION (cargo install, takes ~8 min on 2 cores)"
  cargo install --locked trunk --version "$BP_TRUNK_VERSION"
}

# Prints the version of the `wasm-bindgen` crate recorded in Cargo.lock.
wasm_bindgen_lock_version() {
  awk '
    /^\[\[package\]\]/ { in_pkg = 0 }
    /^name = "wasm-bindgen"$/ { in_pkg = 1; next }
    in_pkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$BP_ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local version
  version="$(wasm_bindgen_lock_version)"
  [[ -n "$version" ]] || die "could not read the wasm-bindgen version from Cargo.lock"
  if have wasm-bindgen && [[ "$(wasm-bindgen --version 2>/dev/null)" == "wasm-bindgen $version" ]]; then
    info "wasm-bindgen-cli $version: present"
    return
  fi
  info "installing wasm-bindgen-cli $version (cargo install, takes ~4 min on 2 cores)"
  # No --locked: the CLI's own lock file names a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$version"
}

ensure_wasm_opt() {
  if have wasm-opt && wasm-opt --version 2>/dev/null | grep -Eq "version ${BP_BINARYEN_VERSION}([^0-9]|$)"; then
    info "wasm-opt (binaryen $BP_BINARYEN_VERSION): present"
    return
  fi
  have npm || die "npm is missing: install Node.js 20 and npm"
  # Debian's binaryen is too old for today's Rust wasm output: always take the npm package.
  local prefix
  prefix="$(npm prefix -g 2>/dev/null)"
  if [[ -w "$prefix/lib" || -w "$prefix/lib/node_modules" ]]; then
    info "npm install -g binaryen@$BP_BINARYEN_VERSION"
    npm install -g --no-audit --no-fund "binaryen@$BP_BINARYEN_VERSION"
  else
    info "npm install binaryen@$BP_BINARYEN_VERSION into $BP_TOOLS_HOME/binaryen"
    mkdir -p "$BP_TOOLS_HOME/binaryen"
    npm install --prefix "$BP_TOOLS_HOME/binaryen" --no-audit --no-fund --no-save \
      "binaryen@$BP_BINARYEN_VERSION"
  fi
  hash -r
  wasm-opt --version | grep -Eq "version ${BP_BINARYEN_VERSION}([^0-9]|$)" \
    || die "wasm-opt on PATH is not binaryen $BP_BINARYEN_VERSION: $(command -v wasm-opt)"
}

ensure_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    info "chromium + chromedriver: present"
    return
  fi
  apt_install chromium chromium-driver
}

# Prints the bin directory of the newest installed PostgreSQL server, or nothing.
pg_bindir() {
  local initdb
  initdb="$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true)"
  [[ -n "$initdb" ]] && dirname "$initdb"
  return 0
}

ensure_postgres() {
  if [[ -n "$(pg_bindir)" ]]; then
    info "PostgreSQL server: present ($(pg_bindir))"
    return
  fi
  apt_install postgresql
  [[ -n "$(pg_bindir)" ]] || die "postgresql installed, but no /usr/lib/postgresql/*/bin/initdb"
}

ensure_cargo_fuzz() {
  if have cargo-fuzz; then
    info "cargo-fuzz: present"
    return
  fi
  info "installing cargo-fuzz (cargo install, takes ~2 min on 2 cores)"
  cargo install --locked cargo-fuzz
}

# Tools for building and running the portal.
ensure_build_tools() {
  step "ensure build tools"
  have cargo || die "cargo is missing: install Rust with rustup"
  ensure_rust_parts
  ensure_wasm_opt
  ensure_wasm_bindgen
  ensure_trunk
}

# Everything scripts/test needs.
ensure_test_tools() {
  ensure_build_tools
  step "ensure test tools"
  have node || die "node is missing: install Node.js 20 and npm"
  have python3 || info "python3 not found (optional)"
  ensure_chromium
  ensure_postgres
}

# Directory cargo builds into (honours CARGO_TARGET_DIR).
bp_target_dir() {
  local dir="${CARGO_TARGET_DIR:-$BP_ROOT/target}"
  [[ "$dir" = /* ]] || dir="$BP_ROOT/$dir"
  printf '%s\n' "$dir"
}

# Four bundles into one dist dir (default dist/): the citizen app (frontend/index.html ->
# index.html, feature `citizen-bundle`: no staff or editor pages), the staff bundle
# (frontend/staff.html -> staff.html: the whole app, served under /mitarbeiter and /redaktion),
# the form bundle (frontend/form.html -> form.html, feature `form-bundle`, served for
# /formulare/…) and the booking bundle (frontend/booking.html -> booking.html, feature
# `booking-bundle`, served for /termine and /termine/…). Trunk empties its dist dir on every build, so the others are built into staging
# dirs and their files copied over (the CSS and favicon are the same files).
build_frontend() {
  local dist="${1:-$BP_ROOT/dist}" stage page
  step "build frontend into $dist (trunk build --release --offline, four bundles)"
  (cd "$BP_ROOT" && trunk build --release --offline --dist "$dist")
  [[ -f "$dist/index.html" ]] || die "trunk produced no $dist/index.html"
  for page in staff form booking; do
    stage="$(mktemp -d "${TMPDIR:-/tmp}/bp-$page-bundle.XXXXXX")"
    (cd "$BP_ROOT" && trunk build "frontend/$page.html" --release --offline --dist "$stage")
    [[ -f "$stage/index.html" ]] || die "trunk produced no $page bundle"
    # Everything but the page itself (the shared CSS and favicon have the same hashed names).
    find "$stage" -maxdepth 1 -type f ! -name index.html -exec cp {} "$dist/" \;
    cp "$stage/index.html" "$dist/$page.html"
    rm -rf "$stage"
  done
}

build_backend() {
  step "build backend (cargo build --profile server -p backend)"
  (cd "$BP_ROOT" && cargo build --profile server -p backend)
  [[ -x "$(bp_target_dir)/server/backend" ]] || die "no backend binary at $(bp_target_dir)/server/backend"
}

# ---------------------------------------------------------------------------------------------
# Throw-away PostgreSQL cluster (for the API tests on PostgreSQL).
#
# pg_throwaway_start: creates a cluster in a temp dir, starts it on 127.0.0.1 at a free port and
# exports BP_TEST_POSTGRES_URL. pg_throwaway_stop: stops it and deletes the dir (safe to call
# twice, and when nothing was started). Callers install a trap that calls pg_throwaway_stop.
# initdb refuses to run as root: as root the cluster belongs to the `postgres` user.

BP_PG_DIR=""

free_port() {
  if have python3; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
  fi
}

# Runs a PostgreSQL server binary as the cluster's owner.
pg_as_owner() {
  if is_root; then
    (cd "$BP_PG_DIR" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pg_throwaway_start() {
  local bindir
  bindir="$(pg_bindir)"
  [[ -n "$bindir" ]] || die "no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)"
  BP_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bp-pg.XXXXXX")"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' user to own the cluster"
    chown postgres: "$BP_PG_DIR"
  fi
  info "initdb in $BP_PG_DIR"
  pg_as_owner "$bindir/initdb" -D "$BP_PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$BP_PG_DIR/initdb.log" 2>&1 || { cat "$BP_PG_DIR/initdb.log" >&2; die "initdb failed"; }
  local port attempt
  for attempt in 1 2 3; do
    port="$(free_port)"
    if pg_as_owner "$bindir/pg_ctl" -D "$BP_PG_DIR/data" -l "$BP_PG_DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$BP_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      export BP_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
      info "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
      info "BP_TEST_POSTGRES_URL=$BP_TEST_POSTGRES_URL"
      return 0
    fi
    info "start on port $port failed (attempt $attempt)"
  done
  cat "$BP_PG_DIR/server.log" >&2 || true
  die "could not start PostgreSQL"
}

pg_throwaway_stop() {
  [[ -n "$BP_PG_DIR" && -d "$BP_PG_DIR" ]] || return 0
  local bindir
  bindir="$(pg_bindir)"
  if [[ -f "$BP_PG_DIR/data/postmaster.pid" ]]; then
    pg_as_owner "$bindir/pg_ctl" -D "$BP_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$BP_PG_DIR"
  info "throw-away PostgreSQL stopped and removed"
  BP_PG_DIR=""
  unset BP_TEST_POSTGRES_URL
}
