#!/usr/bin/env bash
# Formatting: every tracked C++ file (git ls-files '*.h' '*.cc') is exactly as the repository's
# .clang-format makes it. Needs no build; fails listing each difference. Fix with `make format`.
# Usage: tests/checks/format.sh [SOURCE_DIR]     (default: the repository holding this script)
# clang-format-14 is preferred (the version the tree is formatted with: another version may move code).
set -euo pipefail
root=${1:-"$(dirname "$0")/../.."}
cd "$root"
fmt=$(command -v clang-format-14 || command -v clang-format || true)
[ -n "$fmt" ] || { echo "format: clang-format not found (scripts/install-deps.sh installs clang-format-14)"; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -d '' files < <(git ls-files -z -- '*.h' '*.cc')
else  # an export without .git: the C++ folders
  mapfile -d '' files < <(find src bench tests -name node_modules -prune -o \( -name '*.h' -o -name '*.cc' \) -print0 2>/dev/null)
fi
((${#files[@]})) || { echo "format: no C++ files found in $PWD"; exit 1; }
if ! out=$(printf '%s\0' "${files[@]}" | xargs -0 "$fmt" --dry-run -Werror 2>&1); then
  printf '%s\n' "$out" | head -200
  bad=$(printf '%s\n' "$out" | grep -oE '^[^:]+\.(h|cc):[0-9]+:[0-9]+: error' | cut -d: -f1 | sort -u)
  echo "format: $(printf '%s\n' "$bad" | grep -c .) file(s) differ from .clang-format ($("$fmt" --version | grep -oE '[0-9]+\.[0-9.]+' | head -1)):"
  printf '  %s\n' $bad
  echo "format: run 'make format' (clang-format -i) and commit"
  exit 1
fi
echo "format: ${#files[@]} files clean ($(basename "$fmt"))"
