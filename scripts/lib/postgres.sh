# Starts a throwaway PostgreSQL 15 + PostGIS 3 server for tests, on a loopback port of its own; sourced.
# shellcheck shell=bash

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

free_port() {
  local port
  for port in $(seq "$1" "$(($1 + 200))"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  die "no free port from $1"
}

# Sets PQE_TEST_PG_DIR, PQE_TEST_PG_PORT and PQE_TEST_DATABASE_URL; stop_test_postgres undoes it.
start_test_postgres() {
  [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL 15 binaries not found in $PG_BIN"
  PQE_TEST_PG_DIR="$(mktemp -d /tmp/pqe-test-pg.XXXXXX)"
  PQE_TEST_PG_PORT="$(free_port 55432)"
  local run=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PQE_TEST_PG_DIR"
    run=(runuser -u postgres --)
  fi
  log "starting PostgreSQL on 127.0.0.1:$PQE_TEST_PG_PORT ($PQE_TEST_PG_DIR)"
  "${run[@]}" "$PG_BIN/initdb" -D "$PQE_TEST_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  # Durability is not what these tests measure; fsync off keeps a 2-core machine fast.
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PQE_TEST_PG_DIR/data" -w -t 60 -l "$PQE_TEST_PG_DIR/server.log" \
    -o "-p $PQE_TEST_PG_PORT -c listen_addresses=127.0.0.1 -k $PQE_TEST_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PQE_TEST_PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  PQE_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PQE_TEST_PG_PORT/postgres"
  export PQE_TEST_PG_DIR PQE_TEST_PG_PORT PQE_TEST_DATABASE_URL
  # Test databases are copied from this template, which already has PostGIS.
  psql -q -X -v ON_ERROR_STOP=1 "$PQE_TEST_DATABASE_URL" -c 'CREATE DATABASE pqe_template' \
    -c '\c pqe_template' -c 'CREATE EXTENSION postgis' >/dev/null
}

stop_test_postgres() {
  [ -n "${PQE_TEST_PG_DIR:-}" ] && [ -d "$PQE_TEST_PG_DIR/data" ] || return 0
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PQE_TEST_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PQE_TEST_PG_DIR"
}
