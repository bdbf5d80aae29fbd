#!/usr/bin/env python3
"""Authorization lives in policy files: outside src/accounts/, only a capability's policy file
(<cap>/<cap>_policy.cc or .h; any *_policy.cc/*_policy.h) and tests may call the role primitives of
accounts/roles.h and accounts/actor.h: Has(, HasInCouncil(, HasInAgency(, IsSystemAdmin(.
Service code asks the policy functions (or Principal::Can*) instead.

Comments and string literals are ignored. Files listed in the allowlist (paths from the source root,
shell globs allowed, '#' comments) are tolerated while they are being moved; an allowlist entry that
matches no offending file fails the check, so the list only shrinks.

Usage: check_role_primitives.py [SOURCE_DIR] [--allowlist FILE]
  SOURCE_DIR defaults to the repository holding this script; FILE to
  SOURCE_DIR/tests/checks/role_primitives_allowlist.txt (a missing file is an empty list).
Exit status 0 when clean, 1 with one line per call:
  src/x/y.cc:12 calls IsSystemAdmin( outside a policy file
"""

import fnmatch
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checklib  # noqa: E402

PRIMITIVES = re.compile(r"(?:\.|->)\s*(Has)\s*\(|\b(HasInCouncil|HasInAgency|IsSystemAdmin)\s*\(")
POLICY = re.compile(r"_policy\.(cc|h|cpp|hpp)$")


def exempt(path):
    rel = path[len("src/"):]
    return rel.startswith("accounts/") or bool(POLICY.search(rel)) or checklib.is_test_file(rel)


def find_calls(root):
    """[(path, line, primitive)] for every call outside accounts/, policy files and tests."""
    calls = []
    for path in checklib.source_files(root):
        if exempt(path):
            continue
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            code = checklib.strip_comments_and_strings(f.read())
        for lineno, line in enumerate(code.split("\n"), 1):
            for m in PRIMITIVES.finditer(line):
                calls.append((path, lineno, m.group(1) or m.group(2)))
    return calls


def read_allowlist(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.split("#", 1)[0].strip() for line in f if line.split("#", 1)[0].strip()]


def main(argv):
    args = argv[1:]
    allowlist_path = None
    if "--allowlist" in args:
        i = args.index("--allowlist")
        allowlist_path = args[i + 1]
        del args[i:i + 2]
    root = os.path.abspath(args[0] if args else
                           os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    if allowlist_path is None:
        allowlist_path = os.path.join(root, "tests", "checks", "role_primitives_allowlist.txt")
    allowed = read_allowlist(allowlist_path)

    calls = find_calls(root)
    failing, tolerated = [], {}
    for path, lineno, name in calls:
        if any(fnmatch.fnmatchcase(path, pat) for pat in allowed):
            tolerated[path] = tolerated.get(path, 0) + 1
        else:
            failing.append(f"{path}:{lineno} calls {name}( outside a policy file "
                           f"(put the rule in a *_policy.cc function and call that)")
    offending = sorted({c[0] for c in calls})
    stale = [pat for pat in allowed if not any(fnmatch.fnmatchcase(p, pat) for p in offending)]

    for line in failing:
        print(line)
    for pat in stale:
        print(f"{os.path.relpath(allowlist_path, root)}: {pat} no longer calls a role primitive: "
              f"remove it from the allowlist")
    if tolerated:
        print(f"role primitives: tolerated for now (allowlist): " +
              ", ".join(f"{p} ({n})" for p, n in sorted(tolerated.items())))
    if failing or stale:
        print(f"role primitives: {len(failing)} call(s) outside policy files, {len(stale)} stale allowlist entr"
              f"{'y' if len(stale) == 1 else 'ies'}")
        return 1
    print(f"role primitives: no calls outside src/accounts/, *_policy files and tests"
          f"{' except allowlisted files' if tolerated else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
