#!/usr/bin/env bash
# The citizens' channel under load (issue 6): durable submissions/s and status lookups/s with wrk against
# a release `pol serve` on loopback, then the routing micro-benchmark. Usage: scripts/bench_citizen.sh
# (BUILD=build-rel by default; DUR seconds per run; WORKERS = POL_WORKER_THREADS for the write pool).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-rel}
POL=$BUILD/src/cli/pol
DUR=${DUR:-10}
WORKERS=${WORKERS:-64}
[ -x "$POL" ] || { echo "build first: cmake -B $BUILD -DCMAKE_BUILD_TYPE=Release -DPOL_BENCH=ON && ninja -C $BUILD pol citizen_benchmark" >&2; exit 1; }
echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ)"
data=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
$POL init --data "$data" >/dev/null
$POL demo --data "$data" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Every web submission texts a one-time code: the "log" SMS provider (codes go to the log) stands in for the
# gateway; its hourly budget is off (0) like the rate limits.
POL_CITIZEN_RATE_LIMITS=off POL_SMS_PROVIDER=log POL_CITIZEN_SMS_PER_HOUR=0 POL_WORKER_THREADS=$WORKERS POL_LOG_LEVEL=error \
  $POL serve --data "$data" --listen 127.0.0.1:$port 2>"$data/serve.log" &
pid=$!
until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.01; done
wrk -t2 -c64 -d${DUR}s --latency -s bench/http/citizen_submit.lua "http://127.0.0.1:$port" | grep RESULT |
  sed 's/^/citizen_submit_durable: /'
# The submissions left one SMS job each in the queue: let the workers finish them (at most a minute) so the
# lookups are measured alone, as they were before codes were texted.
for _ in $(seq 600); do
  [ "$(sqlite3 "$data/pol.db" "SELECT COUNT(*) FROM jobs WHERE state IN ('ready','leased')")" = 0 ] && break
  sleep 0.1
done
echo "jobs_left_before_lookups=$(sqlite3 "$data/pol.db" "SELECT COUNT(*) FROM jobs WHERE state IN ('ready','leased')")"
# Status lookups: the demo's verified requests (their codes straight from the database).
codes=$(sqlite3 "$data/pol.db" "SELECT group_concat(tracking_code) FROM citizen_requests WHERE verified = 1")
CODES="$codes" wrk -t2 -c64 -d${DUR}s --latency -s bench/http/citizen_status.lua "http://127.0.0.1:$port" | grep RESULT |
  sed 's/^/citizen_status_lookup: /'
echo "stored_requests=$(sqlite3 "$data/pol.db" 'SELECT COUNT(*) FROM citizen_requests')"
[ -x "$BUILD/src/citizen/citizen_benchmark" ] && "$BUILD/src/citizen/citizen_benchmark" --benchmark_min_time=0.5 2>/dev/null
