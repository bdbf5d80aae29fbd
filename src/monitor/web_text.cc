#include "monitor/web_text.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

#include "base/strings.h"
#include "text/jalali.h"
#include "text/normalize.h"

namespace pol::monitor {
namespace {

struct Parts {
  std::string scheme, host, port, path, query;
};

std::optional<Parts> Split(std::string_view url) {
  size_t colon = url.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  Parts p;
  p.scheme = AsciiLower(url.substr(0, colon));
  if (p.scheme != "http" && p.scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(colon + 3);
  size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (size_t pc = authority.rfind(':');
      pc != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    p.port = std::string(authority.substr(pc + 1));
    authority = authority.substr(0, pc);
  }
  p.host = AsciiLower(authority);
  if (p.host.empty()) return std::nullopt;
  std::string_view tail = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (size_t h = tail.find('#'); h != std::string_view::npos) tail = tail.substr(0, h);
  size_t q = tail.find('?');
  p.path = std::string(tail.substr(0, q));
  if (q != std::string_view::npos) p.query = std::string(tail.substr(q + 1));
  if (p.path.empty()) p.path = "/";
  return p;
}

// Removes "." and ".." segments.
std::string NormalizePath(const std::string& path) {
  std::vector<std::string> segs;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
    } else if (seg != "." && !(seg.empty() && j != path.size())) {
      segs.push_back(seg);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& s : segs) out += "/" + s;
  if (out.empty()) out = "/";
  return out;
}

}  // namespace

std::string UrlHost(std::string_view url) {
  auto p = Split(url);
  return p ? p->host : "";
}

std::string UrlOrigin(std::string_view url) {
  auto p = Split(url);
  if (!p) return "";
  return p->scheme + "://" + p->host + (p->port.empty() ? "" : ":" + p->port);
}

std::string UrlPathAndQuery(std::string_view url) {
  auto p = Split(url);
  if (!p) return "/";
  return p->path + (p->query.empty() ? "" : "?" + p->query);
}

std::string ResolveUrl(std::string_view base, std::string_view href) {
  href = TrimAscii(href);
  if (href.empty()) return "";
  const std::string lower = AsciiLower(href.substr(0, std::min<size_t>(href.size(), 12)));
  if (lower.starts_with("javascript:") || lower.starts_with("mailto:") || lower.starts_with("data:") ||
      lower.starts_with("tel:") || href.front() == '#') {
    return "";
  }
  if (Split(href)) {  // absolute; schemes are case-insensitive, and callers compare "http(s)://"
    std::string url(href);
    const size_t colon = url.find(':');
    for (size_t i = 0; i < colon; ++i) url[i] = AsciiLower(std::string_view(&url[i], 1))[0];
    return url;
  }
  auto b = Split(base);
  if (!b) return "";
  if (href.starts_with("//")) return b->scheme + ":" + std::string(href);
  const std::string origin = b->scheme + "://" + b->host + (b->port.empty() ? "" : ":" + b->port);
  std::string path;
  std::string query;
  std::string_view h = href;
  if (size_t f = h.find('#'); f != std::string_view::npos) h = h.substr(0, f);
  if (size_t q = h.find('?'); q != std::string_view::npos) {
    query = std::string(h.substr(q));
    h = h.substr(0, q);
  }
  if (h.empty()) {
    path = b->path;
    if (query.empty() && !b->query.empty()) query = "?" + b->query;
  } else if (h.front() == '/') {
    path = std::string(h);
  } else {
    path = b->path.substr(0, b->path.rfind('/') + 1) + std::string(h);
  }
  return origin + NormalizePath(path) + query;
}

std::string CanonicalUrl(std::string_view url) {
  auto p = Split(url);
  if (!p) return std::string(url);
  std::string host = p->host;
  if (host.starts_with("www.")) host.erase(0, 4);
  std::string port = p->port;
  if (port == "80" || port == "443") port.clear();
  std::vector<std::string> params;
  size_t i = 0;
  while (i < p->query.size()) {
    size_t j = p->query.find('&', i);
    if (j == std::string::npos) j = p->query.size();
    std::string kv = p->query.substr(i, j - i);
    std::string key = AsciiLower(kv.substr(0, kv.find('=')));
    if (!kv.empty() && !key.starts_with("utm_") && key != "fbclid" && key != "gclid" && key != "ref") {
      params.push_back(kv);
    }
    i = j + 1;
  }
  std::sort(params.begin(), params.end());
  std::string path = NormalizePath(p->path);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  std::string out = "https://" + host + (port.empty() ? "" : ":" + port) + path;
  for (size_t k = 0; k < params.size(); ++k) out += (k == 0 ? "?" : "&") + params[k];
  return out;
}

namespace {

int MonthFromName(std::string_view m) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string l = AsciiLower(m.substr(0, 3));
  for (int i = 0; i < 12; ++i) {
    if (l == kMonths[i]) return i + 1;
  }
  return 0;
}

// Splits ASCII text into runs of digits, letters and the sign characters + -.
std::vector<std::string> Fields(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (!cur.empty() && std::isdigit(static_cast<unsigned char>(cur.back())) !=
                              std::isdigit(static_cast<unsigned char>(c))) {
        flush();
      }
      cur += c;
    } else if (c == '+' || c == '-') {
      flush();
      out.push_back(std::string(1, c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

bool AllDigits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::optional<int64_t> FromCivil(int y, int mo, int d, int h, int mi, int s, int offset_minutes) {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
    return std::nullopt;
  int64_t days = text::DaysFromCivil({y, mo, d});
  return ((days * 86400 + h * 3600 + mi * 60 + s) - int64_t{offset_minutes} * 60) * 1000;
}

// "+0330", "+03:30", "Z", "GMT" → minutes east of UTC.
int ZoneOffset(std::string_view s) {
  size_t p = s.find_last_of("+-");
  if (p == std::string_view::npos || p + 3 > s.size()) return 0;
  std::string digits;
  for (char c : s.substr(p + 1)) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    if (digits.size() == 4) break;
  }
  if (digits.size() != 4) return 0;
  int m = std::stoi(digits.substr(0, 2)) * 60 + std::stoi(digits.substr(2, 2));
  return s[p] == '-' ? -m : m;
}

std::optional<int64_t> ParseIso(const std::string& s) {
  // YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]
  if (s.size() < 10 || !std::isdigit(static_cast<unsigned char>(s[0])) || s[4] != '-' || s[7] != '-')
    return std::nullopt;
  int y = std::atoi(s.substr(0, 4).c_str()), mo = std::atoi(s.substr(5, 2).c_str()),
      d = std::atoi(s.substr(8, 2).c_str());
  int h = 0, mi = 0, sec = 0, off = 0;
  if (s.size() >= 16 && (s[10] == 'T' || s[10] == ' ') && s[13] == ':') {
    h = std::atoi(s.substr(11, 2).c_str());
    mi = std::atoi(s.substr(14, 2).c_str());
    if (s.size() >= 19 && s[16] == ':') sec = std::atoi(s.substr(17, 2).c_str());
    std::string_view zone = std::string_view(s).substr(16);
    if (zone.find_first_of("+-") != std::string_view::npos) off = ZoneOffset(zone);
    if (y < 1700) {  // a Jalali year written ISO-style
      if (!text::IsValidJalali({y, mo, d})) return std::nullopt;
      auto c = text::FromJalali({y, mo, d});
      return text::UnixFromTehran({c, h * 3600 + mi * 60 + sec}) * 1000;
    }
    if (zone.find('Z') == std::string_view::npos && zone.find_first_of("+-") == std::string_view::npos) {
      return text::UnixFromTehran({{y, mo, d}, h * 3600 + mi * 60 + sec}) * 1000;  // no zone: Tehran time
    }
    return FromCivil(y, mo, d, h, mi, sec, off);
  }
  if (y < 1700) {
    if (!text::IsValidJalali({y, mo, d})) return std::nullopt;
    return text::UnixFromTehran({text::FromJalali({y, mo, d}), 0}) * 1000;
  }
  return FromCivil(y, mo, d, 0, 0, 0, 0);
}

std::optional<int64_t> ParseRfc822(const std::string& s) {
  // [Day,] DD Mon YYYY HH:MM[:SS] zone
  std::vector<std::string> f = Fields(s);
  size_t i = 0;
  if (i < f.size() && !AllDigits(f[i])) ++i;  // weekday
  if (i + 2 >= f.size() || !AllDigits(f[i]) || MonthFromName(f[i + 1]) == 0 || !AllDigits(f[i + 2]))
    return std::nullopt;
  int d = std::atoi(f[i].c_str()), mo = MonthFromName(f[i + 1]), y = std::atoi(f[i + 2].c_str());
  if (y < 100) y += 2000;
  int h = 0, mi = 0, sec = 0;
  std::vector<int> t;
  for (size_t k = i + 3; k < f.size() && t.size() < 3 && AllDigits(f[k]) && f[k].size() <= 2; ++k)
    t.push_back(std::atoi(f[k].c_str()));
  if (!t.empty()) h = t[0];
  if (t.size() > 1) mi = t[1];
  if (t.size() > 2) sec = t[2];
  return FromCivil(y, mo, d, h, mi, sec, ZoneOffset(s));
}

}  // namespace

std::optional<int64_t> ParseWebDate(std::string_view input) {
  // Persian/Arabic digits → ASCII, so the Gregorian parsers see them too.
  std::string s;
  for (size_t i = 0; i < input.size();) {
    unsigned char c = static_cast<unsigned char>(input[i]);
    if (c == 0xDB && i + 1 < input.size() && static_cast<unsigned char>(input[i + 1]) >= 0xB0 &&
        static_cast<unsigned char>(input[i + 1]) <= 0xB9) {
      s += static_cast<char>('0' + (static_cast<unsigned char>(input[i + 1]) - 0xB0));
      i += 2;
    } else if (c == 0xD9 && i + 1 < input.size() && static_cast<unsigned char>(input[i + 1]) >= 0xA0 &&
               static_cast<unsigned char>(input[i + 1]) <= 0xA9) {
      s += static_cast<char>('0' + (static_cast<unsigned char>(input[i + 1]) - 0xA0));
      i += 2;
    } else {
      s += input[i];
      ++i;
    }
  }
  s = std::string(TrimAscii(s));
  if (s.empty()) return std::nullopt;
  if (auto iso = ParseIso(s)) return iso;
  if (auto rfc = ParseRfc822(s)) return rfc;
  // Jalali: a date part the text core understands, and an optional HH:MM anywhere.
  int h = 0, mi = 0;
  std::string date_part = s;
  for (size_t p = s.find(':'); p != std::string::npos; p = s.find(':', p + 1)) {
    if (p >= 1 && p + 2 < s.size() + 1 && std::isdigit(static_cast<unsigned char>(s[p - 1])) &&
        p + 2 <= s.size() && std::isdigit(static_cast<unsigned char>(s[p + 1]))) {
      size_t b = p;
      while (b > 0 && std::isdigit(static_cast<unsigned char>(s[b - 1]))) --b;
      size_t e = p + 1;
      while (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e]))) ++e;
      h = std::atoi(s.substr(b, p - b).c_str());
      mi = std::atoi(s.substr(p + 1, e - p - 1).c_str());
      size_t e2 = e;
      if (e2 < s.size() && s[e2] == ':') {
        ++e2;
        while (e2 < s.size() && std::isdigit(static_cast<unsigned char>(s[e2]))) ++e2;
      }
      date_part = s.substr(0, b) + " " + s.substr(e2);
      break;
    }
  }
  // Drop separators around the date (" - ", "ساعت") that the Jalali parser would refuse.
  for (const char* junk : {" - ", "ساعت", "تاریخ انتشار", "تاریخ", "|", "،", ","}) {
    for (size_t p = date_part.find(junk); p != std::string::npos; p = date_part.find(junk)) {
      date_part.replace(p, std::strlen(junk), " ");
    }
  }
  while (!date_part.empty() && (std::isspace(static_cast<unsigned char>(date_part.back())) ||
                                date_part.back() == '-' || date_part.back() == ':'))
    date_part.pop_back();
  while (!date_part.empty() && (std::isspace(static_cast<unsigned char>(date_part.front())) ||
                                date_part.front() == '-' || date_part.front() == ':'))
    date_part.erase(0, 1);
  auto j = text::ParseJalali(date_part);
  if (!j.ok()) return std::nullopt;
  if (h > 23 || mi > 59) h = mi = 0;
  return text::UnixFromTehran({text::FromJalali(*j), h * 3600 + mi * 60}) * 1000;
}

}  // namespace pol::monitor
