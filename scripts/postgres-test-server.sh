#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests.
#
#   scripts/postgres-test-server.sh start    # init (first time) and start; prints the URL; no-op when running
#   scripts/postgres-test-server.sh stop     # stop it (data kept)
#   scripts/postgres-test-server.sh url      # print the URL
#   scripts/postgres-test-server.sh status   # exit 0 when running
#   scripts/postgres-test-server.sh destroy  # stop and delete the data directory
#
# The cluster listens on 127.0.0.1 only (no Unix socket), port $MARSAD_PG_PORT (default 55432), with trust
# authentication for loopback connections, and holds the database marsad_test. Data lives in
# $MARSAD_PG_DATA (default: .pgdata/ at the repository root). Run as root, the server runs as the
# `postgres` system user (PostgreSQL refuses root); run as anyone else, it runs as that user.
# Binaries: $MARSAD_PG_BIN, else the newest /usr/lib/postgresql/*/bin, else initdb/pg_ctl on PATH.
#
# Typical use:
#   export MARSAD_TEST_PG_URL=$(scripts/postgres-test-server.sh start | tail -n 1)
#   pytest tests/store
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${MARSAD_PG_PORT:-55432}"
DATA="${MARSAD_PG_DATA:-$ROOT/.pgdata}"
DB=marsad_test
SUPERUSER=postgres
URL="postgresql+psycopg://$SUPERUSER@127.0.0.1:$PORT/$DB"

die() {
    echo "postgres-test-server: $*" >&2
    exit 1
}

find_bin() {
    if [[ -n "${MARSAD_PG_BIN:-}" ]]; then
        echo "$MARSAD_PG_BIN"
        return
    fi
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/pg_ctl" ]]; then
        echo "$dir"
        return
    fi
    if command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    die "PostgreSQL server binaries not found (install postgresql, or set MARSAD_PG_BIN)"
}

BIN="$(find_bin)"

# Run a PostgreSQL program as the user that owns the cluster.
as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

is_running() {
    [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

init_cluster() {
    if [[ "$(id -u)" == 0 ]]; then
        id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user (install postgresql)"
        install -d -o postgres -g postgres -m 700 "$DATA"
        runuser -u postgres -- test -w "$DATA" ||
            die "user postgres cannot write $DATA (a parent directory is closed to it); set MARSAD_PG_DATA"
    else
        install -d -m 700 "$DATA"
    fi
    local log
    log="$(mktemp)"
    as_owner "$BIN/initdb" -D "$DATA" -U "$SUPERUSER" --auth=trust --encoding=UTF8 --locale=C >"$log" 2>&1 || {
        cat "$log" >&2
        rm -f "$log"
        die "initdb failed"
    }
    rm -f "$log"
    # Trust on loopback TCP only; no Unix socket connections at all.
    as_owner sh -c "printf '%s\n' \
        '# marsad test cluster: trust on loopback only' \
        'host all all 127.0.0.1/32 trust' \
        'host all all ::1/128 trust' >'$DATA/pg_hba.conf'"
    as_owner sh -c "printf '%s\n' \
        \"listen_addresses = '127.0.0.1'\" \
        \"unix_socket_directories = ''\" \
        'fsync = off' \
        'synchronous_commit = off' \
        'full_page_writes = off' \
        'max_connections = 50' \
        'shared_buffers = 64MB' >>'$DATA/postgresql.conf'"
}

psql_cmd() {
    as_owner "$BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" "$@"
}

start() {
    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        init_cluster
    fi
    if ! is_running; then
        as_owner "$BIN/pg_ctl" start -D "$DATA" -w -t 60 -l "$DATA/server.log" -o "-p $PORT" >/dev/null ||
            {
                tail -n 20 "$DATA/server.log" >&2 || true
                die "the server did not start (port $PORT busy? set MARSAD_PG_PORT)"
            }
    fi
    local i
    for i in $(seq 1 50); do
        if psql_cmd -d postgres -tAc "SELECT 1" >/dev/null 2>&1; then
            break
        fi
        sleep 0.2
    done
    if [[ "$(psql_cmd -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]]; then
        psql_cmd -d postgres -c "CREATE DATABASE $DB" >/dev/null
    fi
    echo "$URL"
}

stop() {
    if is_running; then
        as_owner "$BIN/pg_ctl" stop -D "$DATA" -m fast -w >/dev/null
    fi
}

case "${1:-}" in
start) start ;;
stop) stop ;;
url) echo "$URL" ;;
status) is_running ;;
destroy)
    stop
    rm -rf "$DATA"
    ;;
*)
    echo "usage: $0 start|stop|url|status|destroy" >&2
    exit 2
    ;;
esac
