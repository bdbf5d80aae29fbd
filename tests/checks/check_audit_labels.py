#!/usr/bin/env python3
"""Every audit action and entity the server writes as a literal has a Persian label in the console.

The audit log is read by people (council admins, inspectors); the server records stable English codes
(`approve`, `citizen_request`). This check reads every call `Audit(c, actor, now, "action", "entity", ...)`
and every `.action = "…"` / `.entity = "…"` of an audit entry under src/ (tests exempt), and fails when
web/src/audit/labels.ts has no label for one of them. An action `a.b.verb` counts as labelled when the
whole code or its last part (`verb`) is, as the console's actionName() does.
Actions passed as variables (a release's or request's transition) are not seen here; their words are
in labels.ts by hand.
Usage: check_audit_labels.py ROOT   (exit 0 when every code has a label)
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checklib  # noqa: E402

CALL = re.compile(r"(?<![\w:])(?:accounts::)?Audit\(")
FIELD = re.compile(r"\.(action|entity)\s*=\s*\"([a-z0-9_.]+)\"")
LITERAL = re.compile(r'^"([a-z0-9_.]+)"$')


def split_args(text, start):
    """The top-level arguments of the call whose '(' is just before `start`, and the line of each."""
    depth, args, cur, i = 0, [], [], start
    in_str = False
    while i < len(text):
        ch = text[i]
        if in_str:
            cur.append(ch)
            if ch == "\\":
                cur.append(text[i + 1])
                i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
            cur.append(ch)
        elif ch in "([{":
            depth += 1
            cur.append(ch)
        elif ch in ")]}":
            if depth == 0:
                args.append("".join(cur).strip())
                return args
            depth -= 1
            cur.append(ch)
        elif ch == "," and depth == 0:
            args.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    return args


def audit_codes(root):
    """{(kind, code): "file:line"} for every literal action/entity written to the audit log."""
    found = {}
    src = os.path.join(root, "src")
    for dirpath, _, files in os.walk(src):
        for name in sorted(files):
            if not name.endswith((".cc", ".h")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if checklib.is_test_file(os.path.relpath(path, src)):
                continue
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for m in CALL.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                prefix = text[max(0, m.start() - 30) : m.start()]
                if re.search(r"(Status|void|bool)\s+$", prefix):  # the declaration or definition
                    continue
                args = split_args(text, m.end())
                if len(args) < 5:
                    continue
                for kind, arg in (("action", args[3]), ("entity", args[4])):
                    lit = LITERAL.match(arg)
                    if lit:
                        found.setdefault((kind, lit.group(1)), f"{rel}:{line}")
            if "AuditEntry" in text:
                for m in FIELD.finditer(text):
                    line = text.count("\n", 0, m.start()) + 1
                    found.setdefault((m.group(1), m.group(2)), f"{rel}:{line}")
    return found


def labelled(root):
    """The keys of the label tables in web/src/audit/labels.ts: {'action': set, 'entity': set}."""
    path = os.path.join(root, "web", "src", "audit", "labels.ts")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    tables = {}
    for name, kind in (("ACTIONS", "action"), ("ENTITY_LABELS", "entity")):
        m = re.search(r"const " + name + r"\b[^{]*\{(.*?)\n\};", text, re.S)
        if not m:
            raise SystemExit(f"{os.path.relpath(path, root)}: no table {name}")
        tables[kind] = set(re.findall(r"^\s*([a-z0-9_]+)\s*:", m.group(1), re.M))
    return tables


def main(argv):
    root = argv[1] if len(argv) > 1 else "."
    codes = audit_codes(root)
    tables = labelled(root)
    missing = []
    for (kind, code), where in sorted(codes.items(), key=lambda kv: kv[1]):
        keys = tables[kind]
        if code in keys or (kind == "action" and code.split(".")[-1] in keys):
            continue
        missing.append(f"{where}: audit {kind} '{code}' has no Persian label in web/src/audit/labels.ts")
    for line in missing:
        print(line)
    if missing:
        return 1
    print(f"{len(codes)} audit codes written as literals; each has a Persian label")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
