#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each one.
#   scripts/fuzz.sh          60 s per target
#   scripts/fuzz.sh --short  15 s per target (part of `make test`)
# New inputs go to a scratch copy of the corpus; a crash fails the script and leaves the
# reproducer in build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=60
[ "${1:-}" = "--short" ] && secs=15
BUILD=build-fuzz
SAN=-fsanitize=fuzzer-no-link,address,undefined
CC=clang-14 CXX=clang++-14 cmake -S . -B $BUILD -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOL_FUZZ=ON \
  -DPOL_BENCH=OFF -DCMAKE_CXX_FLAGS="$SAN -fno-omit-frame-pointer" >/dev/null
targets=(text_normalize_fuzz text_tokenize_fuzz text_jalali_parse_fuzz)
ninja -C $BUILD -j"$(nproc)" "${targets[@]}" >"$BUILD/ninja.log" 2>&1 || { tail -30 "$BUILD/ninja.log"; exit 1; }
mkdir -p $BUILD/crashes
for t in "${targets[@]}"; do
  name=${t#text_}; name=${name%_fuzz}
  work=$(mktemp -d)
  cp -r src/text/fuzz/corpus/$name/. "$work/"
  echo "fuzz: $t for ${secs}s"
  $BUILD/src/text/$t -max_total_time=$secs -print_final_stats=0 -artifact_prefix=$BUILD/crashes/$name- \
    "$work" >"$BUILD/$t.log" 2>&1 || { tail -40 "$BUILD/$t.log"; echo "fuzz: $t FAILED"; exit 1; }
  grep -E '^#[0-9]+.*DONE' "$BUILD/$t.log" | tail -1 || true
  rm -rf "$work"
done
echo "fuzz: all targets ran clean"
