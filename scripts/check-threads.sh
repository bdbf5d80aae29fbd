#!/usr/bin/env bash
# Clang's thread-safety analysis over Pol's sources: the src/**/*.cc files of the build (tests,
# benchmarks and fuzz targets excepted) are compiled with clang++ -fsyntax-only -Wthread-safety
# -Werror=thread-safety, so a GUARDED_BY field touched without its Mutex, or a REQUIRES/EXCLUDES
# contract broken, fails. The include paths and defines come from the build's compile_commands.json
# (a g++ build: its warning and sanitizer flags are dropped; -I/-isystem/-iquote/-D/-U/-include/-std kept).
#
# Only the files where the analysis has something to check are analysed: a file that uses an annotation
# (GUARDED_BY, REQUIRES, EXCLUDES, ACQUIRE, CAPABILITY, …) itself, or includes directly a Pol header that
# does (base/mutex.h, a class with guarded members, a function with a lock contract). Locking a Mutex,
# touching a guarded member or calling an annotated function needs that header's declarations, which a
# file names in its own includes; a file that reaches them only through a second header is not analysed.
# That is 71 of 355 files instead of the 151 that include base/thread_annotations.h at any depth (which
# cost about 8 CPU-minutes per run on two cores). POL_THREADS_ALL=1 analyses every file.
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

annotation = re.compile(r"\b(GUARDED_BY|PT_GUARDED_BY|REQUIRES|REQUIRES_SHARED|EXCLUDES|ACQUIRE|"
                        r"ACQUIRE_SHARED|RELEASE|RELEASE_SHARED|TRY_ACQUIRE|CAPABILITY|ASSERT_CAPABILITY|"
                        r"LOCK_RETURNED|NO_THREAD_SAFETY_ANALYSIS)\(|\bSCOPED_CAPABILITY\b")
texts = {}
def uses_annotations(path):
    if path not in texts:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                texts[path] = bool(annotation.search(f.read()))
        except OSError:
            texts[path] = False
    return texts[path]

def has_something_to_check(tu, dirs):
    if uses_annotations(tu):
        return True
    for inc in includes_of(tu):
        for d in [os.path.dirname(tu)] + dirs:
            cand = os.path.normpath(os.path.join(d, inc))
            if cand.startswith(ours) and os.path.isfile(cand):
                if os.path.basename(cand) != "thread_annotations.h" and uses_annotations(cand):
                    return True
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
    if analyse_all != "1" and not has_something_to_check(f, dirs):
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
  echo "threads: none of the $total files uses thread-safety annotations: nothing to analyse"
  exit 0
fi
echo "threads: analysing $count of $total files (those that use thread-safety annotations or include a header that does)"
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
