#!/usr/bin/env bash
# Runs Pol's benchmarks against the release build (make bench) and prints the figures that go into
# docs/benchmarks.md. Traffic stays on loopback. Usage: scripts/bench.sh [--http-only]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
POL=$BUILD/src/cli/pol
DUR=${DUR:-10}
[ -x "$POL" ] || { echo "build first: make build" >&2; exit 1; }

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name: *//p')"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ)"

data=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
$POL init --data "$data" >/dev/null
$POL demo --data "$data" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

start=$(date +%s%N)
$POL serve --data "$data" --listen 127.0.0.1:$port 2>"$data/serve.log" &
pid=$!
until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.005; done
ready=$(( ($(date +%s%N) - start) / 1000000 ))
sleep 1
rss_idle=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
echo "serve_startup_ms=$ready"
echo "serve_idle_rss_kib=$rss_idle"

cookie=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"login":"council","password":"demo1405"}' "http://127.0.0.1:$port/api/v1/auth/login" |
  sed -n 's/^[Ss]et-[Cc]ookie: \(pol_session=[^;]*\).*/\1/p')
POL_COOKIE="$cookie" wrk -t2 -c64 -d${DUR}s --latency -s bench/http/auth_get.lua \
  "http://127.0.0.1:$port/api/v1/councils/1" | grep RESULT | sed 's/^/auth_get_small_json: /'
echo "serve_rss_after_load_kib=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)"

if [ "${1:-}" != "--http-only" ]; then
  for b in $BUILD/bench/*/*_benchmark; do
    [ -x "$b" ] && "$b" --benchmark_min_time=0.5 2>/dev/null
  done
fi
