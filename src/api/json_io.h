// JSON in and out for the API: strict field readers (unknown fields, wrong
// types and out-of-range values are 400s naming the field), pagination, and
// the JSON shape of each resource.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accounts/actor.h"
#include "http/message.h"
#include "store/council_repo.h"
#include "store/user_repo.h"

// In a handler: `POL_TRY(auto x, MakeX());` declares x or returns the error response.
#define POL_TRY(lhs, expr)                                                        \
  auto POL_CONCAT(pol_try_, __LINE__) = (expr);                                   \
  if (!POL_CONCAT(pol_try_, __LINE__).ok())                                       \
    return ::pol::http::Response::Error(POL_CONCAT(pol_try_, __LINE__).status()); \
  lhs = std::move(POL_CONCAT(pol_try_, __LINE__)).value()

namespace pol::api {

using http::Json;

// Reads fields of a JSON object body; refuses fields not in `allowed`. The body is parsed once
// (no deeper than http::kMaxJsonDepth) and never copied: a handler that keeps a JSON value takes it
// out with Take().
class Fields {
 public:
  static StatusOr<Fields> From(const http::Request& req, std::initializer_list<std::string_view> allowed);

  StatusOr<std::optional<std::string>> Str(const char* name, size_t max_bytes = 10000) const;
  StatusOr<std::string> RequiredStr(const char* name, size_t max_bytes = 10000) const;
  StatusOr<std::optional<int64_t>> Int(const char* name) const;
  StatusOr<std::optional<bool>> Bool(const char* name) const;
  StatusOr<std::optional<std::vector<store::RoleGrant>>> Roles(const char* name) const;
  const Json& json() const { return j_; }
  // Moves a field's value out (null when absent); the field reads as null afterwards.
  Json Take(const char* name);

 private:
  explicit Fields(Json j) : j_(std::move(j)) {}
  Json j_;
};

// List handlers: ?page= (1…1000000) and ?per_page= (1…200, default 50), 400 invalid_param naming the
// parameter otherwise; limit()/offset() for the query.
struct Paging {
  int64_t page = 1, per_page = 50;
  int64_t limit() const { return per_page; }
  int64_t offset() const { return (page - 1) * per_page; }
};
StatusOr<Paging> ParsePaging(const http::Request& req);
// An optional positive id (or time) in the query; empty counts as absent.
StatusOr<std::optional<int64_t>> QueryId(const http::Request& req, const std::string& name);
// The same, required: 400 required naming the parameter when absent.
StatusOr<int64_t> RequiredQueryId(const http::Request& req, const std::string& name);
// A filter in the query: its value when present and not empty, else nullopt.
std::optional<std::string> QueryFilter(const http::Request& req, const std::string& name);
// An optional value as JSON: null when empty.
inline Json OptJson(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(); }
inline Json OptJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(); }

// {"items", "page", "per_page", "total"}.
Json PageJson(Json items, const Paging& p, int64_t total);
// The same for a (items, total) page from a service, each item rendered by `to_json`.
template <typename T, typename ToJsonFn>
Json PageJson(const std::pair<std::vector<T>, int64_t>& page, const Paging& p, ToJsonFn&& to_json) {
  Json items = Json::array();
  for (const T& x : page.first) items.push_back(to_json(x));
  return PageJson(std::move(items), p, page.second);
}

// The version for an update: body field "version", or an If-Match header.
StatusOr<std::optional<int64_t>> VersionFrom(const http::Request& req, const Fields& f);

Json ToJson(const store::User& u);
Json ToJson(const store::Council& c);
Json ToJson(const store::Agency& a);
Json ToJson(const store::AuditEntry& e);

accounts::Actor ActorOf(const http::Request& req);
// A JSON response with an ETag carrying the resource version.
http::Response Versioned(const Json& body, int64_t version, int status = 200);

}  // namespace pol::api
