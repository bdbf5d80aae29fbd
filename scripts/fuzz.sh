#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each one.
#   scripts/fuzz.sh          60 s per target
#   scripts/fuzz.sh --short  15 s per target (part of `make test`)
# New inputs go to a scratch copy of the corpus; a crash fails the script and leaves the
# reproducer in build-fuzz/crashes/.
#
# The targets: one row per fuzzer — "ninja target | binary path under build-fuzz | corpus dir".
# A new fuzzer is a pol_fuzzer() in its folder's CMakeLists.txt, a seed corpus, and a row here.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGETS=(
  "text_normalize_fuzz     | src/text/text_normalize_fuzz              | src/text/fuzz/corpus/normalize"
  "text_tokenize_fuzz      | src/text/text_tokenize_fuzz               | src/text/fuzz/corpus/tokenize"
  "text_jalali_parse_fuzz  | src/text/text_jalali_parse_fuzz           | src/text/fuzz/corpus/jalali_parse"
  "monitor_feed_fuzz       | src/monitor/monitor_feed_fuzz             | src/monitor/fuzz/corpus/feed"
  "monitor_extract_fuzz    | src/monitor/monitor_extract_fuzz          | src/monitor/fuzz/corpus/extract"
  "newsroom_sanitize_fuzz  | src/newsroom/newsroom_sanitize_fuzz       | src/newsroom/fuzz/corpus/sanitize"
  "http_json_body_fuzz     | src/http/http_json_body_fuzz              | src/http/fuzz/corpus/json_body"
  "http_form_fuzz          | src/http/http_form_fuzz                   | src/http/fuzz/corpus/form"
)
secs=60
[ "${1:-}" = "--short" ] && secs=15
BUILD=build-fuzz
SAN=-fsanitize=fuzzer-no-link,address,undefined
CC=clang-14 CXX=clang++-14 cmake -S . -B $BUILD -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOL_FUZZ=ON \
  -DPOL_BENCH=OFF -DCMAKE_CXX_FLAGS="$SAN -fno-omit-frame-pointer" >/dev/null
trim() { local s="$1"; s="${s#"${s%%[![:space:]]*}"}"; printf '%s' "${s%"${s##*[![:space:]]}"}"; }
names=() bins=() corpora=()
for row in "${TARGETS[@]}"; do
  IFS='|' read -r t b c <<<"$row"
  names+=("$(trim "$t")") bins+=("$(trim "$b")") corpora+=("$(trim "$c")")
done
ninja -C $BUILD -j"${FUZZ_JOBS:-$(nproc)}" "${names[@]}" >"$BUILD/ninja.log" 2>&1 || { tail -30 "$BUILD/ninja.log"; exit 1; }
mkdir -p $BUILD/crashes
# The targets run side by side, one per core (FUZZ_JOBS): each is single-threaded.
run_one() {
  local t=$1 bin=$2 corpus=$3 work
  work=$(mktemp -d)
  cp -r "$corpus/." "$work/"
  $BUILD/$bin -max_total_time=$secs -print_final_stats=0 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix=$BUILD/crashes/$t- "$work" >"$BUILD/$t.log" 2>&1 ||
    { rm -rf "$work"; return 1; }
  rm -rf "$work"
}
jobs_max=${FUZZ_JOBS:-$(nproc)}
pids=() failed=()
for i in "${!names[@]}"; do
  echo "fuzz: ${names[$i]} for ${secs}s"
  run_one "${names[$i]}" "${bins[$i]}" "${corpora[$i]}" &
  pids[$i]=$!
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
done
for i in "${!names[@]}"; do
  t=${names[$i]}
  if wait "${pids[$i]}"; then
    grep -E '^#[0-9]+.*DONE' "$BUILD/$t.log" | tail -1 || true
  else
    tail -40 "$BUILD/$t.log"; echo "fuzz: $t FAILED"; failed+=("$t")
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}"; exit 1; }
echo "fuzz: all targets ran clean"
