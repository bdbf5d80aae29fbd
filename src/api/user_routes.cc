// /api/v1/users: staff accounts within the caller's scope.
#include "api/json_io.h"
#include "api/routes.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

}  // namespace

void RegisterUserRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/api/v1/users", Access::kSession, [s](Request& req) {
    POL_TRY(Paging p, ParsePaging(req));
    POL_TRY(auto council_id, QueryId(req, "council_id"));
    POL_TRY(auto agency_id, QueryId(req, "agency_id"));
    accounts::UserQuery q{.council_id = council_id,
                          .agency_id = agency_id,
                          .q = req.Query("q").value_or(""),
                          .limit = p.limit(),
                          .offset = p.offset()};
    POL_TRY(auto page, s.users->List(ActorOf(req), q));
    return Response::MakeJson(PageJson(page, p, [](const store::User& u) { return ToJson(u); }));
  });

  r.Add(V::post, "/api/v1/users", Access::kSession, [s](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"username", "name", "mobile", "email", "password", "roles"}));
    accounts::NewUser in;
    POL_TRY(in.username, f.RequiredStr("username", 64));
    POL_TRY(in.name, f.RequiredStr("name", 400));
    POL_TRY(auto mobile, f.Str("mobile", 64));
    POL_TRY(auto email, f.Str("email", 254));
    POL_TRY(in.password, f.RequiredStr("password", 1024));
    POL_TRY(auto roles, f.Roles("roles"));
    in.mobile = mobile.value_or("");
    in.email = email.value_or("");
    in.roles = roles.value_or(std::vector<store::RoleGrant>{});
    POL_TRY(store::User u, s.users->Create(ActorOf(req), std::move(in)));
    return Versioned(ToJson(u), u.version, 201).With("Location", "/api/v1/users/" + std::to_string(u.id));
  });

  r.Add(V::get, "/api/v1/users/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(store::User u, s.users->Get(ActorOf(req), id));
    return Versioned(ToJson(u), u.version);
  });

  r.Add(V::patch, "/api/v1/users/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"version", "name", "mobile", "email", "roles", "disabled"}));
    accounts::UserPatch patch;
    POL_TRY(auto version, VersionFrom(req, f));
    if (!version) {
      return Response::Error(
          InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version"));
    }
    patch.version = *version;
    POL_TRY(patch.name, f.Str("name", 400));
    POL_TRY(patch.mobile, f.Str("mobile", 64));
    POL_TRY(patch.email, f.Str("email", 254));
    POL_TRY(patch.roles, f.Roles("roles"));
    POL_TRY(patch.disabled, f.Bool("disabled"));
    POL_TRY(store::User u, s.users->Update(ActorOf(req), id, patch));
    return Versioned(ToJson(u), u.version);
  });

  r.Add(V::post, "/api/v1/users/{id}/password", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"new_password"}));
    POL_TRY(std::string password, f.RequiredStr("new_password", 1024));
    Status st = s.users->ResetPassword(ActorOf(req), id, password);
    if (!st.ok()) return Response::Error(st);
    return Response::NoContent();
  });
}

}  // namespace pol::api
