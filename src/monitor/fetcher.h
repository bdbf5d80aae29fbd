// Fetching pages and feeds over HTTP(S) with libcurl's multi interface.
//
// Behaviour (CurlFetcher): conditional GET (If-None-Match / If-Modified-Since → not_modified on 304),
// a per-host rate limit (one request start per host every per_host_interval_ms) and per-host
// parallelism of one, an overall timeout plus a stall timeout (less than 1 byte/s for stall_timeout_ms),
// a time budget for a whole FetchAll batch (batch_budget_ms, so a peer trickling bytes cannot hold a
// monitoring worker longer than that), a cap on the decoded body (so a gzip bomb stops at max_bytes), a redirect limit, gzip/deflate/brotli
// decoding, and robots.txt honoured (fetched once per origin and cached; rules for "pol" or "*").
// Every failure carries a Persian reason for the source's health (Status message) and a stable code:
// fetch_timeout, fetch_redirects, fetch_too_large, fetch_connect, fetch_http, fetch_robots,
// fetch_encoding, fetch_failed.
//
// Fetcher is the interface the monitoring service uses; tests drive the real CurlFetcher against
// loopback servers. Thread-safety: FetchAll may be called from several threads at once (each call runs
// its own multi handle; the robots cache is shared under a mutex).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"

namespace pol::monitor {

struct FetchRequest {
  std::string url;
  std::string etag, last_modified;  // validators from the previous fetch
};

struct FetchResult {
  std::string url;        // as requested
  std::string final_url;  // after redirects
  Status status;          // OK, or why it failed (Persian message, stable api code)
  long http_status = 0;
  bool not_modified = false;
  std::string body;  // decoded (gzip/br), raw bytes in the page's charset
  std::string content_type, etag, last_modified;
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Results in the order of `requests`.
  virtual std::vector<FetchResult> FetchAll(const std::vector<FetchRequest>& requests) = 0;
};

struct FetcherOptions {
  int64_t timeout_ms = 30000;  // one page, wall clock, across its redirects (curl's whole-transfer timeout)
  // One FetchAll call (a source's feed, then its article pages), wall clock: past it, transfers still
  // running are aborted and pages not started fail, both with fetch_timeout. 0 = no budget.
  int64_t batch_budget_ms = 120000;
  int64_t connect_timeout_ms = 10000;
  int64_t stall_timeout_ms = 15000;
  int64_t max_bytes = 8 << 20;
  long max_redirects = 5;
  int64_t per_host_interval_ms = 250;
  int max_parallel = 8;
  bool honor_robots = true;
  std::string user_agent =
      "PolMonitor/0.1 (+https://github.com/pol; press monitoring of a government council)";
};

// Robots exclusion rules for one user agent group.
struct RobotsRules {
  std::vector<std::pair<std::string, bool>> rules;  // path prefix, allowed
  bool Allows(const std::string& path) const;
};
// Parses robots.txt for the user agent token `agent` (falls back to the "*" group).
RobotsRules ParseRobots(const std::string& text, const std::string& agent = "pol");

class CurlFetcher : public Fetcher {
 public:
  explicit CurlFetcher(FetcherOptions options = {});
  std::vector<FetchResult> FetchAll(const std::vector<FetchRequest>& requests) override;

 private:
  std::vector<FetchResult> FetchBatch(const std::vector<FetchRequest>& requests);
  FetcherOptions options_;
  std::mutex mu_;
  std::map<std::string, RobotsRules> robots_;  // by origin; GUARDED_BY(mu_)
};

}  // namespace pol::monitor
