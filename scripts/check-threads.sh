#!/usr/bin/env bash
# Clang's thread-safety analysis over Pol's sources: every src/**/*.cc of the build (tests,
# benchmarks and fuzz targets excepted) is compiled with clang++ -fsyntax-only -Wthread-safety
# -Werror=thread-safety, so a GUARDED_BY field touched without its Mutex, or a REQUIRES/EXCLUDES
# contract broken, fails. The include paths and defines come from the build's compile_commands.json
# (the g++ build: its warning and sanitizer flags are dropped, only -I/-isystem/-D/-std/-include kept).
#   scripts/check-threads.sh [BUILD_DIR [SOURCE_DIR]]     defaults: build-test, this repository
#   POL_THREADS_JOBS=N  parallel clang processes (default 2)
# Exit 0 when clean; otherwise clang's diagnostics and exit 1.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/build-test}" && pwd)
src=$(cd "${2:-$here}" && pwd)
db=$build/compile_commands.json
[ -f "$db" ] || { echo "threads: $db missing: configure the build first (make test-build)"; exit 1; }
clangxx=$(command -v clang++-14 || command -v clang++ || true)
[ -n "$clangxx" ] || { echo "threads: clang++ not found (scripts/install-deps.sh installs clang-14)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
# One response file per translation unit: its -I/-isystem/-D/-std/-include flags and the file.
python3 - "$db" "$src" "$work" <<'PY'
import json, os, re, shlex, sys
db, src, work = sys.argv[1:4]
test = re.compile(r"(_test|_tests|_benchmark|_bench|_fuzz)\.cc$|/(fuzz|testing|testdata)/|/test_[^/]*$")
keep_with_arg = {"-I", "-isystem", "-iquote", "-D", "-U", "-include"}
seen = set()
n = 0
for entry in json.load(open(db)):
    f = os.path.normpath(os.path.join(entry.get("directory", ""), entry["file"]))
    if not f.startswith(os.path.join(src, "src") + os.sep) or test.search(f) or f in seen:
        continue
    seen.add(f)
    args = entry.get("arguments") or shlex.split(entry["command"])
    flags, i = [], 1
    while i < len(args):
        a = args[i]
        if a in keep_with_arg and i + 1 < len(args):
            flags += [a, args[i + 1]]; i += 2; continue
        if re.match(r"-(I|isystem|iquote|D|U|include)\S|-std=", a):
            flags.append(a)
        i += 1
    n += 1
    with open(os.path.join(work, f"{n:04d}.rsp"), "w") as out:
        out.write("\n".join(shlex.quote(x) for x in flags + [f]) + "\n")
print(f"threads: {n} translation units")
PY
count=$(ls "$work" | wc -l)
((count)) || { echo "threads: no source under $src/src in $db"; exit 1; }
status=0
ls "$work"/*.rsp | sed 's/^/@/' | xargs -P"${POL_THREADS_JOBS:-2}" -n1 "$clangxx" -fsyntax-only \
  -Wno-unknown-warning-option -Wthread-safety -Werror=thread-safety >"$work/log" 2>&1 || status=$?
secs=$(($(date +%s) - start))
if ((status)); then
  cat "$work/log"
  echo "threads: FAILED ($(grep -c 'error:' "$work/log" || true) error(s), $count files, ${secs}s)"
  exit 1
fi
echo "threads: $count files pass clang's -Wthread-safety ($(basename "$clangxx"), ${secs}s)"
