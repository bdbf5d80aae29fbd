#include "monitor/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <deque>
#include <memory>
#include <set>

#include "monitor/web_text.h"
#include "net/http_client.h"
#include "net/outbound_guard.h"
#include "text/number_words.h"

namespace pol::monitor {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  return s.substr(b);
}

struct Transfer {
  size_t index = 0;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  FetchResult* result = nullptr;
  int64_t max_bytes = 0;
  bool too_large = false;
  std::string host;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  if (static_cast<int64_t>(t->result->body.size() + len) > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  t->result->body.append(data, len);
  return len;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  std::string line(data, len);
  if (line.starts_with("HTTP/")) {  // a new response (after a redirect): forget the previous one's headers
    t->result->etag.clear();
    t->result->last_modified.clear();
    return len;
  }
  size_t colon = line.find(':');
  if (colon == std::string::npos) return len;
  const std::string name = Lower(line.substr(0, colon));
  const std::string value = Trim(line.substr(colon + 1));
  if (name == "etag") t->result->etag = value;
  if (name == "last-modified") t->result->last_modified = value;
  return len;
}

Status FailureFor(CURLcode code, const Transfer& t, const FetcherOptions& o) {
  if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return FailedPrecondition("fetch_too_large", "حجم پاسخ از سقف مجاز (" +
                                                     std::to_string(o.max_bytes >> 20) +
                                                     " مگابایت) بیشتر است؛ دریافت متوقف شد.");
  }
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return Unavailable("منبع در زمان مقرر پاسخ نداد (ارتباط بیش از حد طول کشید یا متوقف ماند).");
    case CURLE_TOO_MANY_REDIRECTS:
      return FailedPrecondition("fetch_redirects", "تغییر مسیرهای پیاپی از حد مجاز گذشت (حلقهٔ تغییر مسیر).");
    case CURLE_COULDNT_CONNECT:
      return Unavailable("اتصال به منبع برقرار نشد.");
    case CURLE_COULDNT_RESOLVE_HOST:
      return Unavailable("نام میزبان منبع پیدا نشد.");
    case CURLE_BAD_CONTENT_ENCODING:
      return FailedPrecondition("fetch_encoding", "فشرده‌سازی پاسخ منبع خراب است.");
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      return Unavailable("پاسخ منبع ناقص ماند.");
    default:
      return Unavailable(std::string("دریافت از منبع ناموفق بود: ") + curl_easy_strerror(code));
  }
}

// Unavailable carries the generic code; give each reason a stable one.
Status WithCode(Status s, const char* code) {
  if (s.ok()) return s;
  return FailedPrecondition(code, s.message());
}

}  // namespace

bool RobotsRules::Allows(const std::string& path) const {
  size_t best = 0;
  bool allowed = true;
  for (const auto& [prefix, allow] : rules) {
    if (prefix.empty()) continue;
    if (path.compare(0, prefix.size(), prefix) == 0 && prefix.size() >= best) {
      if (prefix.size() > best || allow) allowed = allow;
      best = prefix.size();
    }
  }
  return allowed;
}

RobotsRules ParseRobots(const std::string& text, const std::string& agent) {
  RobotsRules mine, star;
  bool have_mine = false;
  std::vector<std::string> group_agents;
  bool in_rules = false;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find('\n', i);
    if (j == std::string::npos) j = text.size();
    std::string line = text.substr(i, j - i);
    i = j + 1;
    if (size_t h = line.find('#'); h != std::string::npos) line = line.substr(0, h);
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = Lower(Trim(line.substr(0, colon)));
    const std::string value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (in_rules) group_agents.clear();
      in_rules = false;
      group_agents.push_back(Lower(value));
    } else if (key == "allow" || key == "disallow") {
      in_rules = true;
      if (key == "disallow" && value.empty()) continue;  // "Disallow:" allows everything
      for (const auto& a : group_agents) {
        if (a == "*") star.rules.emplace_back(value, key == "allow");
        if (a != "*" && Lower(agent).find(a) != std::string::npos) {
          mine.rules.emplace_back(value, key == "allow");
          have_mine = true;
        }
      }
    }
  }
  return have_mine ? mine : star;
}

CurlFetcher::CurlFetcher(FetcherOptions options) : options_(std::move(options)) { net::EnsureCurlInit(); }

std::vector<FetchResult> CurlFetcher::FetchAll(const std::vector<FetchRequest>& requests) {
  if (!options_.honor_robots) return FetchBatch(requests);
  // robots.txt of every origin not seen yet.
  std::vector<FetchRequest> robots;
  std::set<std::string> seen;
  {
    std::lock_guard lock(mu_);
    for (const auto& r : requests) {
      const std::string origin = UrlOrigin(r.url);
      if (!origin.empty() && !robots_.contains(origin) && seen.insert(origin).second) {
        robots.push_back({origin + "/robots.txt", "", ""});
      }
    }
  }
  if (!robots.empty()) {
    std::vector<FetchResult> got = FetchBatch(robots);
    std::lock_guard lock(mu_);
    for (const auto& g : got) {
      // No robots.txt (404, error): everything allowed, as the convention says.
      RobotsRules rules;
      if (g.status.ok() && g.http_status == 200) rules = ParseRobots(g.body);
      robots_[UrlOrigin(g.url)] = std::move(rules);
    }
  }
  std::vector<FetchResult> out(requests.size());
  std::vector<FetchRequest> allowed;
  std::vector<size_t> where;
  {
    std::lock_guard lock(mu_);
    for (size_t i = 0; i < requests.size(); ++i) {
      auto it = robots_.find(UrlOrigin(requests[i].url));
      if (it != robots_.end() && !it->second.Allows(UrlPathAndQuery(requests[i].url))) {
        out[i].url = requests[i].url;
        out[i].status = FailedPrecondition(
            "fetch_robots",
            "فایل robots.txt منبع اجازهٔ دریافت این نشانی را نمی‌دهد.");
        continue;
      }
      allowed.push_back(requests[i]);
      where.push_back(i);
    }
  }
  std::vector<FetchResult> got = FetchBatch(allowed);
  for (size_t k = 0; k < got.size(); ++k) out[where[k]] = std::move(got[k]);
  return out;
}

std::vector<FetchResult> CurlFetcher::FetchBatch(const std::vector<FetchRequest>& requests) {
  using Clock = std::chrono::steady_clock;
  std::vector<FetchResult> results(requests.size());
  std::vector<Transfer> transfers(requests.size());
  CURLM* multi = curl_multi_init();
  std::deque<size_t> pending;
  for (size_t i = 0; i < requests.size(); ++i) {
    results[i].url = requests[i].url;
    transfers[i].index = i;
    transfers[i].result = &results[i];
    transfers[i].max_bytes = options_.max_bytes;
    transfers[i].host = UrlHost(requests[i].url);
    const std::string lower = Lower(requests[i].url.substr(0, 8));
    if (!lower.starts_with("http://") && !lower.starts_with("https://")) {
      results[i].status = InvalidArgument("invalid_url", "نشانی منبع باید با http یا https آغاز شود.");
      continue;
    }
    pending.push_back(i);
  }
  std::map<std::string, Clock::time_point> next_start;  // per-host rate limit
  std::set<std::string> busy;                           // one transfer per host at a time
  int active = 0;
  // The handle policy (protocols, redirects, timeouts, caps, user agent, address guard) is net's.
  const net::RequestLimits limits{.connect_timeout_ms = options_.connect_timeout_ms,
                                  .timeout_ms = options_.timeout_ms,
                                  .stall_timeout_ms = std::max<int64_t>(1000, options_.stall_timeout_ms),
                                  .max_response_bytes = options_.max_bytes,
                                  .max_redirects = options_.max_redirects,
                                  .decode_content = true,
                                  .user_agent = options_.user_agent};

  auto start = [&](size_t i) {
    Transfer& t = transfers[i];
    const FetchRequest& r = requests[i];
    CURL* e = curl_easy_init();
    t.easy = e;
    net::ConfigureHandle(e, limits);
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    if (!r.etag.empty()) t.headers = curl_slist_append(t.headers, ("If-None-Match: " + r.etag).c_str());
    if (!r.last_modified.empty()) {
      t.headers = curl_slist_append(t.headers, ("If-Modified-Since: " + r.last_modified).c_str());
    }
    t.headers = curl_slist_append(t.headers, "Accept-Language: fa-IR,fa;q=0.9,en;q=0.5");
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
    curl_multi_add_handle(multi, e);
    busy.insert(t.host);
    next_start[t.host] = Clock::now() + std::chrono::milliseconds(options_.per_host_interval_ms);
    ++active;
  };

  const auto deadline = options_.batch_budget_ms > 0
                            ? Clock::now() + std::chrono::milliseconds(options_.batch_budget_ms)
                            : Clock::time_point::max();
  auto over_budget = [] {
    return Status(
        StatusCode::kUnavailable, "fetch_timeout",
        "زمان دریافت این دسته از صفحه‌های منبع به پایان رسید.");
  };
  while (!pending.empty() || active > 0) {
    if (Clock::now() >= deadline) {
      // The batch's time is up: abort what runs, fail what waits.
      for (Transfer& t : transfers) {
        if (!t.easy) continue;
        t.result->status = over_budget();
        t.result->body.clear();
        curl_multi_remove_handle(multi, t.easy);
        curl_easy_cleanup(t.easy);
        curl_slist_free_all(t.headers);
        t.easy = nullptr;
        t.headers = nullptr;
      }
      for (size_t i : pending) results[i].status = over_budget();
      pending.clear();
      active = 0;
      break;
    }
    // Start what the limits allow.
    const auto now = Clock::now();
    for (size_t k = 0; k < pending.size() && active < options_.max_parallel;) {
      const size_t i = pending[k];
      const std::string& host = transfers[i].host;
      auto ns = next_start.find(host);
      if (busy.contains(host) || (ns != next_start.end() && ns->second > now)) {
        ++k;
        continue;
      }
      pending.erase(pending.begin() + static_cast<long>(k));
      start(i);
    }
    int running = 0;
    curl_multi_perform(multi, &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&t));
      FetchResult& res = *t->result;
      curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &res.http_status);
      char* ct = nullptr;
      curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
      if (ct) res.content_type = ct;
      char* eff = nullptr;
      curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
      res.final_url = eff ? eff : res.url;
      const CURLcode code = msg->data.result;
      if (net::TakeOutboundRefusal(t->easy)) {  // the source, an article link or a redirect: not public
        res.status = FailedPrecondition(
            net::kOutboundRefused,
            "نشانی این منبع (یا تغییر مسیر آن) به شبکهٔ داخلی می‌رسد و خوانده نمی‌شود.");
        res.body.clear();
      } else if (code != CURLE_OK) {
        Status s = FailureFor(code, *t, options_);
        if (s.code() == StatusCode::kUnavailable) {
          s = WithCode(s, code == CURLE_OPERATION_TIMEDOUT ? "fetch_timeout"
                          : code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST
                              ? "fetch_connect"
                              : "fetch_failed");
        }
        res.status = s;
        res.body.clear();
      } else if (res.http_status == 304) {
        res.not_modified = true;
      } else if (res.http_status >= 400) {
        res.status = FailedPrecondition(
            "fetch_http", "منبع با کد HTTP " + text::PersianNumber(res.http_status) + " پاسخ داد.");
      } else if (res.http_status >= 300) {
        res.status = FailedPrecondition("fetch_redirects", "تغییر مسیر بدون مقصد معتبر.");
      }
      busy.erase(t->host);
      curl_multi_remove_handle(multi, t->easy);
      curl_easy_cleanup(t->easy);
      curl_slist_free_all(t->headers);
      t->easy = nullptr;
      t->headers = nullptr;
      --active;
    }
    if (active > 0) {
      curl_multi_poll(multi, nullptr, 0, 50, nullptr);
    } else if (!pending.empty()) {
      // Waiting for a host's rate limit.
      auto wake = Clock::time_point::max();
      for (size_t i : pending) {
        auto ns = next_start.find(transfers[i].host);
        if (ns != next_start.end()) wake = std::min(wake, ns->second);
      }
      if (wake != Clock::time_point::max() && wake > Clock::now()) {
        curl_multi_poll(
            multi, nullptr, 0,
            static_cast<int>(
                std::chrono::duration_cast<std::chrono::milliseconds>(wake - Clock::now()).count()) +
                1,
            nullptr);
      }
    }
  }
  curl_multi_cleanup(multi);
  return results;
}

}  // namespace pol::monitor
