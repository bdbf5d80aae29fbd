#!/usr/bin/env bash
# The insight dashboard at 1,000,000 monitored items (issue 12, "Speed"; figures in docs/benchmarks.md,
# "Insight at 1M items"), in one command, on a Release build:
#
#   bench/insight_bench.sh
#
# 1. seed (once, kept in STATE/seeded.db): a copy of bench/store_bench.sh's SQLite folder with 1,000,000
#    synthetic items (STORE=/var/tmp/pol-store-bench/search-sqlite/pol.db; made by
#    `bench/store_bench.sh --seed-only`), plus a year of mentions and tones, 100,000 releases with pickups
#    and deliveries, 200,000 citizens' requests in every state (bench/insight/insight_seed.h);
# 2. settle: a fresh copy (STATE/run.db) recounts its daily mention roll-ups (what the insight.rollups
#    task does after migration 66 on an existing database): the time is printed;
# 3. widgets: every dashboard widget RUNS times (p50/p95/max ms) for the council's week, month and year
#    and one agency's month — first counted live (--live 1: the live tables only, but with the new
#    index), then through the roll-ups — plus the whole dashboard (DASH_RUNS times) and the weekly
#    bulletin PDF (PDF_RUNS times);
# 4. writes: ingest (items/s), citizens' submissions (requests/s) and deliveries queued then sent
#    (deliveries/s), N each, with the roll-up triggers and without them (dropped on the copy), ROUNDS
#    rounds alternating, medians printed. (Submissions fire no roll-up trigger: their difference is noise
#    and the partial indexes of migration 66, which stay in both.)
#
# Optional: BEFORE_BENCH=path/to/insight_bench built from the commit before the roll-ups (git log
# bench/insight) runs step 3 with that binary too, on a copy stripped of migration 66 (the exact
# queries of main before this change; BEFORE_RUNS times each, default 3: a live mentions count takes
# seconds there).
#
# Environment: BUILD=build-rel (cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOL_BENCH=ON;
# ninja -C build-rel insight_bench insight_dashboard_bench), STATE=/var/tmp/pol-insight-bench, RUNS=20,
# DASH_RUNS=5, PDF_RUNS=3, N=2000, ROUNDS=3, FONTS=web/node_modules/vazirmatn/fonts/ttf. Prints the load average before each step (the machine may be shared).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-rel}
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
BENCH=$BUILD/bench/insight/insight_bench
DASH=$BUILD/bench/insight/insight_dashboard_bench
STORE=${STORE:-/var/tmp/pol-store-bench/search-sqlite/pol.db}
STATE=${STATE:-/var/tmp/pol-insight-bench}
RUNS=${RUNS:-20}
PDF_RUNS=${PDF_RUNS:-3}
DASH_RUNS=${DASH_RUNS:-5}
BEFORE_RUNS=${BEFORE_RUNS:-3}
N=${N:-2000}
ROUNDS=${ROUNDS:-3}
FONTS=${FONTS:-$PWD/web/node_modules/vazirmatn/fonts/ttf}
[ -x "$BENCH" ] && [ -x "$DASH" ] || {
  echo "build first: cmake -S . -B $BUILD -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOL_BENCH=ON && ninja -C $BUILD insight_bench insight_dashboard_bench" >&2
  exit 1
}
[ -f "$STORE" ] || { echo "$STORE is missing: run bench/store_bench.sh --seed-only first" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed" >&2; exit 1; }
mkdir -p "$STATE"
load() { echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg) ($1)"; }
copy() { rm -f "$2" "$2-wal" "$2-shm"; cp "$1" "$2"; }

echo "# $(date -u '+%F %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
if [ ! -f "$STATE/seeded.db" ]; then
  load "seed"
  copy "$STORE" "$STATE/seeding.db"
  t0=$(date +%s)
  "$BENCH" seed --db "$STATE/seeding.db"
  sqlite3 "$STATE/seeding.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  mv "$STATE/seeding.db" "$STATE/seeded.db"
  rm -f "$STATE/seeding.db-wal" "$STATE/seeding.db-shm"
  echo "# seeded in $(( $(date +%s) - t0 )) s"
fi

if [ -n "${BEFORE_BENCH:-}" ]; then
  load "widgets, before the roll-ups ($BEFORE_BENCH)"
  copy "$STATE/seeded.db" "$STATE/before.db"
  sqlite3 "$STATE/before.db" <<'SQL'
DROP TRIGGER IF EXISTS insight_mentions_ai; DROP TRIGGER IF EXISTS insight_mentions_ad;
DROP TRIGGER IF EXISTS insight_mentions_au; DROP TRIGGER IF EXISTS insight_items_au;
DROP TRIGGER IF EXISTS insight_items_ad; DROP INDEX IF EXISTS media_items_day;
DROP TABLE IF EXISTS insight_mention_days; DROP TABLE IF EXISTS insight_mention_outlet_days;
DROP TABLE IF EXISTS insight_dirty_days; DELETE FROM schema_migrations WHERE version IN (66, 67);
SQL
  "$BEFORE_BENCH" widgets --db "$STATE/before.db" --runs "$BEFORE_RUNS"
  rm -f "$STATE/before.db"*
fi

load "settle"
copy "$STATE/seeded.db" "$STATE/run.db"
"$BENCH" settle --db "$STATE/run.db"

load "widgets, live counts"
"$BENCH" widgets --db "$STATE/run.db" --runs "$RUNS" --pdf-runs 0 --live 1
load "widgets, roll-ups"
"$BENCH" widgets --db "$STATE/run.db" --runs "$RUNS"
load "whole dashboard and bulletin PDF, roll-ups"
"$DASH" --db "$STATE/run.db" --runs "$DASH_RUNS" --pdf-runs "$PDF_RUNS" --fonts "$FONTS"

# Writes: the roll-up triggers kept (with) or dropped (without) on the same copy, alternating.
triggers=$(sqlite3 "$STATE/run.db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'insight_%'")
drop() { sqlite3 "$STATE/run.db" "$(sqlite3 "$STATE/run.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'insight_%'")"; }
restore() { sqlite3 "$STATE/run.db" "$triggers"; }
: >"$STATE/writes.txt"
for r in $(seq 1 "$ROUNDS"); do
  for mode in with without; do
    [ $mode = with ] && restore 2>/dev/null || true
    [ $mode = without ] && drop
    load "writes $mode roll-up triggers, round $r"
    "$BENCH" writes --db "$STATE/run.db" --n "$N" | sed "s/^/$mode /" | tee -a "$STATE/writes.txt"
  done
  restore 2>/dev/null || true
done
python3 - "$STATE/writes.txt" <<'PY'
import statistics, sys
rate, cpu = {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    rate.setdefault((f[0], f[1]), []).append(float(f[-2]))
    cpu.setdefault((f[0], f[1]), []).append(float(f[f.index("cpu") + 1]))
for kind in ("ingest", "submissions", "deliveries"):
    w, wo = statistics.median(rate[("with", kind)]), statistics.median(rate[("without", kind)])
    cw, cwo = statistics.median(cpu[("with", kind)]), statistics.median(cpu[("without", kind)])
    print(f"{kind:12} with roll-ups {w:8.0f}/s   without {wo:8.0f}/s   cost {100 * (wo - w) / wo:+.1f}%   "
          f"cpu {cw:.1f} vs {cwo:.1f} us/write ({100 * (cw - cwo) / cwo:+.1f}%)")
PY
