#!/usr/bin/env python3
"""Include layering: a folder under src/ may include the folders above it in the dependency order,
never one below it.

The order is src/CMakeLists.txt's folder list (the order the libraries are added in), which
docs/architecture.md's table must follow: the check also fails when a folder is missing from that
table or the table lists folders in another order. Tests, test helpers, benchmarks and fuzz targets
may include anything (see checklib.is_test_file). Includes of another folder's internal/ headers are
refused too.

Usage: check_layering.py [SOURCE_DIR]     (default: the repository holding this script)
Exit status 0 when clean, 1 with one line per violation:
  src/base/x.h:3 includes store/db.h (store is below this folder)
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checklib  # noqa: E402

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
DOC_ROW = re.compile(r"^\|\s*`([\w-]+)/`\s*\|")


def doc_table_order(doc_path):
    """Folders in the order of docs/architecture.md's layering table (rows starting | `name/` |)."""
    if not os.path.exists(doc_path):
        return None
    with open(doc_path, encoding="utf-8") as f:
        return [m.group(1) for m in (DOC_ROW.match(line) for line in f) if m]


def check(root):
    problems = []
    order = checklib.folder_order(os.path.join(root, "src", "CMakeLists.txt"))
    if not order:
        return ["src/CMakeLists.txt: no folder list found (foreach(dir ...) add_subdirectory(${dir}))"], 0
    rank = {name: i for i, name in enumerate(order)}

    # The architecture table tells the same order.
    doc = doc_table_order(os.path.join(root, "docs", "architecture.md"))
    if doc is not None:
        present = [d for d in order if os.path.isdir(os.path.join(root, "src", d))]
        for d in present:
            if d not in doc:
                problems.append(f"docs/architecture.md: the layering table has no row for {d}/ "
                                f"(src/CMakeLists.txt lists it)")
        common_doc = [d for d in doc if d in present]
        common_cmake = [d for d in present if d in doc]
        if common_doc != common_cmake:
            problems.append("docs/architecture.md: the layering table's order (" + " ".join(common_doc) +
                            ") differs from src/CMakeLists.txt's (" + " ".join(common_cmake) + ")")

    files = checklib.source_files(root)
    checked = 0
    for path in files:
        parts = path.split("/")  # src/<folder>/...
        if len(parts) < 3:
            continue
        folder = parts[1]
        if checklib.is_test_file("/".join(parts[1:])):
            continue
        if folder not in rank:
            problems.append(f"{path}: folder {folder}/ is not in src/CMakeLists.txt's folder list")
            continue
        checked += 1
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                inc = m.group(1)
                target = inc.split("/")[0]
                if target not in rank or "/" not in inc:
                    continue  # a system or third-party header
                if rank[target] > rank[folder]:
                    problems.append(f"{path}:{lineno} includes {inc} ({target} is below this folder)")
                elif target != folder and "internal" in inc.split("/")[1:-1]:
                    problems.append(f"{path}:{lineno} includes {inc} ({target}'s internal headers are its own)")
    return problems, checked


def main(argv):
    root = os.path.abspath(argv[1] if len(argv) > 1 else
                           os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    problems, checked = check(root)
    for p in problems:
        print(p)
    order = " ".join(checklib.folder_order(os.path.join(root, "src", "CMakeLists.txt")))
    if problems:
        print(f"layering: {len(problems)} problem(s); a folder may include only folders above it in: {order}")
        return 1
    print(f"layering: {checked} files follow the order {order}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
