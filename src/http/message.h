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
  std::string remote_ip;
  std::string request_id;
  std::optional<accounts::Session> session;  // set for routes that require login

  std::string Header(std::string_view name) const;
  std::string Cookie(std::string_view name) const;
  std::optional<std::string> Query(const std::string& name) const;
  // The Content-Type's media type: lowercase, without parameters ("image/png").
  std::string MediaType() const;
  // Path parameter as a positive integer id; InvalidArgument otherwise.
  StatusOr<int64_t> IdParam(const std::string& name = "id") const;
  // Parses the body as a JSON object (415 on a wrong content type, 400 on bad JSON).
  StatusOr<Json> JsonBody() const;
  const accounts::Principal& principal() const { return session->principal; }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

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
