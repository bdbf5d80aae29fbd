#!/usr/bin/env bash
# SQLite vs PostgreSQL with one node vs PostgreSQL with two nodes, in one run (issue 14, "Speed"): for each
# setup, an authenticated small JSON GET (GET /api/v1/councils/1 with a session cookie) and durable citizen
# submissions (POST /open311/v2/requests.json; 201 = committed), with wrk on loopback.
#
#   bench/store_bench.sh                  BUILD=build-rel (a Release `pol`), DUR=10 seconds per run
#
# PostgreSQL: a throwaway durable cluster (scripts/pg-test-cluster.sh with POL_PG_DURABLE=1: fsync and
# synchronous_commit on, like SQLite's synchronous=FULL) on the same machine, one database per setup.
# Two nodes: two `pol serve` on one database and one data folder; wrk runs against both at once (half the
# connections each) and the figures are summed (req/s) or the worse of the two (p99).
# Prints one line per setup and measure, and the machine's load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-rel}
POL=$BUILD/src/cli/pol
DUR=${DUR:-10}
CONNS=${CONNS:-64}
[ -x "$POL" ] || { echo "build first: cmake -B $BUILD -DCMAKE_BUILD_TYPE=Release && ninja -C $BUILD pol" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed" >&2; exit 1; }

work=$(mktemp -d /tmp/pol-store-bench-XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  POL_PG_DURABLE=1 scripts/pg-test-cluster.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ); pol: $POL; wrk -c$CONNS -d${DUR}s"
POL_PG_DURABLE=1 scripts/pg-test-cluster.sh start "$work/pg" >/dev/null
admin_url=$(cat "$work/pg/url")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A demo data folder for SETUP (sqlite, or a fresh PostgreSQL database named in its pol.toml).
make_data() {
  local setup=$1 dir=$work/$1
  mkdir -p "$dir"
  if [ "$setup" != sqlite ]; then
    local db="pol_bench_$setup"
    psql -X -q "$admin_url" -c "CREATE DATABASE $db" >/dev/null
    echo "db = \"${admin_url%/*}/$db\"" >"$dir/pol.toml"
  fi
  $POL init --data "$dir" >/dev/null
  $POL demo --data "$dir" >/dev/null
  echo "$dir"
}

# Starts `pol serve` on DIR; its port in $port (not a subshell: the pid is kept for the cleanup).
serve() {
  local dir=$1
  port=$(free_port)
  POL_CITIZEN_RATE_LIMITS=off POL_WORKER_THREADS=64 POL_LOG_LEVEL=error POL_MONITOR_SCHEDULE=off \
    $POL serve --data "$dir" --listen "127.0.0.1:$port" >/dev/null 2>>"$dir/serve-$port.log" &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.05; done
}

login() {
  curl -s -D - -o /dev/null -H 'content-type: application/json' \
    -d '{"login":"council","password":"demo1405"}' "http://127.0.0.1:$1/api/v1/auth/login" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(pol_session=[^;]*\).*/\1/p'
}

# wrk against every port at once (CONNS split between them); one summed RESULT line.
load() {
  local script=$1 path=$2
  shift 2
  local n=$# i=0 out=() wrks=()
  for port in "$@"; do
    out+=("$work/wrk-$i.out")
    wrk -t1 -c$((CONNS / n)) -d${DUR}s --latency -s "$script" "http://127.0.0.1:$port$path" >"$work/wrk-$i.out" &
    wrks+=($!)
    i=$((i + 1))
  done
  wait "${wrks[@]}"
  sleep 0.2
  cat "${out[@]}" | grep RESULT | awk '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      rps += v["rps"]; req += v["requests"]; err += v["errors"]; non2xx += v["non2xx"]
      if (v["p99_ms"] > p99) p99 = v["p99_ms"]; if (v["p50_ms"] > p50) p50 = v["p50_ms"]
    } END { printf "rps=%.0f requests=%d p50_ms=%.1f p99_ms=%.1f errors=%d non2xx=%d\n", rps, req, p50, p99, err, non2xx }'
}

run_setup() {
  local setup=$1 nodes=$2 dir ports=() cookie
  dir=$(make_data "$setup")
  for _ in $(seq "$nodes"); do
    serve "$dir"
    ports+=("$port")
  done
  cookie=$(login "${ports[0]}")  # sessions live in the database: the cookie works on every node
  echo "$setup auth_get_small_json: $(POL_COOKIE="$cookie" load bench/http/auth_get.lua /api/v1/councils/1 "${ports[@]}")"
  echo "$setup citizen_submit_durable: $(load bench/http/citizen_submit.lua "" "${ports[@]}")"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}

run_setup sqlite 1
run_setup pg_one_node 1
run_setup pg_two_nodes 2
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
