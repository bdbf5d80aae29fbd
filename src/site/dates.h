// Dates as the public site and its feeds write them. Times are unix milliseconds.
//   Rfc822(t)   "Sat, 05 Oct 2024 08:30:00 +0000"   (RSS 2.0 pubDate)
//   Rfc3339(t)  "2024-10-05T08:30:00Z"              (Atom, sitemap lastmod)
//   HttpDate(t) "Sat, 05 Oct 2024 08:30:00 GMT"     (Last-Modified)
//   PersianDate(t)     "۱۴ مهر ۱۴۰۳"               (Tehran local date, Persian digits)
//   PersianDateTime(t) "۱۴ مهر ۱۴۰۳، ساعت ۱۲:۰۰"
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pol::site {

std::string Rfc822(int64_t unix_ms);
std::string Rfc3339(int64_t unix_ms);
std::string HttpDate(int64_t unix_ms);
// Parses an IMF-fixdate (If-Modified-Since); unix seconds, nullopt when malformed.
std::optional<int64_t> ParseHttpDate(std::string_view text);

std::string PersianDate(int64_t unix_ms);
std::string PersianDateTime(int64_t unix_ms);
// ASCII digits to Persian digits (۰…۹).
std::string PersianDigits(std::string_view ascii);

}  // namespace pol::site
