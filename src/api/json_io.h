// JSON in and out for the API: strict field readers (unknown fields, wrong
// types and out-of-range values are 400s naming the field), pagination, and
// the JSON shape of each resource.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

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

// Reads fields of a JSON object body; refuses fields not in `allowed`.
class Fields {
 public:
  static StatusOr<Fields> From(const http::Request& req, std::initializer_list<std::string_view> allowed);

  StatusOr<std::optional<std::string>> Str(const char* name, size_t max_bytes = 10000) const;
  StatusOr<std::string> RequiredStr(const char* name, size_t max_bytes = 10000) const;
  StatusOr<std::optional<int64_t>> Int(const char* name) const;
  StatusOr<std::optional<bool>> Bool(const char* name) const;
  StatusOr<std::optional<std::vector<store::RoleGrant>>> Roles(const char* name) const;
  const Json& json() const { return j_; }

 private:
  explicit Fields(Json j) : j_(std::move(j)) {}
  Json j_;
};

struct Paging {
  int64_t page = 1, per_page = 50;
  int64_t offset() const { return (page - 1) * per_page; }
};
StatusOr<Paging> ParsePaging(const http::Request& req);
StatusOr<std::optional<int64_t>> QueryId(const http::Request& req, const std::string& name);
Json PageJson(Json items, const Paging& p, int64_t total);

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
