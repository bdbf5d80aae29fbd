// /api/v1/auth/*: log in and out, who am I, change my password.
#include "api/json_io.h"
#include "api/routes.h"
#include "http/pipeline.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

std::string SessionCookie(const std::string& token, int64_t max_age_ms, bool secure) {
  return std::string(http::kSessionCookie) + "=" + token +
         "; Path=/; Max-Age=" + std::to_string(max_age_ms / 1000) + "; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string ClearCookie(bool secure) {
  return std::string(http::kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

Json MeJson(const store::User& u, const accounts::Session& s) {
  return Json{{"user", ToJson(u)}, {"csrf_token", s.csrf_token}, {"expires_at", s.expires_at}};
}

}  // namespace

void RegisterAuthRoutes(http::Router& r, const Services& s) {
  r.Add(V::post, "/api/v1/auth/login", Access::kPublic, [s](Request& req) {
    auto f = Fields::From(req, {"login", "password"});
    if (!f.ok()) return Response::Error(f.status());
    auto login = f->Str("login", 256);
    auto password = f->Str("password", 1024);
    if (!login.ok()) return Response::Error(login.status());
    if (!password.ok()) return Response::Error(password.status());
    auto result =
        s.login->Login(accounts::LoginRequest{login->value_or(""), password->value_or(""), req.rate_key,
                                              req.Header("User-Agent"), req.Cookie(http::kSessionCookie)});
    if (!result.ok()) return Response::Error(result.status());
    auto& [token, session] = *result;
    auto user = s.users->Get(accounts::Actor{&session.principal, req.remote_ip}, session.principal.user_id);
    if (!user.ok()) return Response::Error(user.status());
    return Response::MakeJson(MeJson(*user, session))
        .With("Set-Cookie", SessionCookie(token, s.sessions->options().absolute_ms, s.secure_cookies))
        .With("Cache-Control", "no-store");
  });

  r.Add(V::get, "/api/v1/auth/me", Access::kSession, [s](Request& req) {
    auto user = s.users->Get(ActorOf(req), req.principal().user_id);
    if (!user.ok()) return Response::Error(user.status());
    return Response::MakeJson(MeJson(*user, *req.session)).With("Cache-Control", "no-store");
  });

  r.Add(V::post, "/api/v1/auth/logout", Access::kSession, [s](Request& req) {
    Status st = s.login->Logout(req.principal(), req.remote_ip, req.Cookie(http::kSessionCookie), false);
    if (!st.ok()) return Response::Error(st);
    return Response::NoContent().With("Set-Cookie", ClearCookie(s.secure_cookies));
  });

  r.Add(V::post, "/api/v1/auth/logout-all", Access::kSession, [s](Request& req) {
    Status st = s.login->Logout(req.principal(), req.remote_ip, "", true);
    if (!st.ok()) return Response::Error(st);
    return Response::NoContent().With("Set-Cookie", ClearCookie(s.secure_cookies));
  });

  r.Add(V::post, "/api/v1/auth/password", Access::kSession, [s](Request& req) {
    auto f = Fields::From(req, {"current_password", "new_password"});
    if (!f.ok()) return Response::Error(f.status());
    auto current = f->RequiredStr("current_password", 1024);
    auto next = f->RequiredStr("new_password", 1024);
    if (!current.ok()) return Response::Error(current.status());
    if (!next.ok()) return Response::Error(next.status());
    Status st = s.users->ChangeOwnPassword(ActorOf(req), *current, *next);
    if (!st.ok()) return Response::Error(st);
    // Every session ended with the change; this one continues under a new token.
    auto fresh = s.sessions->Create(req.principal().user_id, req.remote_ip, req.Header("User-Agent"), "");
    if (!fresh.ok()) return Response::Error(fresh.status());
    return Response::MakeJson(Json{{"csrf_token", fresh->second.csrf_token}})
        .With("Set-Cookie", SessionCookie(fresh->first, s.sessions->options().absolute_ms, s.secure_cookies));
  });
}

}  // namespace pol::api
