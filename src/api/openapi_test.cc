// docs/openapi.yaml describes every route: each (method, pattern) registered by
// api::RegisterAll must be documented, and each documented operation must
// exist in the router (no stale docs).
//
// No YAML library: the file keeps a regular layout that is read line by line.
// Under the top-level `paths:` key every path is indented exactly 2 spaces
// (`  /api/v1/users/{id}:`), every method exactly 4 (`    get:`), and each
// operation's `responses:` exactly 6 with status codes at 8.
//
// A router pattern ending in the wildcard segment `*` (the rest of the path,
// e.g. "/console/*") is documented as a `{path}` parameter ("/console/{path}"),
// since OpenAPI has no wildcard paths.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "api/routes.h"
#include "http/router.h"

namespace pol::api {
namespace {

const char* const kSpecPath = POL_SOURCE_DIR "/docs/openapi.yaml";

const std::set<std::string> kHttpMethods = {"get",     "put",  "post",  "delete",
                                            "options", "head", "patch", "trace"};
// Keys OpenAPI allows on a path item besides the methods.
const std::set<std::string> kPathItemKeys = {"summary", "description", "servers", "parameters", "$ref"};

using Operation = std::pair<std::string, std::string>;  // (path, lower-case method)

struct OperationInfo {
  int line = 0;
  int status_codes = 0;  // entries of its responses block
  bool has_responses = false;
};

struct Spec {
  std::string text;
  bool found_paths = false;
  std::map<Operation, OperationInfo> operations;
  std::vector<std::string> errors;  // layout problems, with line numbers
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

size_t Indent(const std::string& line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

bool BlankOrComment(const std::string& line) {
  size_t i = Indent(line);
  return i == line.size() || line[i] == '#';
}

// "key:" or "key: value" at the start of `s` → key; "" if `s` is not a mapping key.
std::string KeyOf(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  size_t colon = s.find(": ");
  if (colon == std::string::npos) {
    if (s.empty() || s.back() != ':') return "";
    colon = s.size() - 1;
  }
  return s.substr(0, colon);
}

bool IsStatusKey(const std::string& key) {
  std::string k = key;
  if (k.size() >= 2 && (k.front() == '\'' || k.front() == '"') && k.back() == k.front())
    k = k.substr(1, k.size() - 2);
  if (k == "default") return true;
  return k.size() == 3 && std::all_of(k.begin(), k.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) || c == 'X';
         });
}

Spec ParseSpec(const std::string& path) {
  Spec spec;
  spec.text = ReadFile(path);
  std::vector<std::string> lines;
  {
    std::stringstream ss(spec.text);
    std::string line;
    while (std::getline(ss, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(line);
    }
  }
  auto error = [&](size_t i, const std::string& what) {
    spec.errors.push_back("docs/openapi.yaml:" + std::to_string(i + 1) + ": " + what + ": `" + lines[i] +
                          "`");
  };

  bool in_paths = false;
  std::string current_path;
  OperationInfo* op = nullptr;
  bool in_responses = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (BlankOrComment(line)) continue;
    const size_t indent = Indent(line);
    if (line[indent] == '\t') error(i, "tab in indentation");
    if (indent == 0) {
      if (in_paths) break;  // the next top-level key ends the paths section
      if (KeyOf(line) == "paths") {
        if (spec.found_paths) error(i, "second `paths:` key");
        spec.found_paths = true;
        in_paths = true;
      }
      continue;
    }
    if (!in_paths) continue;
    const std::string key = KeyOf(line.substr(indent));
    if (indent == 2) {
      op = nullptr;
      in_responses = false;
      if (key.empty() || key.front() != '/') {
        error(i, "expected a path key like `  /api/v1/...:` (2 spaces, unquoted)");
        current_path.clear();
        continue;
      }
      current_path = key;
      for (const auto& [existing, info] : spec.operations) {
        if (existing.first == key) {
          error(i, "path documented twice");
          break;
        }
      }
    } else if (indent == 4) {
      op = nullptr;
      in_responses = false;
      if (current_path.empty()) {
        error(i, "key at 4 spaces outside a path");
      } else if (kHttpMethods.count(key)) {
        auto [it, inserted] = spec.operations.emplace(Operation{current_path, key}, OperationInfo{});
        if (!inserted) error(i, "operation documented twice");
        it->second.line = static_cast<int>(i + 1);
        op = &it->second;
      } else if (!kPathItemKeys.count(key)) {
        error(i, "expected a lower-case HTTP method (`    get:`) or a path-item key");
      }
    } else if (indent < 4) {
      error(i, "unexpected indentation under `paths:`");
    } else if (op && indent == 6) {
      in_responses = key == "responses";
      if (in_responses) op->has_responses = true;
    } else if (op && in_responses && indent == 8 && IsStatusKey(key)) {
      op->status_codes++;
    }
  }
  return spec;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The documented form of a router pattern: a final "*" segment becomes "{path}".
std::string DocPath(const std::string& pattern) {
  if (pattern == "*" || (pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, "/*") == 0)) {
    return pattern.substr(0, pattern.size() - 1) + "{path}";
  }
  return pattern;
}

std::set<Operation> RegisteredOperations(std::vector<std::string>* duplicates) {
  http::Router router;
  Services services;  // handlers are registered, never called
  RegisterAll(router, services);
  std::set<Operation> out;
  for (const http::Route& r : router.routes()) {
    Operation op{DocPath(r.pattern), Lower(std::string(http::bhttp::to_string(r.method)))};
    if (!out.insert(op).second && duplicates) duplicates->push_back(op.second + " " + op.first);
  }
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += "\n  " + s;
  return out;
}

class OpenApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { spec_ = new Spec(ParseSpec(kSpecPath)); }
  static void TearDownTestSuite() {
    delete spec_;
    spec_ = nullptr;
  }
  static Spec* spec_;
};
Spec* OpenApiTest::spec_ = nullptr;

TEST_F(OpenApiTest, IsOpenApi3) {
  ASSERT_FALSE(spec_->text.empty()) << "cannot read " << kSpecPath;
  EXPECT_EQ(spec_->text.rfind("openapi: 3.", 0), 0u) << kSpecPath << " must start with `openapi: 3.`";
}

TEST_F(OpenApiTest, PathsSectionIsRegular) {
  ASSERT_TRUE(spec_->found_paths) << "no top-level `paths:` in " << kSpecPath;
  EXPECT_TRUE(spec_->errors.empty()) << "layout problems (see the comment at the top of openapi_test.cc):"
                                     << Join(spec_->errors);
  EXPECT_FALSE(spec_->operations.empty()) << "no operations found under `paths:`";
}

TEST_F(OpenApiTest, EveryRouteIsDocumented) {
  std::vector<std::string> duplicates;
  std::set<Operation> registered = RegisteredOperations(&duplicates);
  ASSERT_FALSE(registered.empty());
  EXPECT_TRUE(duplicates.empty()) << "routes registered twice:" << Join(duplicates);
  std::vector<std::string> missing;
  for (const auto& [path, method] : registered) {
    if (!spec_->operations.count({path, method})) missing.push_back(method + " " + path);
  }
  EXPECT_TRUE(missing.empty()) << "routes missing from docs/openapi.yaml (add them under `paths:`):"
                               << Join(missing);
}

TEST_F(OpenApiTest, EveryDocumentedOperationExists) {
  std::set<Operation> registered = RegisteredOperations(nullptr);
  std::vector<std::string> stale;
  for (const auto& [op, info] : spec_->operations) {
    if (!registered.count(op)) {
      stale.push_back(op.second + " " + op.first + " (docs/openapi.yaml:" + std::to_string(info.line) + ")");
    }
  }
  EXPECT_TRUE(stale.empty()) << "documented operations that no route serves (stale docs):" << Join(stale);
}

TEST_F(OpenApiTest, EveryOperationHasResponses) {
  std::vector<std::string> bad;
  for (const auto& [op, info] : spec_->operations) {
    std::string where = op.second + " " + op.first + " (docs/openapi.yaml:" + std::to_string(info.line) + ")";
    if (!info.has_responses) {
      bad.push_back(where + ": no `responses:` block");
    } else if (info.status_codes == 0) {
      bad.push_back(where + ": `responses:` lists no status code");
    }
  }
  EXPECT_TRUE(bad.empty()) << "operations without responses:" << Join(bad);
}

// The parser itself: a tiny spec with each kind of layout mistake.
TEST(OpenApiParserTest, ReadsOperationsAndReportsLayoutErrors) {
  std::string path = ::testing::TempDir() + "/openapi_parser_test.yaml";
  {
    std::ofstream out(path, std::ios::binary);
    out << "openapi: 3.0.3\n"
           "paths:\n"
           "  /a/{id}:\n"
           "    parameters:\n"
           "      - $ref: '#/x'\n"
           "    get:\n"
           "      description: |\n"
           "        responses:\n"
           "      responses:\n"
           "        '200':\n"
           "          description: ok\n"
           "    post:\n"
           "      summary: no responses\n"
           "   /bad-indent:\n"
           "    GET:\n"
           "components:\n"
           "  /not/a/path:\n"
           "    get:\n";
  }
  Spec s = ParseSpec(path);
  EXPECT_TRUE(s.found_paths);
  ASSERT_EQ(s.operations.size(), 2u);
  const OperationInfo& get = s.operations.at({"/a/{id}", "get"});
  EXPECT_TRUE(get.has_responses);
  EXPECT_EQ(get.status_codes, 1);
  EXPECT_FALSE(s.operations.at({"/a/{id}", "post"}).has_responses);
  EXPECT_EQ(s.errors.size(), 2u) << Join(s.errors);  // "   /bad-indent:" and "    GET:"
  EXPECT_EQ(DocPath("/console/*"), "/console/{path}");
  EXPECT_EQ(DocPath("/api/v1/users/{id}"), "/api/v1/users/{id}");
}

}  // namespace
}  // namespace pol::api
