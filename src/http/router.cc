#include "http/router.h"

#include <algorithm>

namespace pol::http {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool MatchSegments(const Route& r, const std::vector<std::string>& parts,
                   std::map<std::string, std::string>& params) {
  params.clear();
  const auto& segs = r.segments;
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string& s = segs[i];
    if (s == "*") {
      std::string rest;
      for (size_t k = i; k < parts.size(); ++k) rest += (k > i ? "/" : "") + parts[k];
      params["*"] = rest;
      return true;
    }
    if (i >= parts.size()) return false;
    if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
      params[s.substr(1, s.size() - 2)] = parts[i];
    } else if (s != parts[i]) {
      return false;
    }
  }
  return segs.size() == parts.size();
}

}  // namespace

void Router::Add(bhttp::verb method, std::string pattern, Access access, Handler handler,
                 RouteOptions options) {
  Route r{method, std::move(pattern), access, std::move(handler), {}, options};
  r.segments = Split(r.pattern);
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(bhttp::verb method, std::string_view path) const {
  Match m;
  std::vector<std::string> parts = Split(path);
  std::map<std::string, std::string> params;
  for (const Route& r : routes_) {
    if (!MatchSegments(r, parts, params)) continue;
    m.path_matched = true;
    if (r.method == method || (method == bhttp::verb::head && r.method == bhttp::verb::get)) {
      m.route = &r;
      m.params = std::move(params);
      return m;
    }
  }
  return m;
}

size_t Router::BodyLimit(bhttp::verb method, std::string_view path, size_t fallback) const {
  Match m = Find(method, path);
  return m.route && m.route->options.body_limit ? m.route->options.body_limit : fallback;
}

size_t Router::MaxBodyLimit(size_t fallback) const {
  size_t out = fallback;
  for (const Route& r : routes_) out = std::max(out, r.options.body_limit);
  return out;
}

}  // namespace pol::http
