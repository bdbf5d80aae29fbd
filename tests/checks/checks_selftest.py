#!/usr/bin/env python3
"""Self-test of the convention checks: each one passes on a small clean fixture tree and fails,
naming the file and line, on the same tree with one violation. Fixtures are made in a temporary
folder; the format and thread-safety fixtures run only where clang-format / clang++ and git exist.
Usage: checks_selftest.py   (exit 0 when every check behaves)
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import checklib  # noqa: E402

CMAKE = """\
# One folder per capability; the order is the dependency order.
foreach(dir base text store
            accounts api cli)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/CMakeLists.txt)
    add_subdirectory(${dir})
  endif()
endforeach()
"""
DOC = """\
| folder | what it holds | uses |
| --- | --- | --- |
| `base/` | status | |
| `text/` | text | base |
| `store/` | db | text |
| `accounts/` | users | store |
| `api/` | handlers | everything above |
| `cli/` | binary | everything |
"""


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(textwrap.dedent(text))


def run(*cmd, cwd=None):
    p = subprocess.run(list(cmd), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


class Fixture(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="pol-checks-")
        self.addCleanup(shutil.rmtree, self.root)
        write(self.root, "src/CMakeLists.txt", CMAKE)
        write(self.root, "docs/architecture.md", DOC)
        write(self.root, "src/base/status.h", "#pragma once\n#include <string>\n")
        write(self.root, "src/text/normalize.h", '#pragma once\n#include "base/status.h"\n')
        write(self.root, "src/text/internal/chars.h", "#pragma once\n")
        write(self.root, "src/text/normalize.cc", '#include "text/normalize.h"\n#include "text/internal/chars.h"\n')
        write(self.root, "src/store/db.h", '#pragma once\n#include "text/normalize.h"\n#include "store/db.h"\n')
        write(self.root, "src/store/sqlite3_impl/sqlite_db.cc", '#include "store/db.h"\n')
        write(self.root, "src/store/test_database.h", '#include "cli/main.h"\n')  # test helpers: anything
        write(self.root, "src/accounts/roles.h", """\
            #pragma once
            #include "store/db.h"
            struct Principal { bool IsSystemAdmin() const; bool Has(int r) const; };
            """)
        write(self.root, "src/accounts/roles.cc", "bool Principal::Has(int) const { return IsSystemAdmin(); }\n")
        write(self.root, "src/api/routes.cc", """\
            #include <vector>
            #include "accounts/roles.h"
            #include "api/routes.h"
            // The handler never calls IsSystemAdmin() itself: that is the policy's.
            const char* kMessage = "p.Has(Role::kSystemAdmin)";
            """)
        write(self.root, "src/api/api_policy.cc", """\
            #include "accounts/roles.h"
            bool CanSee(const Principal& p) { return p.IsSystemAdmin() || p.Has(1); }
            """)
        write(self.root, "src/api/routes_test.cc", '#include "cli/main.h"\nbool t(Principal* p) { return p->Has(1); }\n')
        write(self.root, "src/cli/main.h", '#pragma once\n#include "api/routes.h"\n#include "base/status.h"\n')

    def layering(self):
        return run(sys.executable, os.path.join(HERE, "check_layering.py"), self.root)

    def roles(self, *extra):
        return run(sys.executable, os.path.join(HERE, "check_role_primitives.py"), self.root, *extra)


class LayeringTest(Fixture):
    def test_clean_tree_passes(self):
        rc, out = self.layering()
        self.assertEqual(rc, 0, out)
        self.assertIn("follow the order base text store accounts api cli", out)

    def test_include_of_a_lower_folder_fails_with_file_and_line(self):
        write(self.root, "src/text/normalize.cc", '#include "text/normalize.h"\n\n#include "store/db.h"\n')
        rc, out = self.layering()
        self.assertEqual(rc, 1, out)
        self.assertIn("src/text/normalize.cc:3 includes store/db.h (store is below this folder)", out)
        self.assertEqual(out.count("is below this folder"), 1, out)

    def test_angle_bracket_include_of_a_pol_folder_counts_too(self):
        write(self.root, "src/base/env.h", "#include <accounts/roles.h>\n")
        rc, out = self.layering()
        self.assertEqual(rc, 1, out)
        self.assertIn("src/base/env.h:1 includes accounts/roles.h (accounts is below this folder)", out)

    def test_other_folders_internal_headers_are_private(self):
        write(self.root, "src/store/fts.cc", '#include "text/internal/chars.h"\n')
        rc, out = self.layering()
        self.assertEqual(rc, 1, out)
        self.assertIn("src/store/fts.cc:1 includes text/internal/chars.h (text's internal headers", out)

    def test_a_new_folder_takes_its_place_from_cmakelists(self):
        with open(os.path.join(self.root, "src/CMakeLists.txt")) as f:
            cmake = f.read().replace("store\n", "store net\n")
        write(self.root, "src/CMakeLists.txt", cmake)
        write(self.root, "docs/architecture.md", DOC.replace("| `accounts/`", "| `net/` | http client | base |\n| `accounts/`"))
        write(self.root, "src/net/client.h", '#include "store/db.h"\n')
        write(self.root, "src/accounts/login.cc", '#include "net/client.h"\n')
        rc, out = self.layering()
        self.assertEqual(rc, 0, out)
        write(self.root, "src/net/client.h", '#include "accounts/roles.h"\n')
        rc, out = self.layering()
        self.assertEqual(rc, 1, out)
        self.assertIn("src/net/client.h:1 includes accounts/roles.h (accounts is below this folder)", out)

    def test_folder_missing_from_cmakelists_or_from_the_doc_table_fails(self):
        write(self.root, "src/insight/dash.cc", '#include "base/status.h"\n')
        rc, out = self.layering()
        self.assertEqual(rc, 1, out)
        self.assertIn("src/insight/dash.cc: folder insight/ is not in src/CMakeLists.txt's folder list", out)
        shutil.rmtree(os.path.join(self.root, "src/insight"))
        write(self.root, "docs/architecture.md", DOC.replace("| `store/` | db | text |\n", ""))
        rc, out = self.layering()
        self.assertEqual(rc, 1, out)
        self.assertIn("the layering table has no row for store/", out)

    def test_doc_table_in_another_order_fails(self):
        write(self.root, "docs/architecture.md",
              DOC.replace("| `text/` | text | base |\n", "").replace("| `api/`", "| `text/` | text | base |\n| `api/`"))
        rc, out = self.layering()
        self.assertEqual(rc, 1, out)
        self.assertIn("layering table's order", out)


class RolePrimitivesTest(Fixture):
    def test_clean_tree_passes(self):
        rc, out = self.roles()
        self.assertEqual(rc, 0, out)

    def test_call_in_service_code_fails_with_file_and_line(self):
        write(self.root, "src/api/users.cc", """\
            #include "accounts/roles.h"
            bool F(const Principal* p, const Principal& q) {
              return p->IsSystemAdmin() ||
                     q.HasInCouncil(1, 2) || q . Has(3);
            }
            """)
        rc, out = self.roles()
        self.assertEqual(rc, 1, out)
        self.assertIn("src/api/users.cc:3 calls IsSystemAdmin( outside a policy file", out)
        self.assertIn("src/api/users.cc:4 calls HasInCouncil( outside a policy file", out)
        self.assertIn("src/api/users.cc:4 calls Has( outside a policy file", out)

    def test_allowlist_tolerates_listed_files_and_refuses_stale_entries(self):
        write(self.root, "src/api/users.cc", "bool F(const Principal& p) { return p.HasInAgency(1, 2); }\n")
        write(self.root, "allow.txt", "# moving\nsrc/api/users.cc  # until its policy exists\n")
        rc, out = self.roles("--allowlist", os.path.join(self.root, "allow.txt"))
        self.assertEqual(rc, 0, out)
        self.assertIn("tolerated for now (allowlist): src/api/users.cc (1)", out)
        write(self.root, "src/api/users.cc", "bool F(const Principal& p) { return CanSee(p); }\n")
        rc, out = self.roles("--allowlist", os.path.join(self.root, "allow.txt"))
        self.assertEqual(rc, 1, out)
        self.assertIn("src/api/users.cc no longer calls a role primitive: remove it from the allowlist", out)

    def test_default_allowlist_is_read_from_tests_checks(self):
        write(self.root, "src/cli/user_cmd.cc", "bool F(const Principal& p) { return p.IsSystemAdmin(); }\n")
        rc, out = self.roles()
        self.assertEqual(rc, 1, out)
        write(self.root, "tests/checks/role_primitives_allowlist.txt", "src/cli/*.cc\n")
        rc, out = self.roles()
        self.assertEqual(rc, 0, out)

    def test_comment_and_string_stripping_keeps_line_numbers(self):
        code = checklib.strip_comments_and_strings(
            'a /* x.Has(\n */ b // IsSystemAdmin(\n"HasInAgency(" R"y(\nHas()y" 1\'000 c\n')
        self.assertEqual(code.count("\n"), 4)
        self.assertNotIn("Has", code)
        self.assertIn("1'000 c", code)


@unittest.skipUnless(shutil.which("git") and (shutil.which("clang-format-14") or shutil.which("clang-format")),
                     "needs git and clang-format")
class FormatTest(unittest.TestCase):
    def test_fails_on_a_tracked_file_that_differs_and_passes_once_formatted(self):
        root = tempfile.mkdtemp(prefix="pol-format-")
        self.addCleanup(shutil.rmtree, root)
        shutil.copy(os.path.join(REPO, ".clang-format"), root)
        write(root, "src/a.cc", "int  f( int x ){return x;}\n")
        write(root, "src/untracked.cc", "int  g( ){return 1;}\n")
        for cmd in (["git", "init", "-q"], ["git", "add", ".clang-format", "src/a.cc"]):
            self.assertEqual(run(*cmd, cwd=root)[0], 0)
        rc, out = run("bash", os.path.join(HERE, "format.sh"), root)
        self.assertEqual(rc, 1, out)
        self.assertIn("src/a.cc", out)
        self.assertNotIn("untracked.cc", out)
        write(root, "src/a.cc", "int f(int x) { return x; }\n")
        rc, out = run("bash", os.path.join(HERE, "format.sh"), root)
        self.assertEqual(rc, 0, out)
        self.assertIn("format: 1 files clean", out)


@unittest.skipUnless(shutil.which("clang++-14") or shutil.which("clang++"), "needs clang++")
class ThreadSafetyTest(unittest.TestCase):
    def test_fails_on_an_unguarded_read_and_passes_with_the_lock(self):
        root = tempfile.mkdtemp(prefix="pol-threads-")
        self.addCleanup(shutil.rmtree, root)
        bad = """\
            #include "base/mutex.h"
            class Counter {
             public:
              int Get() { return n_; }
             private:
              pol::Mutex mu_;
              int n_ GUARDED_BY(mu_) = 0;
            };
            int F() { return Counter().Get(); }
            """
        for h in ("mutex.h", "thread_annotations.h"):
            os.makedirs(os.path.join(root, "src/base"), exist_ok=True)
            shutil.copy(os.path.join(REPO, "src/base", h), os.path.join(root, "src/base", h))
        write(root, "src/x/counter.h", bad)
        write(root, "src/x/counter.cc", '#include "x/counter.h"\n')  # through a header: still analysed
        write(root, "src/x/counter_test.cc", bad)  # tests are not analysed
        write(root, "src/x/plain.cc", "int G() { return 1; }\n")  # no annotations: nothing to analyse
        cc = [{"directory": root, "file": os.path.join(root, "src/x", f),
               "command": f"/usr/bin/c++ -Isrc -DX=1 -fsanitize=address -Wall -Werror "
                          f"-Wno-error=maybe-uninitialized -std=c++20 -o x.o -c src/x/{f}"}
              for f in ("counter.cc", "counter_test.cc", "plain.cc")]
        write(root, "compile_commands.json", json.dumps(cc))
        script = os.path.join(REPO, "scripts", "check-threads.sh")
        rc, out = run("bash", script, root, root)
        self.assertEqual(rc, 1, out)
        self.assertIn("counter.h:4:", out)
        self.assertIn("requires holding mutex 'mu_'", out)
        self.assertIn("analysing 1 of 2 files", out)
        write(root, "src/x/counter.h", bad.replace("{ return n_; }", "{ pol::MutexLock l(&mu_); return n_; }"))
        rc, out = run("bash", script, root, root)
        self.assertEqual(rc, 0, out)


class AuditLabelsTest(unittest.TestCase):
    LABELS = """\
        const ACTIONS: Record<string, string> = {
          create: 'ایجاد',
          approve: 'تأیید',
        };
        export const ENTITY_LABELS: Record<string, string> = {
          release: 'خبر',
        };
        """

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="pol-checks-")
        self.addCleanup(shutil.rmtree, self.root)
        write(self.root, "web/src/audit/labels.ts", self.LABELS)
        write(self.root, "src/newsroom/releases.cc", """\
            Status Audit(store::Conn& c, int action);  // a declaration is not a call
            Status F(store::Conn& c) {
              return accounts::Audit(c, actor, now, "create", "release", std::to_string(id), {1, 2},
                                     json{{"title", t}});
            }
            Status G(store::Conn& c) { return Audit(c, actor, now, "monitor.item.approve", "release", "", {}); }
            Status H(store::Conn& c) { return Audit(c, actor, now, action, "release", "", {}); }
            """)
        write(self.root, "src/newsroom/releases_test.cc", 'Audit(c, a, 1, "untested", "nothing", "", {});\n')

    def check(self):
        return run(sys.executable, os.path.join(HERE, "check_audit_labels.py"), self.root)

    def test_clean_tree_passes(self):
        rc, out = self.check()
        self.assertEqual(rc, 0, out)
        self.assertIn("3 audit codes written as literals", out)

    def test_unlabelled_action_and_entity_fail_with_file_and_line(self):
        write(self.root, "src/committee/meetings.cc", """\
            Status M(store::Conn& c) {
              return accounts::Audit(
                  c, actor, now, "hold", "committee_meeting", "", {});
            }
            """)
        rc, out = self.check()
        self.assertEqual(rc, 1, out)
        self.assertIn("src/committee/meetings.cc:2: audit action 'hold' has no Persian label", out)
        self.assertIn("src/committee/meetings.cc:2: audit entity 'committee_meeting' has no Persian label", out)

    def test_audit_entry_fields_count_too(self):
        write(self.root, "src/accounts/login.cc", 'InsertAudit(c, store::AuditEntry{.action = "login", .entity = "user"});\n')
        rc, out = self.check()
        self.assertEqual(rc, 1, out)
        self.assertIn("src/accounts/login.cc:1: audit action 'login'", out)


if __name__ == "__main__":
    unittest.main(verbosity=2 if "-v" in sys.argv else 1)
