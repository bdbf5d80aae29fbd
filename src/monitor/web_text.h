// Small helpers for text found on the web: URLs (resolution, canonical form,
// host) and dates (RFC 822, ISO 8601/RFC 3339, Jalali as printed on Persian
// pages, in any digit script).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pol::monitor {

// Lower-case host without port, "" when `url` is not absolute http(s).
std::string UrlHost(std::string_view url);
// scheme://host[:port]
std::string UrlOrigin(std::string_view url);
// The path and query of an absolute URL ("/" at least).
std::string UrlPathAndQuery(std::string_view url);
// `href` resolved against the absolute `base`, its scheme in lower case ("" when it cannot be:
// javascript:, mailto:, data:).
std::string ResolveUrl(std::string_view base, std::string_view href);
// The form used for deduplication: lower-case scheme and host, no "www.", no default port, no fragment,
// no tracking parameters (utm_*, fbclid, gclid, ref), remaining parameters sorted, no trailing slash.
// http and https give the same key ("https").
std::string CanonicalUrl(std::string_view url);

// Unix milliseconds of a date as found in feeds and pages: RFC 822 ("Tue, 10 Jun 2003 04:00:00 GMT" or
// "+0330"), ISO 8601 ("2024-05-01T10:20:30+03:30", "2024-05-01"), or Jalali ("۱۴۰۳/۰۲/۱۱ - ۱۰:۲۰",
// "۱۱ اردیبهشت ۱۴۰۳", "1403-02-11 10:20"), Jalali times taken as Tehran local time.
std::optional<int64_t> ParseWebDate(std::string_view text);

}  // namespace pol::monitor
