// Request and Response as handlers see them: plain values, no sockets.
//
// Handlers are synchronous functions `Response(Request&)` that run on a worker
// thread (they may block on the database); the server moves requests between
// network threads and workers. A handler reads path parameters, query strings,
// cookies and the parsed JSON body here, and the authenticated session (if the
// route requires one) in `session`.
#pragma once

#include <boost/beast/http.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/sessions.h"
#include "base/status.h"

namespace pol::http {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

struct Request {
  bhttp::verb method = bhttp::verb::get;
  std::string target;  // as received: path?query
  std::string path;    // decoded path
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> params;  // from the route pattern, e.g. {id}
  bhttp::fields headers;
  std::string body;
  // The client's address: the TCP peer, or — when the peer is a trusted proxy (ServerOptions::
  // trusted_proxies) — the address it forwarded (X-Forwarded-For / Forwarded). For logs and audit.
  std::string remote_ip;
  // The key every per-client throttle counts under: remote_ip for IPv4, its /64 for IPv6
  // (http/client_address.h RateLimitKey).
  std::string rate_key;
  // The client is on loopback or in ServerOptions::metrics_allow (RouteOptions::ops_only routes).
  bool ops_client = false;
  std::string request_id;
  std::optional<accounts::Session> session;  // set for routes that require login

  std::string Header(std::string_view name) const;
  std::string Cookie(std::string_view name) const;
  std::optional<std::string> Query(const std::string& name) const;
  // The Content-Type's media type: lowercase, without parameters ("image/png").
  std::string MediaType() const;
  // Path parameter as a positive integer id; InvalidArgument otherwise.
  StatusOr<int64_t> IdParam(const std::string& name = "id") const;
  // Parses the body as a JSON object (415 on a wrong content type, 400 on bad JSON, 400
  // json_too_deep when arrays and objects nest more than kMaxJsonDepth deep).
  StatusOr<Json> JsonBody() const;
  const accounts::Principal& principal() const { return session->principal; }
};

// The deepest nesting of arrays and objects a request body may have (the top-level object counts as 1).
inline constexpr int kMaxJsonDepth = 32;

// Parses `text` as JSON no deeper than kMaxJsonDepth: InvalidArgument json_too_deep / malformed_json.
// The depth is checked by a scan before nlohmann parses, so nothing deep is ever built.
StatusOr<Json> ParseJsonLimited(std::string_view text);

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Why a 5xx happened (Status::ToString of the error), for the log only; never sent.
  std::string log_detail;

  static Response MakeJson(const Json& j, int status = 200);
  static Response NoContent();
  static Response Error(const Status& s);
  static Response Text(std::string body, std::string content_type, int status = 200);
  Response& With(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// HTTP status for a Status code.
int HttpStatusFor(const Status& s);

// Percent-decoding for paths and query strings; nullopt for malformed escapes.
std::optional<std::string> UrlDecode(std::string_view in, bool plus_is_space);
std::map<std::string, std::string> ParseQuery(std::string_view query);

}  // namespace pol::http
