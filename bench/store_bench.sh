#!/usr/bin/env bash
# SQLite vs PostgreSQL with one node vs PostgreSQL with two nodes, in one run (issue 14, "Speed"), the four
# workloads of the issue, on a Release `pol`:
#   auth_get          authenticated small JSON GET (GET /api/v1/councils/1 with a session cookie; wrk)
#   citizen_submit    durable citizen submissions (POST /open311/v2/requests.json, 201 = committed; wrk)
#   fanout            release publication with fan-out: 5 messenger channels + a 2,000-address press list
#                     (bench/distribution/fanout.mjs: the publish request, then deliveries/s until all sent)
#   search            monitoring search through the API at ITEMS items (1,000,000), a fixed set of 210
#                     two-term queries one at a time (bench/monitor/search_p95.mjs: p50/p95); the set is
#                     `seed_media_items --queries 210` (deterministic: sample title words, seed 14), kept in
#                     STATE/search_queries.txt
#
#   bench/store_bench.sh --seed-only     build the search databases once (SQLite folder + PostgreSQL
#                                        database, ITEMS items each); kept in STATE for every later run
#   bench/store_bench.sh                 run everything (seeds first only what is not seeded yet)
#   bench/store_bench.sh --only search   one workload (auth_get, citizen_submit, fanout or search)
#
# Environment: BUILD=build-rel (cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOL_BENCH=ON;
# ninja -C build-rel pol seed_media_items), ITEMS=1000000, STATE=/var/tmp/pol-store-bench (the seeded
# databases and the PostgreSQL cluster's folder), DUR=10 (seconds per wrk run), CONNS=64, CONTACTS=2000,
# RUNS=3 (fan-out runs; the median is reported).
#
# PostgreSQL: a durable cluster (scripts/pg-test-cluster.sh, POL_PG_DURABLE=1: fsync and synchronous_commit
# on, like SQLite's synchronous=FULL) in STATE/pg on this machine, one database per setup and workload.
# Two nodes: two `pol serve` on one database and one data folder; wrk runs against both at once (half the
# connections each; req/s summed, p99 the worse of the two), the search alternates its queries between
# them, and the fan-out's deliveries are shared by both nodes' workers.
# Prints one line per setup and workload as it goes, then one table.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-rel}
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
POL=$BUILD/src/cli/pol
SEED=$BUILD/bench/monitor/seed_media_items
ITEMS=${ITEMS:-1000000}
STATE=${STATE:-/var/tmp/pol-store-bench}
DUR=${DUR:-10}
CONNS=${CONNS:-64}
CONTACTS=${CONTACTS:-2000}
RUNS=${RUNS:-3}
seed_only=0 only=""
while [ $# -gt 0 ]; do
  case "$1" in
  --seed-only) seed_only=1 ;;
  --only) only=$2; shift ;;
  *) echo "usage: $0 [--seed-only] [--only auth_get|citizen_submit|fanout|search]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$POL" ] && [ -x "$SEED" ] || {
  echo "build first: cmake -S . -B $BUILD -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOL_BENCH=ON && ninja -C $BUILD pol seed_media_items" >&2
  exit 1
}
for tool in wrk node psql; do command -v $tool >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done
wants() { [ -z "$only" ] || [ "$only" = "$1" ]; }

mkdir -p "$STATE"
chmod 0755 "$STATE"  # the PostgreSQL server runs as nobody when we are root: it must reach STATE/pg
work=$(mktemp -d /tmp/pol-store-bench-XXXXXX)
pids=()
stop_nodes() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_nodes
  POL_PG_FOLDER="$STATE/pg" scripts/pg-test-cluster.sh stop "$work/pgstate" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL as a server is set up (docs/deployment.md, section 7, "PostgreSQL's memory"): shared
# buffers that hold the seeded tables (4 GB of this machine's 24 GiB), in huge pages. Without huge pages
# each server process faults on every 4 kB of the shared buffers it touches for the first time — on this
# virtual machine ~25 µs a table page: a search that reads 9,000 pages took 250 ms in a fresh connection
# and 27 ms in a used one (40 ms fresh with huge pages). As root the script reserves the huge pages if
# fewer are reserved (vm.nr_hugepages, 2 MB each); otherwise PostgreSQL starts with normal pages
# (huge_pages=try).
PG_SHARED_BUFFERS_MB=${PG_SHARED_BUFFERS_MB:-4096}
hugepages=$((PG_SHARED_BUFFERS_MB / 2 + 200))  # + PostgreSQL's other shared memory
if [ "$(id -u)" = 0 ] && [ "$(cat /proc/sys/vm/nr_hugepages)" -lt $hugepages ]; then
  sysctl -q -w vm.nr_hugepages=$hugepages || true
fi
echo "# PostgreSQL: shared_buffers ${PG_SHARED_BUFFERS_MB} MB; huge pages reserved: $(cat /proc/sys/vm/nr_hugepages)"
POL_PG_SHARED_BUFFERS=${PG_SHARED_BUFFERS_MB}MB POL_PG_OPTIONS="-c huge_pages=try" POL_PG_DURABLE=1 \
  POL_PG_FOLDER="$STATE/pg" scripts/pg-test-cluster.sh start "$work/pgstate" >/dev/null
admin_url=$(cat "$work/pgstate/url")
db_url() { echo "${admin_url%/*}/$1"; }
has_db() { [ "$(psql -X -tA "$admin_url" -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A data folder DIR for BACKEND (sqlite, or postgresql: the database DB, named in DIR/pol.toml with the
# cluster's current port), made with `pol init` + `pol demo` when it is new.
make_data() {
  local backend=$1 dir=$2 db=${3:-}
  local fresh=0
  [ -d "$dir" ] || fresh=1
  mkdir -p "$dir"
  if [ "$backend" = postgresql ]; then
    has_db "$db" || { psql -X -q "$admin_url" -c "CREATE DATABASE $db" >/dev/null; fresh=1; }
    echo "db = \"$(db_url "$db")\"" >"$dir/pol.toml"
  fi
  if [ $fresh = 1 ]; then
    $POL init --data "$dir" >/dev/null
    $POL demo --data "$dir" >/dev/null
  fi
}

# The seeded search folder of BACKEND, with ITEMS synthetic items in the demo council.
search_dir() { echo "$STATE/search-$1"; }
seed() {
  local backend=$1 dir url
  dir=$(search_dir "$backend")
  make_data "$backend" "$dir" pol_bench_search
  if [ "$backend" = sqlite ]; then url=$dir/pol.db; else url=$(db_url pol_bench_search); fi
  echo "# seeding $backend with $ITEMS items ($(date -u +%H:%M:%SZ))"
  local t0=$SECONDS
  "$SEED" --db "$url" --items "$ITEMS"
  echo "# seeded $backend in $((SECONDS - t0)) s"
}

queries=$STATE/search_queries.txt
if [ $seed_only = 0 ] && wants search && [ ! -s "$queries" ]; then
  # Title words that carry a quote mark would be an unbalanced phrase: 400 invalid_query, not a search.
  "$SEED" --queries 240 | grep -v '[«»"]' | head -210 >"$queries.tmp" && mv "$queries.tmp" "$queries"
fi

if [ $seed_only = 1 ]; then
  seed sqlite
  seed postgresql
  echo "# seeding done; the search databases are in $STATE"
  exit 0
fi

# Starts `pol serve` on DIR; its port in $port (not a subshell: the pid is kept for stop_nodes).
serve() {
  local dir=$1
  port=$(free_port)
  # Every web submission texts a one-time code: the log provider, with no per-number SMS budget.
  POL_CITIZEN_RATE_LIMITS=off POL_SMS_PROVIDER=log POL_CITIZEN_SMS_PER_HOUR=0 POL_WORKER_THREADS=64 \
    POL_LOG_LEVEL=error POL_MONITOR_SCHEDULE=off \
    $POL serve --data "$dir" --listen "127.0.0.1:$port" >/dev/null 2>>"$work/serve-$port.log" &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/serve-$port.log" >&2; exit 1; }
    sleep 0.05
  done
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

# One result: a line now, a cell of the table at the end.
results=$work/results
record() {  # SETUP WORKLOAD CELL RAW — a load answered with errors or non-2xx is no figure
  local cell=$3 bad
  bad=$(( $(field errors "$4" || true) + 0 + $(field non2xx "$4" || true) + 0 ))
  [ "$bad" -gt 0 ] && cell="invalid: $bad errors or non-2xx answers"
  echo "$1 $2: $4"
  printf '%s\t%s\t%s\n' "$1" "$2" "$cell" >>"$results"
}
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

run_setup() {
  local setup=$1 backend=$2 nodes=$3 dir ports=() cookie r
  if wants auth_get || wants citizen_submit; then
    dir=$work/$setup
    make_data "$backend" "$dir" "pol_bench_${setup}_$$"
    for _ in $(seq "$nodes"); do serve "$dir"; ports+=("$port"); done
    cookie=$(login "${ports[0]}")  # sessions live in the database: the cookie works on every node
    if wants auth_get; then
      r=$(POL_COOKIE="$cookie" load bench/http/auth_get.lua /api/v1/councils/1 "${ports[@]}")
      record "$setup" auth_get "$(field rps "$r") req/s, p99 $(field p99_ms "$r") ms" "$r"
    fi
    if wants citizen_submit; then
      r=$(load bench/http/citizen_submit.lua "" "${ports[@]}")
      record "$setup" citizen_submit "$(field rps "$r") req/s, p99 $(field p99_ms "$r") ms" "$r"
    fi
    stop_nodes
    ports=()
    [ "$backend" = postgresql ] && psql -X -q "$admin_url" -c "DROP DATABASE pol_bench_${setup}_$$" >/dev/null
  fi
  if wants fanout; then
    local pg_env=(-u POL_TEST_PG_URL)  # fanout.mjs's servers: SQLite without it, a new database with it
    [ "$backend" = postgresql ] && pg_env=(POL_TEST_PG_URL="$admin_url")
    r=$(env "${pg_env[@]}" POL_BIN="$POL" node bench/distribution/fanout.mjs --contacts "$CONTACTS" --runs "$RUNS" \
      --nodes "$nodes" 2>"$work/fanout.err" | grep RESULT) || { cat "$work/fanout.err" >&2; exit 1; }
    record "$setup" fanout "publish $(field publish_ms "$r") ms, $(field deliveries_per_s "$r") deliveries/s" "$r"
  fi
  if wants search; then
    seed "$backend" >"$work/seed.out" 2>&1 || { cat "$work/seed.out" >&2; exit 1; }
    grep -q 'already has' "$work/seed.out" || sed 's/.*\r//' "$work/seed.out"  # seeded now: say how long it took
    dir=$(search_dir "$backend")
    for _ in $(seq "$nodes"); do serve "$dir"; ports+=("$port"); done
    if [ "$backend" = postgresql ]; then
      # A serving database has its hot tables in its cache; a freshly started cluster has not. SQLite's
      # file is in the kernel's page cache already (seeded or searched before).
      PGOPTIONS=--client-min-messages=warning psql -X -q "$(db_url pol_bench_search)" -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" \
        -c "SELECT pg_prewarm(c.oid) FROM pg_class c WHERE c.relname IN ('media_items', 'media_items_search', 'media_items_pkey') OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE relname = 'media_items')" >/dev/null
    fi
    r=$(node bench/monitor/search_p95.mjs --queries "$queries" --ports "$(IFS=,; echo "${ports[*]}")" | grep RESULT)
    record "$setup" search "p50 $(field p50_ms "$r") ms, p95 $(field p95_ms "$r") ms" "$r"
    stop_nodes
  fi
}

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ); pol: $POL; wrk -c$CONNS -d${DUR}s; fan-out: 5 channels + $CONTACTS addresses, $RUNS runs; search: $ITEMS items"
run_setup sqlite sqlite 1
run_setup pg_one_node postgresql 1
run_setup pg_two_nodes postgresql 2
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
awk -F'\t' '
  { if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } cell[$1 "|" $2] = $3 }
  END {
    print "| workload | SQLite | PostgreSQL, one node | PostgreSQL, two nodes |"
    print "| --- | --- | --- | --- |"
    for (i = 1; i <= n; i++) {
      w = order[i]
      printf "| %s | %s | %s | %s |\n", w, cell["sqlite|" w], cell["pg_one_node|" w], cell["pg_two_nodes|" w]
    }
  }' "$results"
