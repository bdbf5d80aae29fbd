// The router: (method, path pattern) → handler. Patterns are segments of
// literals and {name} parameters, e.g. "/api/v1/users/{id}"; a final "*"
// segment matches the rest of the path (param "*"). Every route declares who
// may reach it: kPublic routes run without a session; kSession routes get the
// resolved session in Request::session and return 401 without one. Finer checks
// (which role, in which council or agency) are made by the handler through
// accounts::Principal.
//
// Thread-safety: build the router before serving; afterwards it is read-only.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.h"

namespace pol::http {

using Handler = std::function<Response(Request&)>;

enum class Access { kPublic, kSession };

// Per-route options. body_limit: the largest request body this route accepts
// (0 = the server's default, ServerOptions::body_limit); a larger one is refused
// with 413 before the body is read. ops_only: for operators' tools (/metrics): 404 unless the
// client is on loopback or in ServerOptions::metrics_allow (Request::ops_client).
struct RouteOptions {
  size_t body_limit = 0;
  bool ops_only = false;
};

struct Route {
  bhttp::verb method;
  std::string pattern;
  Access access;
  Handler handler;
  std::vector<std::string> segments;  // split pattern
  RouteOptions options;
};

class Router {
 public:
  void Add(bhttp::verb method, std::string pattern, Access access, Handler handler,
           RouteOptions options = {});

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_matched = false;  // some route has this path (for 405)
  };
  Match Find(bhttp::verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // The body limit for a request: its route's, else `fallback`.
  size_t BodyLimit(bhttp::verb method, std::string_view path, size_t fallback) const;
  // The largest body any route accepts (at least `fallback`).
  size_t MaxBodyLimit(size_t fallback) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace pol::http
