"""Shared helpers of the convention checks in tests/checks/ (see README.md there).

The checks read the source tree as it is on disk (so new, not yet committed files count too) and
know nothing about today's file names: a folder's place comes from src/CMakeLists.txt, a test file
is recognised by its name.
"""

import os
import re

CXX_EXTENSIONS = (".h", ".cc", ".hpp", ".cpp")

# Test code may include and call anything: unit tests and their helpers, benchmarks, fuzz targets.
_TEST_NAME = re.compile(
    r"(_test|_tests|_benchmark|_bench|_fuzz)\.(cc|h|cpp|hpp)$"  # x_test.cc, x_benchmark.cc, x_fuzz.cc
    r"|^test_"  # test_database.h, test_fixtures.h
    r"|_test_(util|utils|helpers?|fixtures?|support)\.(cc|h)$"  # x_test_util.h
    r"|^fake_"  # fake_env.h, fake adapters written for tests
)
_TEST_DIRS = {"testing", "testdata", "fuzz", "test"}


def is_test_file(relpath):
    """True for tests, test helpers, benchmarks and fuzz targets (path relative to src/ or the root)."""
    parts = relpath.replace(os.sep, "/").split("/")
    if any(p in _TEST_DIRS for p in parts[:-1]):
        return True
    return bool(_TEST_NAME.search(parts[-1]))


def folder_order(src_cmakelists):
    """The capability folders in dependency order, from src/CMakeLists.txt.

    Understands `foreach(dir a b c ...)` whose body calls add_subdirectory(${dir}) (today's form) and
    plain `add_subdirectory(a)` lines, in file order.
    """
    with open(src_cmakelists, encoding="utf-8") as f:
        text = re.sub(r"#[^\n]*", "", f.read())
    order = []
    pos = 0
    token = re.compile(r"foreach\s*\(\s*(\w+)\s+([^)]*)\)(.*?)endforeach\s*\(\s*\)|add_subdirectory\s*\(\s*([\w./-]+)",
                       re.S | re.I)
    for m in token.finditer(text, pos):
        if m.group(1):
            var, items, body = m.group(1), m.group(2).split(), m.group(3)
            if re.search(r"add_subdirectory\s*\(\s*\$\{%s\}" % re.escape(var), body):
                order.extend(i for i in items if i not in order)
        elif m.group(4) and m.group(4) not in order:
            order.append(m.group(4))
    return order


def source_files(root, sub="src"):
    """Every C++ file under root/sub, as paths relative to root with '/' separators, sorted."""
    out = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, sub)):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "node_modules")
        for name in filenames:
            if name.endswith(CXX_EXTENSIONS):
                out.append(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/"))
    return sorted(out)


def strip_comments_and_strings(text):
    """Blanks out comments and string/char literals (raw strings too), keeping every newline, so that
    line numbers stay right and a rule named in a comment or a message is not mistaken for code."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif c == "/" and text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")
                                                        or text[i - 1] in "u8LU"):
            k = text.find("(", i + 2)
            delim = text[i + 2:k] if k >= 0 else ""
            end = text.find(")" + delim + '"', k + 1) if k >= 0 else -1
            j = n if end < 0 else end + len(delim) + 2
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
        elif c == "'" and _in_number(text, i):
            out.append(c)  # a digit separator: 1'000'000
            i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _in_number(text, i):
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return j < i and text[j].isdigit()
