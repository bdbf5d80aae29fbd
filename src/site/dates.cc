#include "site/dates.h"

#include <ctime>

#include <fmt/format.h>

#include "text/jalali.h"

namespace pol::site {
namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm Utc(int64_t unix_ms) {
  std::time_t t = static_cast<std::time_t>(unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

std::string Imf(int64_t unix_ms, const char* zone) {
  std::tm tm = Utc(unix_ms);
  return fmt::format("{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} {}", kDays[tm.tm_wday], tm.tm_mday,
                     kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
}

}  // namespace

std::string Rfc822(int64_t unix_ms) { return Imf(unix_ms, "+0000"); }
std::string HttpDate(int64_t unix_ms) { return Imf(unix_ms, "GMT"); }

std::string Rfc3339(int64_t unix_ms) {
  std::tm tm = Utc(unix_ms);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::optional<int64_t> ParseHttpDate(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  if (text.size() != 29 || text.substr(25) != " GMT" || text[3] != ',') return std::nullopt;
  std::string s(text);
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<int64_t>(timegm(&tm));
}

std::string PersianDigits(std::string_view ascii) {
  static const char* const kDigits[] = {"۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"};
  std::string out;
  out.reserve(ascii.size() * 2);
  for (char c : ascii) {
    if (c >= '0' && c <= '9') {
      out += kDigits[c - '0'];
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string PersianDate(int64_t unix_ms) {
  int64_t secs = unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000;
  return text::FormatJalali(text::JalaliFromUnix(secs));
}

std::string PersianDateTime(int64_t unix_ms) {
  int64_t secs = unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000;
  text::LocalDateTime local = text::TehranFromUnix(secs);
  std::string hm = fmt::format("{:02d}:{:02d}", local.second_of_day / 3600, local.second_of_day % 3600 / 60);
  return text::FormatJalali(text::ToJalali(local.date)) + "، ساعت " + PersianDigits(hm);
}

}  // namespace pol::site
