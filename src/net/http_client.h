// The one outgoing-HTTP client: every libcurl easy handle Pol creates is configured here.
//
// Contract.
//  * ConfigureHandle(handle, limits) is the single place that sets a handle's network policy: the
//    protocols it may speak (http/https for web requests and on every redirect; smtp/smtps for mail),
//    the redirect policy (not followed unless limits.max_redirects > 0), connect/overall/stall
//    timeouts, the response-size cap, content decoding, the user agent, no signals; and, last, the
//    outbound-address guard's hook (net/outbound_guard.h), so what the guard installs is final.
//    Callers set only what is theirs afterwards (URL, body, headers, write/header callbacks,
//    CURLOPT_PRIVATE) and must not override the policy options above.
//    Users: HttpSend below (distribution's Bot API, Eitaa and webhook adapters, citizen SMS),
//    SendMail (net/smtp_client.h, distribution's press e-mail), and monitor's multi fetcher.
//  * HttpSend performs one blocking request with a handle kept per thread (thread_local), so a
//    worker reuses its connections (keep-alive) across requests. It never throws; a transport
//    failure is status 0 with curl's code and text. A body over limits.max_response_bytes stops the
//    transfer (too_large); the default cap is kMaxAnswerBytes (64 KiB). A destination the
//    outbound-address guard refuses is refused = true, error "outbound_refused". Response headers are those of the last response (after redirects).
//  * EnsureCurlInit runs curl_global_init once per process (idempotent, thread-safe).
//
// Thread-safety: ConfigureHandle touches only the handle it is given; HttpSend is thread-safe (one
// handle per thread). Blocks: HttpSend blocks for up to limits.timeout_ms; worker threads only.
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pol::net {

enum class Protocols {
  kHttp,  // http, https (also for redirect targets)
  kMail,  // smtp, smtps (never redirects)
};

inline constexpr char kUserAgent[] = "Pol/1";

// The default cap of an answer's body (Bot APIs, Eitaa, webhooks, the SMS gateway): 64 KiB. The
// monitor's fetcher sets its own, larger cap for pages.
inline constexpr int64_t kMaxAnswerBytes = 64 << 10;

struct RequestLimits {
  Protocols protocols = Protocols::kHttp;
  int64_t connect_timeout_ms = 5000;
  int64_t timeout_ms = 20000;                    // the whole transfer
  int64_t stall_timeout_ms = 0;                  // > 0: abort when under 1 byte/s for this long
  int64_t max_response_bytes = kMaxAnswerBytes;  // decoded body cap; 0: none
  long max_redirects = 0;                        // 0: redirects are not followed (the 3xx is the answer)
  bool decode_content = false;  // Accept-Encoding: every encoding libcurl decodes (gzip, br, …)
  std::string user_agent = kUserAgent;
};

// Calls curl_global_init once (idempotent).
void EnsureCurlInit();

// Applies `limits` (and the outbound-address guard) to a fresh or curl_easy_reset handle. libcurl copies
// string options, so `limits` may be a temporary.
void ConfigureHandle(CURL* handle, const RequestLimits& limits);

struct HttpRequest {
  std::string method = "POST";  // "POST" or "GET"
  std::string url;
  std::string body;  // POST only
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  RequestLimits limits;
};

struct HttpResult {
  int status = 0;          // 0 when no HTTP answer came (see curl_code / error)
  int curl_code = 0;       // CURLcode
  std::string error;       // curl's error text, or "outbound_refused" (never show it to API callers)
  bool refused = false;    // the outbound-address guard refused the destination (status 0)
  bool too_large = false;  // the body passed limits.max_response_bytes (status 0, curl_code set)
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // lower-case names, trimmed values

  // The last value of a header (name in lower case), or "".
  std::string Header(std::string_view lower_name) const;
};

HttpResult HttpSend(const HttpRequest& req);

}  // namespace pol::net
