#include "cli/settings.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "base/strings.h"
#include "cli/config.h"
#include "net/outbound_guard.h"

namespace pol::cli {
namespace {

Status Invalid(std::string_view value, std::string_view want) {
  return InvalidArgument("invalid_config", "مقدار «" + std::string(value) + "» پذیرفته نیست؛ " +
                                               std::string(want) + " لازم است.");
}

Status ParseBool(std::string_view value, bool& out) {
  const std::string v = AsciiLower(TrimAscii(value));
  if (v == "1" || v == "true" || v == "yes" || v == "on") {
    out = true;
  } else if (v == "0" || v == "false" || v == "no" || v == "off") {
    out = false;
  } else {
    return Invalid(value, "on یا off");
  }
  return Status::Ok();
}

template <typename Int>
Status ParseInt(std::string_view value, Int& out, Int min) {
  const std::string_view v = TrimAscii(value);
  int64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size()) return Invalid(value, "عدد صحیح");
  out = static_cast<Int>(std::max<int64_t>(min, n));
  return Status::Ok();
}

Status ParseNetworks(std::string_view value, http::NetworkList& out) {
  auto list = http::NetworkList::Parse(value);
  if (!list.ok())
    return Invalid(value, "فهرست نشانی‌های شبکه (CIDR) جداشده با ویرگول");
  out = std::move(list).value();
  return Status::Ok();
}

Status SetString(std::string_view value, std::string& out) {
  out = std::string(value);
  return Status::Ok();
}

// The table. Keep it in the order of docs/configuration.md.
const std::vector<SettingSpec>& Table() {
  static const std::vector<SettingSpec> table = {
      // The server.
      {"data", "POL_DATA", "--data", "./pol-data", "the data folder: database, media, keys, attachments",
       [](std::string_view v, Config& c) { return SetString(v, c.data); }},
      {"db", "POL_DB", "--db", "", "the database: postgresql://… (docs/postgresql.md); empty: DATA/pol.db",
       [](std::string_view v, Config& c) { return SetString(v, c.db); }},
      {"listen", "POL_LISTEN", "--listen", "127.0.0.1:8080", "address and port to serve on (HOST:PORT)",
       [](std::string_view v, Config& c) { return ParseListen(std::string(v), c); }},
      {"console_dir", "POL_CONSOLE_DIR", "--console", "<source>/web/dist", "the staff console's build",
       [](std::string_view v, Config& c) { return SetString(v, c.console_dir); }},
      {"log_level", "POL_LOG_LEVEL", "--log-level", "info",
       "trace, debug, info, warn, error, critical or off",
       [](std::string_view v, Config& c) { return SetString(v, c.log_level); }},
      {"read_threads", "POL_READ_THREADS", "", "0",
       "threads for GET and HEAD handlers; 0: one per processor core",
       [](std::string_view v, Config& c) { return ParseInt(v, c.read_threads, 0); }},
      {"worker_threads", "POL_WORKER_THREADS", "", "4", "threads for every other handler (at least 1)",
       [](std::string_view v, Config& c) { return ParseInt(v, c.worker_threads, 1); }},
      {"io_threads", "POL_IO_THREADS", "", "1", "network threads (at least 1)",
       [](std::string_view v, Config& c) { return ParseInt(v, c.io_threads, 1); }},
      {"max_connections", "POL_MAX_CONNECTIONS", "", "1024",
       "concurrent HTTP connections; over it a new one gets 503 and is closed (at least 1)",
       [](std::string_view v, Config& c) { return ParseInt<size_t>(v, c.max_connections, 1); }},
      {"session_cache_ms", "POL_SESSION_CACHE_MS", "", "0",
       "how long a node keeps a resolved session in ms; 0: 5000 on SQLite, 500 on PostgreSQL",
       [](std::string_view v, Config& c) { return ParseInt<int64_t>(v, c.app.session_cache_ms, 0); }},
      {"header_timeout_ms", "POL_HEADER_TIMEOUT_MS", "", "10000",
       "time from a request's first byte to the end of its header (at least 100)",
       [](std::string_view v, Config& c) { return ParseInt<int64_t>(v, c.header_timeout_ms, 100); }},
      {"trusted_proxies", "POL_TRUSTED_PROXIES", "", "(empty)",
       "CIDRs of reverse proxies whose X-Forwarded-For / Forwarded is believed",
       [](std::string_view v, Config& c) { return ParseNetworks(v, c.trusted_proxies); }},
      {"metrics_allow", "POL_METRICS_ALLOW", "", "(empty)", "CIDRs besides loopback that may read /metrics",
       [](std::string_view v, Config& c) { return ParseNetworks(v, c.metrics_allow); }},
      {"access_log", "POL_ACCESS_LOG", "", "on", "one log line per request",
       [](std::string_view v, Config& c) { return ParseBool(v, c.access_log); }},
      {"secure_cookies", "POL_SECURE_COOKIES", "", "off", "set the Secure flag on cookies (behind HTTPS)",
       [](std::string_view v, Config& c) { return ParseBool(v, c.secure_cookies); }},
      {"public_url", "POL_PUBLIC_URL", "--public-url", "(empty)",
       "the public base URL (canonical links, feeds, links in deliveries)",
       [](std::string_view v, Config& c) { return SetString(v, c.app.public_url); }},
      {"shared_dir", "POL_SHARED_DIR", "--shared", "<source>/../shared", "test and demo data (`pol demo`)",
       [](std::string_view v, Config& c) { return SetString(v, c.app.shared_dir); }},
      // Outgoing connections.
      {"outbound_allow", "POL_OUTBOUND_ALLOW", "", "(none)",
       "comma-separated CIDRs that outgoing requests may reach although not public (e.g. 127.0.0.0/8)",
       [](std::string_view v, Config& c) -> Status {
         POL_ASSIGN_OR_RETURN(c.app.outbound_allow, net::ParseCidrList(v));
         return Status::Ok();
       }},
      // Media monitoring.
      {"monitor.schedule", "POL_MONITOR_SCHEDULE", "", "on",
       "fetch sources whose interval has passed (every 30 s); off: only on demand",
       [](std::string_view v, Config& c) { return ParseBool(v, c.app.monitor.schedule); }},
      {"monitor.fetch_timeout_ms", "POL_MONITOR_FETCH_TIMEOUT_MS", "", "30000",
       "whole-fetch timeout (at least 500; the stall timeout is at most this)",
       [](std::string_view v, Config& c) {
         return ParseInt<int64_t>(v, c.app.monitor.fetcher.timeout_ms, 500);
       }},
      {"monitor.max_bytes", "POL_MONITOR_MAX_BYTES", "", "8388608",
       "largest response body kept (at least 1024)",
       [](std::string_view v, Config& c) {
         return ParseInt<int64_t>(v, c.app.monitor.fetcher.max_bytes, 1024);
       }},
      {"monitor.host_interval_ms", "POL_MONITOR_HOST_INTERVAL_MS", "", "250",
       "least time between two requests to one host",
       [](std::string_view v, Config& c) {
         return ParseInt<int64_t>(v, c.app.monitor.fetcher.per_host_interval_ms, 0);
       }},
      {"monitor.lease_ms", "POL_MONITOR_LEASE_MS", "", "60000",
       "a fetch/ingest job's lease in ms: after a crash another node takes the job over after this (at least 1000)",
       [](std::string_view v, Config& c) { return ParseInt<int64_t>(v, c.app.monitor.lease_ms, 1000); }},
      // Distribution.
      {"distribution.workers", "POL_DIST_WORKERS", "", "4", "workers of the distribution queue (at least 1)",
       [](std::string_view v, Config& c) { return ParseInt(v, c.app.distribution.workers, 1); }},
      {"distribution.lease_ms", "POL_DIST_LEASE_MS", "", "30000",
       "delivery job lease: after a crash, another process takes a delivery over after this (at least 1000)",
       [](std::string_view v, Config& c) { return ParseInt<int64_t>(v, c.app.distribution.lease_ms, 1000); }},
      // Messenger bots.
      {"messenger.poll", "POL_MESSENGER_POLL", "", "true",
       "run the long-polling thread of the messenger bots (false: webhook bots only)",
       [](std::string_view v, Config& c) { return ParseBool(v, c.app.messenger.poll); }},
      {"messenger.poll_timeout_s", "POL_MESSENGER_POLL_TIMEOUT_S", "", "25",
       "getUpdates long-poll timeout in seconds with one polling bot (0 or more; above 50 counts as 50)",
       [](std::string_view v, Config& c) {
         return ParseInt<int64_t>(v, c.app.messenger.options.poll_timeout_s, 0);
       }},
      {"messenger.per_chat_per_minute", "POL_MESSENGER_PER_CHAT_PER_MINUTE", "", "20",
       "updates handled per chat per minute (0: no limit); beyond it one polite notice, then silence",
       [](std::string_view v, Config& c) {
         return ParseInt<int64_t>(v, c.app.messenger.options.per_chat_per_minute, 0);
       }},
      // The public site.
      {"site.council", "POL_SITE_COUNCIL", "--site-council", "(the first council)",
       "the council (slug) the public site and the citizens' pages serve",
       [](std::string_view v, Config& c) { return SetString(v, c.app.site.council_slug); }},
      {"site.font", "POL_SITE_FONT", "", "(Vazirmatn from the console build)", "the site's woff2 font file",
       [](std::string_view v, Config& c) { return SetString(v, c.app.site.font_file); }},
      // Reports (report/): the PDF and chart font.
      {"report.font_dir", "POL_REPORT_FONT_DIR", "", "(Vazirmatn from the console build's node_modules)",
       "the folder of Vazirmatn-Regular.ttf and Vazirmatn-Bold.ttf embedded in PDF reports and charts",
       [](std::string_view v, Config& c) { return SetString(v, c.app.report_font_dir); }},
      // Citizens.
      {"citizen.rate_limits", "POL_CITIZEN_RATE_LIMITS", "", "on",
       "per-address and per-mobile submission limits (off for benchmarks)",
       [](std::string_view v, Config& c) { return ParseBool(v, c.app.citizen.rate_limits); }},
      {"citizen.challenge", "POL_CITIZEN_CHALLENGE", "", "on",
       "the submission form's challenge (off for benchmarks)",
       [](std::string_view v, Config& c) { return ParseBool(v, c.app.citizen.portal.challenge); }},
      {"citizen.thursday", "POL_CITIZEN_THURSDAY", "", "off",
       "Thursday in SLA working time: off, half or working",
       [](std::string_view v, Config& c) {
         const std::string s = AsciiLower(TrimAscii(v));
         auto& t = c.app.citizen.requests.work_week.thursday;
         if (s == "off") {
           t = text::ThursdayPolicy::kOff;
         } else if (s == "half") {
           t = text::ThursdayPolicy::kHalfDay;
         } else if (s == "working") {
           t = text::ThursdayPolicy::kWorking;
         } else {
           return Invalid(v, "off، half یا working");
         }
         return Status::Ok();
       }},
      {"citizen.sms_per_mobile_per_day", "POL_CITIZEN_SMS_PER_MOBILE_PER_DAY", "", "5",
       "one-time codes sent to one mobile in 24 hours, across requests (0: no cap)",
       [](std::string_view v, Config& c) {
         return ParseInt<int64_t>(v, c.app.citizen.requests.otp_per_mobile_per_day, 0);
       }},
      {"citizen.sms_per_hour", "POL_CITIZEN_SMS_PER_HOUR", "", "500",
       "one-time codes the server sends per hour; past it none are sent and the council desk is alerted (0: none)",
       [](std::string_view v, Config& c) {
         return ParseInt<int64_t>(v, c.app.citizen.requests.otp_per_hour, 0);
       }},
      {"citizen.sms_resend_backoff", "POL_CITIZEN_SMS_RESEND_BACKOFF", "", "60",
       "seconds a resend waits after the last code to the mobile, doubled for each code sent that day (0: none)",
       [](std::string_view v, Config& c) {
         int64_t seconds = 0;
         POL_RETURN_IF_ERROR(ParseInt<int64_t>(v, seconds, 0));
         c.app.citizen.requests.otp_resend_backoff_ms = seconds * 1000;
         return Status::Ok();
       }},
      {"citizen.status_lookups_per_hour", "POL_CITIZEN_STATUS_LOOKUPS_PER_HOUR", "", "300",
       "tracking codes one address may look up through Open311 per hour (0: no limit)",
       [](std::string_view v, Config& c) {
         return ParseInt<int64_t>(v, c.app.citizen.requests.status_lookups_per_ip, 0);
       }},
      {"open311.api_keys", "POL_OPEN311_API_KEYS", "", "(none)",
       "SHA-256 (hex) of each Open311 client's API key, comma-separated; keyed clients get the ordinary limits",
       [](std::string_view v, Config& c) {
         auto& keys = c.app.citizen.requests.open311_key_hashes;
         keys.clear();
         for (std::string_view rest = v; !rest.empty();) {
           const size_t comma = rest.find(',');
           const std::string key = AsciiLower(TrimAscii(rest.substr(0, comma)));
           rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
           if (key.empty()) continue;
           if (key.size() != 64 || key.find_first_not_of("0123456789abcdef") != std::string::npos)
             return Invalid(key, "SHA-256 هگز (۶۴ نویسه)");
           keys.push_back(key);
         }
         return Status::Ok();
       }},
      {"open311.keyless_per_hour", "POL_OPEN311_KEYLESS_PER_HOUR", "", "60",
       "Open311 submissions without an API key accepted per hour from all addresses together (0: no limit)",
       [](std::string_view v, Config& c) {
         return ParseInt<int64_t>(v, c.app.citizen.requests.open311_keyless_per_hour, 0);
       }},
      {"open311.keyless_per_ip", "POL_OPEN311_KEYLESS_PER_IP", "", "3",
       "Open311 submissions without an API key accepted per address per hour (0: no limit)",
       [](std::string_view v, Config& c) {
         return ParseInt<int64_t>(v, c.app.citizen.requests.open311_keyless_per_ip, 0);
       }},
      {"sms.provider", "POL_SMS_PROVIDER", "", "(none)",
       "the SMS gateway: kavenegar, log (development and tests: codes go to the log) or none",
       [](std::string_view v, Config& c) { return SetString(v, c.app.citizen.sms.provider); }},
      {"sms.kavenegar_url", "POL_SMS_KAVENEGAR_URL", "", "https://api.kavenegar.com", "Kavenegar's base URL",
       [](std::string_view v, Config& c) {
         if (!v.empty()) c.app.citizen.sms.kavenegar.base_url = std::string(v);
         return Status::Ok();
       }},
      {"sms.api_key", "POL_SMS_API_KEY", "", "(none)", "Kavenegar API key (required for kavenegar)",
       [](std::string_view v, Config& c) { return SetString(v, c.app.citizen.sms.kavenegar.api_key); }},
      {"sms.sender", "POL_SMS_SENDER", "", "(the account's default line)", "Kavenegar sender line",
       [](std::string_view v, Config& c) { return SetString(v, c.app.citizen.sms.kavenegar.sender); }},
  };
  return table;
}

}  // namespace

const std::vector<SettingSpec>& AllSettings() { return Table(); }

const SettingSpec* FindSettingByKey(std::string_view key) {
  for (const SettingSpec& s : Table()) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

const SettingSpec* FindSettingByFlag(std::string_view flag) {
  for (const SettingSpec& s : Table()) {
    if (!s.flag.empty() && s.flag == flag) return &s;
  }
  return nullptr;
}

void FinishSettings(Config& c) {
  app::Settings& a = c.app;
  a.data_dir = c.data;
  a.console_dir = c.console_dir;
  a.secure_cookies = c.secure_cookies;
  auto& fetcher = a.monitor.fetcher;
  fetcher.stall_timeout_ms = std::min(fetcher.stall_timeout_ms, fetcher.timeout_ms);
  // Distribution links need an absolute base: the public URL without a trailing '/', else this server.
  std::string base = a.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.empty()) {
    const bool v6 = c.host.find(':') != std::string::npos;
    base = "http://" + (v6 ? "[" + c.host + "]" : c.host) + ":" + std::to_string(c.port);
  }
  a.distribution.distributor.public_url = base;
  a.site.public_url = base;  // never the request's Host (pol serve warns when public_url is unset)
  a.citizen.requests.data_dir = c.data;
  a.citizen.requests.council_slug = a.site.council_slug;
  if (!a.citizen.rate_limits) {
    a.citizen.requests.per_ip_per_hour = 0;
    a.citizen.requests.per_mobile_per_hour = 0;
    a.citizen.requests.otp_per_mobile_per_day = 0;
    a.citizen.requests.otp_resend_backoff_ms = 0;
    a.citizen.requests.status_lookups_per_ip = 0;
    a.citizen.requests.open311_keyless_per_hour = 0;
    a.citizen.requests.open311_keyless_per_ip = 0;
  }
  a.citizen.portal.secure_cookies = c.secure_cookies;
}

}  // namespace pol::cli
