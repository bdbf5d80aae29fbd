#!/usr/bin/env bash
# Clang's thread-safety analysis over Pol's sources: the src/**/*.cc files of the build (tests,
# benchmarks and fuzz targets excepted) are compiled with clang++ -fsyntax-only -Wthread-safety
# -Werror=thread-safety, so a GUARDED_BY field touched without its Mutex, or a REQUIRES/EXCLUDES
# contract broken, fails. The include paths and defines come from the build's compile_commands.json
# (a g++ build: its warning and sanitizer flags are dropped; -I/-isystem/-iquote/-D/-U/-include/-std kept).
#
# Only the files that include base/thread_annotations.h (directly or through any Pol header, e.g.
# base/mutex.h) are analysed: the analysis has nothing to check elsewhere (libstdc++'s std::mutex carries
# no annotations), and all 127 files cost about 5 CPU-minutes. POL_THREADS_ALL=1 analyses every file.
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
# One response file per translation unit to analyse: its flags and the file.
python3 - "$db" "$src" "$build" "$work" "${POL_THREADS_ALL:-0}" <<'PY'
import json, os, re, shlex, sys
db, src, build, work, analyse_all = sys.argv[1:6]
test = re.compile(r"(_test|_tests|_benchmark|_bench|_fuzz)\.cc$|/(fuzz|testing|testdata)/|/test_[^/]*$")
include = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]', re.M)
keep_with_arg = {"-I", "-isystem", "-iquote", "-D", "-U", "-include"}
ours = (src + os.sep, build + os.sep)  # headers followed for the include closure: Pol's own and generated

headers = {}
def includes_of(path):
    if path not in headers:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                headers[path] = include.findall(f.read())
        except OSError:
            headers[path] = []
    return headers[path]

def closure_has_annotations(tu, dirs):
    todo, seen = [tu], {tu}
    while todo:
        cur = todo.pop()
        for inc in includes_of(cur):
            for d in [os.path.dirname(cur)] + dirs:
                cand = os.path.normpath(os.path.join(d, inc))
                if cand.startswith(ours) and os.path.isfile(cand):
                    if os.path.basename(cand) == "thread_annotations.h":
                        return True
                    if cand not in seen:
                        seen.add(cand); todo.append(cand)
                    break
    return False

done, total, n = set(), 0, 0
for entry in json.load(open(db)):
    cwd = entry.get("directory", "")
    f = os.path.normpath(os.path.join(cwd, entry["file"]))
    if not f.startswith(os.path.join(src, "src") + os.sep) or test.search(f) or f in done:
        continue
    done.add(f)
    total += 1
    args = entry.get("arguments") or shlex.split(entry["command"])
    flags, dirs, i = [], [], 1
    while i < len(args):
        a, nxt = args[i], args[i + 1] if i + 1 < len(args) else ""
        if a in keep_with_arg and nxt:  # -I dir: paths made absolute (clang runs here, not in cwd)
            if a not in ("-D", "-U"): nxt = os.path.join(cwd, nxt)
            flags += [a, nxt]; i += 2
            if a != "-include" and a not in ("-D", "-U"): dirs.append(nxt)
            continue
        m = re.match(r"-(I|isystem|iquote|D|U|include)(\S+)|-std=", a)
        if m and m.group(1) in ("I", "isystem", "iquote", "include"):
            flags.append("-" + m.group(1) + os.path.join(cwd, m.group(2)))
            if m.group(1) != "include": dirs.append(os.path.join(cwd, m.group(2)))
        elif m:
            flags.append(a)
        i += 1
    if analyse_all != "1" and not closure_has_annotations(f, dirs):
        continue
    n += 1
    with open(os.path.join(work, f"{n:04d}.rsp"), "w") as out:
        out.write("\n".join(shlex.quote(x) for x in flags + [f]) + "\n")
with open(os.path.join(work, "total"), "w") as out:
    out.write(str(total))
PY
total=$(cat "$work/total")
count=$(find "$work" -name '*.rsp' | wc -l)
((total)) || { echo "threads: no source under $src/src in $db"; exit 1; }
if ((count == 0)); then
  echo "threads: none of the $total files includes base/thread_annotations.h: nothing to analyse"
  exit 0
fi
echo "threads: analysing $count of $total files (those that include base/thread_annotations.h)"
status=0
find "$work" -name '*.rsp' | sort | sed 's/^/@/' | xargs -P"${POL_THREADS_JOBS:-2}" -n1 "$clangxx" -fsyntax-only \
  -Wno-unknown-warning-option -Wthread-safety -Werror=thread-safety >"$work/log" 2>&1 || status=$?
secs=$(($(date +%s) - start))
if ((status)); then
  cat "$work/log"
  echo "threads: FAILED ($(grep -c 'error:' "$work/log" || true) error(s) in $count files, ${secs}s)"
  exit 1
fi
echo "threads: $count files pass clang's -Wthread-safety ($(basename "$clangxx"), ${secs}s)"
