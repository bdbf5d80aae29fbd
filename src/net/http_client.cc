#include "net/http_client.h"

#include <algorithm>
#include <mutex>

#include "base/strings.h"
#include "net/outbound_guard.h"

namespace pol::net {
namespace {

struct Collector {
  HttpResult* out;
  int64_t max_bytes;
};

size_t OnBody(char* ptr, size_t size, size_t n, void* user) {
  auto* c = static_cast<Collector*>(user);
  const size_t len = size * n;
  if (c->max_bytes > 0 && static_cast<int64_t>(c->out->body.size() + len) > c->max_bytes) {
    c->out->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  c->out->body.append(ptr, len);
  return len;
}

size_t OnHeader(char* ptr, size_t size, size_t n, void* user) {
  auto* out = static_cast<HttpResult*>(user);
  const size_t len = size * n;
  std::string_view line(ptr, len);
  if (line.starts_with("HTTP/")) {  // a new response (after a redirect or 100): forget the previous one's
    out->headers.clear();
    return len;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return len;
  out->headers.emplace_back(AsciiLower(TrimAscii(line.substr(0, colon))),
                            std::string(TrimAscii(line.substr(colon + 1))));
  return len;
}

struct Handle {
  CURL* h = nullptr;
  Handle() {
    EnsureCurlInit();
    h = curl_easy_init();
  }
  ~Handle() {
    if (h) curl_easy_cleanup(h);
  }
};

}  // namespace

void EnsureCurlInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void ConfigureHandle(CURL* h, const RequestLimits& limits) {
  const bool http = limits.protocols == Protocols::kHttp;
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, http ? "http,https" : "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  const bool follow = http && limits.max_redirects > 0;
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, follow ? 1L : 0L);
  if (follow) curl_easy_setopt(h, CURLOPT_MAXREDIRS, limits.max_redirects);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout_ms));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.timeout_ms));
  if (limits.stall_timeout_ms > 0) {
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME,
                     std::max(1L, static_cast<long>(limits.stall_timeout_ms / 1000)));
  }
  if (limits.max_response_bytes > 0) {
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_response_bytes));
  }
  if (http && limits.decode_content) curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  if (http) curl_easy_setopt(h, CURLOPT_USERAGENT, limits.user_agent.c_str());
  InstallOutboundGuard(h, limits);  // last: what the guard installs is final
}

std::string HttpResult::Header(std::string_view lower_name) const {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it) {
    if (it->first == lower_name) return it->second;
  }
  return "";
}

HttpResult HttpSend(const HttpRequest& req) {
  thread_local Handle handle;
  HttpResult out;
  CURL* h = handle.h;
  if (!h) {
    out.error = "curl_easy_init failed";
    out.curl_code = CURLE_FAILED_INIT;
    return out;
  }
  curl_easy_reset(h);
  ConfigureHandle(h, req.limits);
  char errbuf[CURL_ERROR_SIZE] = {0};
  Collector collector{&out, req.limits.max_response_bytes};
  curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &collector);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &out);
  curl_slist* headers = nullptr;
  if (req.method == "POST") {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(req.body.size()));
    headers = curl_slist_append(headers, ("Content-Type: " + req.content_type).c_str());
  } else {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  }
  headers = curl_slist_append(headers, "Expect:");
  for (const auto& [k, v] : req.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  const CURLcode rc = curl_easy_perform(h);
  out.curl_code = rc;
  if (rc == CURLE_OK) {
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    out.status = static_cast<int>(code);
  }
  out.refused = TakeOutboundRefusal(h);
  if (out.refused) {
    out.status = 0;
    out.error = kOutboundRefused;
    out.body.clear();
    out.headers.clear();
  } else if (rc != CURLE_OK) {
    if (rc == CURLE_FILESIZE_EXCEEDED) out.too_large = true;
    out.error = out.too_large
                    ? "response larger than " + std::to_string(req.limits.max_response_bytes) + " bytes"
                : errbuf[0] ? errbuf
                            : curl_easy_strerror(rc);
    out.body.clear();
  }
  curl_slist_free_all(headers);
  // Detach the per-request pointers: the handle outlives this call.
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  return out;
}

}  // namespace pol::net
