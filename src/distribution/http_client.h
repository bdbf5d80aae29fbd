// A small blocking HTTP client over libcurl's easy interface, for the channel adapters. One curl handle per
// thread (thread_local), so a worker reuses its connections (keep-alive) across deliveries.
//
// Thread-safety: thread-safe (each thread uses its own handle). Blocks: worker threads only.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pol::distribution {

struct HttpResult {
  int status = 0;     // 0 when no HTTP answer came (see curl_code / error)
  int curl_code = 0;  // CURLcode
  std::string error;  // curl's error text
  std::string body;
  std::string retry_after;  // the Retry-After header, if any
};

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  int64_t timeout_ms = 20000;
};

HttpResult HttpSend(const HttpRequest& req);

// application/x-www-form-urlencoded / URL escaping.
std::string UrlEncode(const std::string& s);

// Calls curl_global_init once (idempotent).
void EnsureCurlInit();

}  // namespace pol::distribution
