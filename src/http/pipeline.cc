#include "http/pipeline.h"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <algorithm>
#include <cctype>

#include "http/compression.h"
#include "http/not_found_page.h"

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

// A path the HTML "not found" page answers for: GET/HEAD outside the API.
bool WantsHtmlNotFound(const Request& req) {
  if (req.method != bhttp::verb::get && req.method != bhttp::verb::head) return false;
  const std::string& p = req.path;
  return !p.starts_with("/api/") && p != "/api" && !p.starts_with("/open311/") && p != "/open311";
}

const std::string* HeaderValue(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
      return &v;
  }
  return nullptr;
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
  // A compressed answer's ETag carries the encoding's suffix; handlers compare the plain tag.
  const Encoding enc = NegotiateEncoding(req.Header("Accept-Encoding"));
  const std::string client_inm = req.Header("If-None-Match");
  if (!client_inm.empty() && enc != Encoding::kIdentity) {
    req.headers.set(bhttp::field::if_none_match, StripEncodingSuffix(client_inm, enc));
  }
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
  if (r.status == 304) {
    // Not modified: name the representation the client holds (its tag, with the suffix it sent).
    for (auto& [k, v] : r.headers) {
      if (k == "ETag" && !client_inm.empty() && client_inm.find(v) == std::string::npos) {
        std::string stripped = StripEncodingSuffix(client_inm, enc);
        if (stripped != client_inm && stripped.find(v) != std::string::npos) {
          v.insert(v.size() - 1, enc == Encoding::kBrotli ? "-br" : "-gz");
        }
      }
    }
    if (const std::string* etag = HeaderValue(r, "ETag"); etag) r.With("Vary", "Accept-Encoding");
    return r;
  }
  CompressResponse(req, r, req.session ? std::string_view(req.session->csrf_token) : std::string_view());
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
    if (WantsHtmlNotFound(req)) {
      Router::Match page = router_->Find(bhttp::verb::get, kNotFoundPagePath);
      if (page.route && page.route->access == Access::kPublic) return page.route->handler(req);
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
