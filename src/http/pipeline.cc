#include "http/pipeline.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

namespace pol::http {
namespace {

bool SafeMethod(bhttp::verb v) {
  return v == bhttp::verb::get || v == bhttp::verb::head || v == bhttp::verb::options;
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Browsers send Origin on cross-site POSTs; refuse those that name another host.
bool CrossOrigin(const Request& req) {
  std::string origin = req.Header("Origin");
  if (origin.empty() || origin == "null") return !origin.empty();
  std::string host = req.Header("Host");
  size_t scheme = origin.find("://");
  std::string origin_host = scheme == std::string::npos ? origin : origin.substr(scheme + 3);
  return origin_host != host;
}

}  // namespace

void AddSecurityHeaders(Response& r) {
  r.With("X-Content-Type-Options", "nosniff");
  r.With("X-Frame-Options", "DENY");
  r.With("Referrer-Policy", "same-origin");
  r.With("Cross-Origin-Opener-Policy", "same-origin");
  r.With("Content-Security-Policy",
         "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; "
         "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
}

Response Pipeline::Handle(Request& req, std::string& route_name) const {
  Response r;
  try {
    r = Run(req, route_name);
  } catch (const std::exception& e) {
    r = Response::Error(Internal(std::string("exception: ") + e.what()));
  }
  if (r.status >= 500) {
    spdlog::error("request {} {} {} (route {}) answered {}: {}", req.request_id,
                  std::string(bhttp::to_string(req.method)), req.path, route_name, r.status,
                  r.log_detail.empty() ? "(no cause given)" : r.log_detail);
  }
  AddSecurityHeaders(r);
  r.With("X-Request-Id", req.request_id);
  return r;
}

Response Pipeline::Run(Request& req, std::string& route_name) const {
  Router::Match m = router_->Find(req.method, req.path);
  if (!m.route) {
    route_name = "unmatched";
    if (m.path_matched) {
      return Response::Error(Status(StatusCode::kInvalidArgument, "method_not_allowed",
                                    "این روش درخواست پشتیبانی نمی‌شود."))
          .With("Allow", "GET, POST, PATCH, PUT, DELETE");
    }
    return Response::Error(NotFound("نشانی درخواست‌شده پیدا نشد."));
  }
  route_name = m.route->pattern;
  if (m.route->options.ops_only && !req.ops_client)
    return Response::Error(NotFound("نشانی درخواست‌شده پیدا نشد."));
  req.params = std::move(m.params);

  const std::string token = req.Cookie(kSessionCookie);
  if (m.route->access == Access::kSession) {
    if (token.empty()) return Response::Error(Unauthenticated());
    auto session = sessions_->Resolve(token);
    if (!session.ok()) {
      Response r = Response::Error(session.status());
      if (session.status().code() == StatusCode::kUnauthenticated) {
        r.With("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
      }
      return r;
    }
    req.session = std::move(session).value();
    if (!SafeMethod(req.method) && !ConstantTimeEquals(req.Header(kCsrfHeader), req.session->csrf_token)) {
      return Response::Error(
          Status(StatusCode::kPermissionDenied, "csrf_failed",
                 "درخواست از نظر امنیتی تأیید نشد؛ صفحه را تازه کنید و دوباره تلاش کنید."));
    }
  } else if (!SafeMethod(req.method) && CrossOrigin(req)) {
    return Response::Error(Status(StatusCode::kPermissionDenied, "csrf_failed",
                                  "درخواست از مبدأ دیگری پذیرفته نمی‌شود."));
  }
  Response r = m.route->handler(req);
  if (r.status == 405 && r.body.empty()) r = Response::Error(NotFound());
  return r;
}

}  // namespace pol::http
