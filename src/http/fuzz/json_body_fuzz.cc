// libFuzzer target: the one JSON body reader (http::Request::JsonBody, http::ParseJsonLimited) on
// arbitrary bytes. Checks: it never crashes or recurses without bound, whatever it accepts is an
// object no deeper than kMaxJsonDepth, and what it accepts survives a dump and a second read.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "http/message.h"

namespace {

// Nesting depth of arrays and objects, without recursion.
int Depth(const pol::http::Json& root) {
  int deepest = 0;
  std::vector<std::pair<const pol::http::Json*, int>> todo{{&root, 1}};
  while (!todo.empty()) {
    auto [j, d] = todo.back();
    todo.pop_back();
    if (!j->is_structured()) continue;
    deepest = std::max(deepest, d);
    for (const auto& child : *j) todo.emplace_back(&child, d + 1);
  }
  return deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;
  pol::http::Request req;
  req.headers.set("Content-Type", "application/json; charset=utf-8");
  req.body.assign(reinterpret_cast<const char*>(data), size);
  auto j = req.JsonBody();
  if (!j.ok()) {
    const std::string& code = j.status().api_code();
    if (code != "malformed_json" && code != "json_too_deep") std::abort();
    return 0;
  }
  if (!j->is_object() || Depth(*j) > pol::http::kMaxJsonDepth) std::abort();
  const std::string dumped = j->dump(-1, ' ', false, pol::http::Json::error_handler_t::replace);
  auto again = pol::http::ParseJsonLimited(dumped);
  if (!again.ok() || !again->is_object()) std::abort();
  return 0;
}
