#!/usr/bin/env bash
# Services the tests need, started from the machine's own binaries.
#
#   source .ci/services.sh start   starts a throwaway PostgreSQL on 127.0.0.1 and exports PAYSTACK_TEST_POSTGRES
#   bash .ci/services.sh stop      stops it and removes its folder
#
# `start` is sourced by .ci/run (which runs under `set -euo pipefail`), so everything lives in functions that
# `return` instead of `exit`, every command that may fail is guarded, and no shell option or trap is changed.
# PostgreSQL refuses to run as root: when started as root the server runs as an unprivileged user.

_paystack_pg_log() { echo "services.sh: $*" >&2; }

# The newest PostgreSQL bin folder: pg_config on PATH first, then the Debian layout.
_paystack_pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
  fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
  return 1
}

# The OS user the server runs as: the current user unless root; as root, `postgres` if present, else a system user.
_paystack_pg_osuser() {
  if [[ $(id -u) -ne 0 ]]; then id -un; return 0; fi
  if id -u postgres >/dev/null 2>&1; then echo postgres; return 0; fi
  if ! id -u paystack-ci >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin paystack-ci >/dev/null 2>&1 || return 1
  fi
  echo paystack-ci
}

# Runs a command as the server's OS user, from a folder that user can enter.
_paystack_pg_as() {
  local user=$1; shift
  if [[ $(id -u) -ne 0 ]]; then (cd "$PAYSTACK_CI_PG_DIR" && "$@"); return; fi
  if command -v runuser >/dev/null 2>&1; then
    (cd "$PAYSTACK_CI_PG_DIR" && runuser -u "$user" -- "$@")
  elif command -v sudo >/dev/null 2>&1; then
    (cd "$PAYSTACK_CI_PG_DIR" && sudo -n -u "$user" -- "$@")
  else
    local quoted; quoted=$(printf '%q ' "$@")
    (cd "$PAYSTACK_CI_PG_DIR" && su -s /bin/sh "$user" -c "$quoted")
  fi
}

# True when something already listens on 127.0.0.1:$1.
_paystack_pg_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

_paystack_pg_running() {
  [[ -n "${PAYSTACK_CI_PG_DIR:-}" && -n "${PAYSTACK_CI_PG_BIN:-}" && -f "${PAYSTACK_CI_PG_DIR}/data/postmaster.pid" ]] \
    && _paystack_pg_as "${PAYSTACK_CI_PG_USER:-$(id -un)}" "$PAYSTACK_CI_PG_BIN/pg_ctl" -D "$PAYSTACK_CI_PG_DIR/data" status >/dev/null 2>&1
}

_paystack_pg_start() {
  if _paystack_pg_running && [[ -n "${PAYSTACK_TEST_POSTGRES:-}" ]]; then
    _paystack_pg_log "PostgreSQL already running in $PAYSTACK_CI_PG_DIR"
    return 0
  fi

  local bin user dir port db=paystack_test attempt
  if ! bin=$(_paystack_pg_bindir); then _paystack_pg_log "no PostgreSQL binaries found (initdb, pg_ctl)"; return 1; fi
  if ! user=$(_paystack_pg_osuser); then _paystack_pg_log "could not find or create an unprivileged user"; return 1; fi
  if ! dir=$(mktemp -d "${TMPDIR:-/tmp}/paystack-pg.XXXXXX"); then _paystack_pg_log "mktemp failed"; return 1; fi
  chmod 700 "$dir" || true
  if [[ $(id -u) -eq 0 ]] && ! chown "$user" "$dir"; then
    _paystack_pg_log "chown $dir failed"; rm -rf "$dir"; return 1
  fi
  export PAYSTACK_CI_PG_DIR=$dir PAYSTACK_CI_PG_BIN=$bin PAYSTACK_CI_PG_USER=$user

  # Trust authentication is fine: the server listens on loopback only and lives for one CI run.
  if ! _paystack_pg_as "$user" "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --no-sync \
       >"$dir/initdb.log" 2>&1; then
    _paystack_pg_log "initdb failed:"; cat "$dir/initdb.log" >&2 || true
    _paystack_pg_cleanup; return 1
  fi

  # Pick a free loopback port; if another process takes it between the check and the start, try the next one.
  port=$(( 54320 + RANDOM % 2000 ))
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    while _paystack_pg_port_busy "$port"; do port=$((port + 1)); done
    # A throwaway test server: durability settings off for speed (the tests check commit visibility, not crashes).
    if _paystack_pg_as "$user" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
         -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
         start >/dev/null 2>&1; then
      break
    fi
    _paystack_pg_log "start on port $port failed (attempt $attempt)"
    port=$((port + 1))
    if [[ $attempt -eq 10 ]]; then
      tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
      _paystack_pg_cleanup; return 1
    fi
  done

  for attempt in $(seq 1 60); do
    if _paystack_pg_as "$user" "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$user" -d postgres; then break; fi
    sleep 0.5
  done
  if ! _paystack_pg_as "$user" "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$db" >/dev/null 2>&1; then
    _paystack_pg_log "createdb failed"; tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
    _paystack_pg_stop; return 1
  fi

  export PAYSTACK_CI_PG_PORT=$port
  export PAYSTACK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=$user;Database=$db"
  _paystack_pg_log "PostgreSQL $("$bin/postgres" --version 2>/dev/null | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
  return 0
}

_paystack_pg_cleanup() {
  [[ -n "${PAYSTACK_CI_PG_DIR:-}" && "$PAYSTACK_CI_PG_DIR" == */paystack-pg.* ]] && rm -rf "$PAYSTACK_CI_PG_DIR"
  unset PAYSTACK_CI_PG_DIR PAYSTACK_CI_PG_BIN PAYSTACK_CI_PG_USER PAYSTACK_CI_PG_PORT PAYSTACK_TEST_POSTGRES
  return 0
}

_paystack_pg_stop() {
  if [[ -z "${PAYSTACK_CI_PG_DIR:-}" ]]; then return 0; fi
  if [[ -n "${PAYSTACK_CI_PG_BIN:-}" && -f "$PAYSTACK_CI_PG_DIR/data/postmaster.pid" ]]; then
    _paystack_pg_as "${PAYSTACK_CI_PG_USER:-$(id -un)}" "$PAYSTACK_CI_PG_BIN/pg_ctl" -D "$PAYSTACK_CI_PG_DIR/data" \
      -m fast -w -t 30 stop >/dev/null 2>&1 || _paystack_pg_log "pg_ctl stop failed"
  fi
  _paystack_pg_cleanup
}

_paystack_services_main() {
  case "${1:-}" in
    start) _paystack_pg_start || { _paystack_pg_log "PostgreSQL not started; PostgreSQL tests will skip or fail"; return 0; } ;;
    stop) _paystack_pg_stop ;;
    *) _paystack_pg_log "usage: source .ci/services.sh start | bash .ci/services.sh stop"; return 2 ;;
  esac
}

_paystack_services_main "$@"
