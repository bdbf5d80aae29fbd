#include "text/jalali.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <vector>

#include "text/fold.h"
#include "text/number_words.h"

namespace pol::text {
namespace {

constexpr double kMsPerDay = 86400000.0;

icu::Calendar& PersianCalendar() {
  thread_local std::unique_ptr<icu::Calendar> cal = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> c(icu::Calendar::createInstance(
        icu::TimeZone::getGMT()->clone(), icu::Locale("fa_IR@calendar=persian"), st));
    if (U_FAILURE(st) || !c) std::abort();
    return c;
  }();
  return *cal;
}

const icu::TimeZone& Tehran() {
  static const icu::TimeZone* tz = icu::TimeZone::createTimeZone("Asia/Tehran");
  return *tz;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

constexpr std::array<std::string_view, 12> kMonthNames = {
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"};
constexpr std::array<std::string_view, 7> kWeekdayNames = {"شنبه",     "یکشنبه",  "دوشنبه", "سه‌شنبه",
                                                           "چهارشنبه", "پنجشنبه", "جمعه"};

Status InvalidDate(std::string_view text, std::string_view why) {
  return InvalidArgument("invalid_date",
                         "تاریخ «" + std::string(text) + "» نامعتبر است: " + std::string(why));
}

}  // namespace

int64_t DaysFromCivil(CivilDate d) {
  int64_t y = d.year - (d.month <= 2);
  int64_t era = FloorDiv(y, 400);
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  int64_t era = FloorDiv(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp + (mp < 10 ? 3 : -9);
  return CivilDate{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

JalaliDate JalaliFromDays(int64_t days) {
  icu::Calendar& c = PersianCalendar();
  UErrorCode st = U_ZERO_ERROR;
  c.setTime(static_cast<double>(days) * kMsPerDay, st);
  JalaliDate j{c.get(UCAL_EXTENDED_YEAR, st), c.get(UCAL_MONTH, st) + 1, c.get(UCAL_DATE, st)};
  return j;
}

int64_t DaysFromJalali(JalaliDate j) {
  icu::Calendar& c = PersianCalendar();
  UErrorCode st = U_ZERO_ERROR;
  c.clear();
  c.set(UCAL_EXTENDED_YEAR, j.year);
  c.set(UCAL_MONTH, j.month - 1);
  c.set(UCAL_DATE, j.day);
  double ms = c.getTime(st);
  return static_cast<int64_t>(std::floor(ms / kMsPerDay));
}

JalaliDate ToJalali(CivilDate d) { return JalaliFromDays(DaysFromCivil(d)); }
CivilDate FromJalali(JalaliDate j) { return CivilFromDays(DaysFromJalali(j)); }

bool IsJalaliLeapYear(int year) {
  // Esfand has 30 days in a leap year: day 30 of month 12 stays in the year.
  return JalaliFromDays(DaysFromJalali(JalaliDate{year, 12, 1}) + 29).month == 12;
}

int JalaliMonthLength(int year, int month) {
  if (month < 1 || month > 12) return 0;
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return IsJalaliLeapYear(year) ? 30 : 29;
}

bool IsValidJalali(JalaliDate j) {
  return j.year >= 1 && j.year <= 9999 && j.month >= 1 && j.month <= 12 && j.day >= 1 &&
         j.day <= JalaliMonthLength(j.year, j.month);
}

int IranianWeekdayFromDays(int64_t days) {
  // 1970-01-01 was a Thursday (index 5 in a Saturday-first week).
  return static_cast<int>(((days + 5) % 7 + 7) % 7);
}
int IranianWeekday(CivilDate d) { return IranianWeekdayFromDays(DaysFromCivil(d)); }

std::string_view JalaliMonthName(int month) {
  return month >= 1 && month <= 12 ? kMonthNames[month - 1] : std::string_view();
}
std::string_view IranianWeekdayName(int weekday) {
  return weekday >= 0 && weekday <= 6 ? kWeekdayNames[weekday] : std::string_view();
}

LocalDateTime TehranFromUnix(int64_t unix_seconds) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  Tehran().getOffset(static_cast<double>(unix_seconds) * 1000.0, false, raw, dst, st);
  int64_t local = unix_seconds + (raw + dst) / 1000;
  int64_t days = FloorDiv(local, 86400);
  return LocalDateTime{CivilFromDays(days), static_cast<int>(local - days * 86400)};
}

int64_t UnixFromTehran(const LocalDateTime& l) {
  int64_t local = DaysFromCivil(l.date) * 86400 + l.second_of_day;
  UErrorCode st = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  Tehran().getOffset(static_cast<double>(local) * 1000.0, true, raw, dst, st);
  return local - (raw + dst) / 1000;
}

JalaliDate JalaliFromUnix(int64_t unix_seconds) { return ToJalali(TehranFromUnix(unix_seconds).date); }

std::string FormatJalali(JalaliDate j, std::string_view p, bool latin_digits) {
  std::string out;
  auto num = [&](int v, int width) {
    std::string s = std::to_string(v);
    while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
    out += latin_digits ? s : ToPersianDigits(s);
  };
  size_t i = 0;
  auto run = [&](char c) {
    size_t n = 0;
    while (i + n < p.size() && p[i + n] == c) ++n;
    return n;
  };
  while (i < p.size()) {
    char c = p[i];
    size_t n = (c == 'y' || c == 'M' || c == 'd' || c == 'E') ? run(c) : 0;
    if (c == 'y' && n >= 1) {
      if (n == 2) {
        num(((j.year % 100) + 100) % 100, 2);
      } else {
        num(j.year, static_cast<int>(n));
      }
    } else if (c == 'M' && n >= 3) {
      out += JalaliMonthName(j.month);
    } else if (c == 'M' && n >= 1) {
      num(j.month, static_cast<int>(n));
    } else if (c == 'd' && n >= 1) {
      num(j.day, static_cast<int>(n));
    } else if (c == 'E' && n >= 1) {
      out += IranianWeekdayName(IranianWeekday(FromJalali(j)));
    } else {
      out.push_back(c);
      n = 1;
    }
    i += n;
  }
  return out;
}

StatusOr<JalaliDate> ParseJalali(std::string_view text) {
  // Fold: any digit script → ASCII, Arabic letters → Persian, ZWNJ dropped, آ → ا.
  std::string s = FoldChars(text);
  // Split into numbers and words; separators are spaces, / - . ، , and the like.
  std::vector<std::string> parts;
  std::vector<bool> numeric;
  std::vector<char> seps;  // separator character that preceded each part (' ' if space)
  size_t i = 0;
  char last_sep = ' ';
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '/' || c == '-' || c == '.' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') last_sep = static_cast<char>(c);
      ++i;
      continue;
    }
    if (s.compare(i, 2, "\xD8\x8C") == 0) {  // ،
      i += 2;
      continue;
    }
    size_t b = i;
    bool digits = c >= '0' && c <= '9';
    while (i < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i]);
      bool is_digit = d >= '0' && d <= '9';
      bool is_sep = d == ' ' || d == '/' || d == '-' || d == '.' || d == ',' || d == '\t' || d == '\n' ||
                    d == '\r' || s.compare(i, 2, "\xD8\x8C") == 0;
      if (is_sep || is_digit != digits) break;
      ++i;
    }
    parts.push_back(s.substr(b, i - b));
    numeric.push_back(digits);
    seps.push_back(last_sep);
    last_sep = ' ';
    if (parts.size() > 8) return InvalidDate(text, "بیش از حد طولانی");
  }
  auto to_int = [](const std::string& p) -> int {
    if (p.empty() || p.size() > 4) return -1;
    int v = 0;
    for (char c : p) v = v * 10 + (c - '0');
    return v;
  };
  // Drop words that carry no information: weekday names, "ماه", "سال", "روز".
  static const std::string kFoldedMonths[12] = {
      FoldChars("فروردین"), FoldChars("اردیبهشت"), FoldChars("خرداد"), FoldChars("تیر"),
      FoldChars("مرداد"),   FoldChars("شهریور"),   FoldChars("مهر"),   FoldChars("آبان"),
      FoldChars("آذر"),     FoldChars("دی"),       FoldChars("بهمن"),  FoldChars("اسفند")};
  static const std::string kMah = FoldChars("ماه");
  static const std::string kSal = FoldChars("سال");
  static const std::string kRuz = FoldChars("روز");
  static const std::string kAmordad = FoldChars("امرداد");
  static const std::string kHS = FoldChars("هجری");
  static const std::string kShamsi = FoldChars("شمسی");
  static const std::string kH = FoldChars("ه");
  static const std::string kSh = FoldChars("ش");
  std::vector<int> nums;
  int month_from_name = 0;
  bool name_before_year = false;
  for (size_t k = 0; k < parts.size(); ++k) {
    if (numeric[k]) {
      int v = to_int(parts[k]);
      if (v < 0) return InvalidDate(text, "عدد نامعتبر");
      nums.push_back(v);
      continue;
    }
    std::string w = parts[k];
    if (w.size() > kMah.size() && w.compare(w.size() - kMah.size(), kMah.size(), kMah) == 0) {
      w.resize(w.size() - kMah.size());  // مهرماه → مهر
    }
    int m = 0;
    for (int x = 0; x < 12; ++x) {
      if (w == kFoldedMonths[x]) m = x + 1;
    }
    if (w == kAmordad) m = 5;
    if (m != 0) {
      if (month_from_name != 0) return InvalidDate(text, "دو نام ماه");
      month_from_name = m;
      name_before_year = true;
      if (nums.size() != 1) return InvalidDate(text, "روز باید پیش از نام ماه بیاید");
      continue;
    }
    static const std::string kShanbe = FoldChars("شنبه");
    static const std::string kDayPrefixes[] = {FoldChars("یک"), FoldChars("دو"), FoldChars("سه"),
                                               FoldChars("چهار"), FoldChars("پنج")};
    if (k + 1 < parts.size() && parts[k + 1] == kShanbe &&
        std::find(std::begin(kDayPrefixes), std::end(kDayPrefixes), w) != std::end(kDayPrefixes)) {
      continue;  // سه شنبه written with a space
    }
    bool weekday = false;
    for (int x = 0; x < 7; ++x) {
      if (w == FoldChars(kWeekdayNames[x])) weekday = true;
    }
    if (weekday || w == kMah || w == kSal || w == kRuz || w == kHS || w == kShamsi || w == kH || w == kSh)
      continue;
    return InvalidDate(text, "واژهٔ ناشناخته «" + parts[k] + "»");
  }
  (void)name_before_year;
  (void)seps;
  JalaliDate j;
  if (month_from_name != 0) {
    if (nums.size() != 2) return InvalidDate(text, "روز و سال لازم است");
    j = JalaliDate{nums[1], month_from_name, nums[0]};
  } else {
    if (nums.size() != 3) return InvalidDate(text, "سه بخش سال، ماه و روز لازم است");
    // Year first (1403/7/15) or last (15/7/1403); the year has 3-4 digits.
    bool year_first = nums[0] > 31;
    bool year_last = nums[2] > 31;
    if (year_first == year_last) return InvalidDate(text, "سال مشخص نیست");
    j = year_first ? JalaliDate{nums[0], nums[1], nums[2]} : JalaliDate{nums[2], nums[1], nums[0]};
  }
  if (j.year < 100) return InvalidDate(text, "سال باید چهاررقمی باشد");
  if (j.month < 1 || j.month > 12) return InvalidDate(text, "ماه باید بین ۱ و ۱۲ باشد");
  if (!IsValidJalali(j)) return InvalidDate(text, "این روز در این ماه نیست");
  return j;
}

}  // namespace pol::text
