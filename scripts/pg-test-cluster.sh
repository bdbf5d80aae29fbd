#!/usr/bin/env bash
# The test-run PostgreSQL: a throwaway cluster for `make test` / ctest (CTest fixture "pg_cluster").
#
#   pg-test-cluster.sh start STATE_DIR   initdb a cluster in a fresh temporary folder, start it on a free
#                                        loopback port (no system service) and write its admin URL to
#                                        STATE_DIR/url (and the folder to STATE_DIR/folder)
#   pg-test-cluster.sh stop STATE_DIR    stop it and remove the folder
#
# POL_PG_FOLDER=DIR (bench/store_bench.sh): the cluster lives in DIR instead, is made there only when DIR
# has none yet, started again on a new free port otherwise, and `stop` keeps it (a seeded database
# survives between runs).
#
# POL_PG_SHARED_BUFFERS (default 64MB, enough for tests) and POL_PG_OPTIONS (more `-c name=value`): the
# benchmarks set the cluster up as a server (bench/store_bench.sh: 4GB of shared buffers in huge pages).
#
# Debian's binaries (/usr/lib/postgresql/15/bin, or POL_PG_BIN). PostgreSQL refuses to run as root, so
# as root the server runs as `nobody` (setpriv); otherwise as the calling user. Trust authentication on
# 127.0.0.1 only: the cluster holds test data and lives for one run.
set -euo pipefail
cmd=${1:?start|stop}
state=${2:?state dir}
bin=${POL_PG_BIN:-/usr/lib/postgresql/15/bin}

as_server() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  mkdir -p "$state"
  if [ -f "$state/folder" ] && [ -d "$(cat "$state/folder")" ]; then "$0" stop "$state"; fi
  if [ -n "${POL_PG_FOLDER:-}" ]; then
    folder=$POL_PG_FOLDER
    mkdir -p "$folder"
  else
    folder=$(mktemp -d /tmp/pol-pg-XXXXXX)
  fi
  chmod 0755 "$folder"
  [ "$(id -u)" = 0 ] && chown nobody:nogroup "$folder"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  if [ ! -f "$folder/data/PG_VERSION" ]; then
    rm -rf "$folder/data"
    as_server "$bin/initdb" -D "$folder/data" -U pol --auth=trust -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 ||
      { cat "$folder/initdb.log" >&2; exit 1; }
  elif as_server "$bin/pg_ctl" -D "$folder/data" status >/dev/null 2>&1; then
    as_server "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null  # left running by an interrupted run
  fi
  # Tests need no durability; benchmarks (POL_PG_DURABLE=1, bench/store_bench.sh) keep PostgreSQL's
  # defaults: a commit is on disk when it is acknowledged, as SQLite's synchronous=FULL.
  durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${POL_PG_DURABLE:-0}" = 1 ] && durability=""
  as_server "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$folder $durability \
        -c max_connections=300 -c shared_buffers=${POL_PG_SHARED_BUFFERS:-64MB} ${POL_PG_OPTIONS:-}" \
    start >/dev/null || { cat "$folder/server.log" >&2; exit 1; }
  echo "$folder" >"$state/folder"
  echo "postgresql://pol@127.0.0.1:$port/postgres" >"$state/url"
  echo "PostgreSQL test cluster on 127.0.0.1:$port in $folder"
  ;;
stop)
  [ -f "$state/folder" ] || exit 0
  folder=$(cat "$state/folder")
  if [ -n "${POL_PG_FOLDER:-}" ]; then
    # Kept for the next start: a clean shutdown (no recovery on the next start).
    as_server "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -f "$state/folder" "$state/url"
    exit 0
  fi
  if [ -d "$folder/data" ]; then as_server "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null || true; fi
  rm -rf "$folder" "$state/folder" "$state/url"
  ;;
*) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
