// The official holiday table of the Islamic Republic of Iran: fixed solar holidays shipped here; lunar
// ones at their official dates where shipped (holidays_official.h), else computed via ICU's tabular
// islamic-civil calendar.
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "text/holidays_official.h"
#include "text/jalali.h"
#include "text/work_calendar.h"

namespace pol::text {
namespace {

struct Fixed {
  int month;
  int day;
  const char* name;
};

constexpr Fixed kSolar[] = {
    {1, 1, "نوروز"},
    {1, 2, "نوروز"},
    {1, 3, "نوروز"},
    {1, 4, "نوروز"},
    {1, 12, "روز جمهوری اسلامی"},
    {1, 13, "روز طبیعت"},
    {3, 14, "رحلت امام خمینی"},
    {3, 15, "قیام ۱۵ خرداد"},
    {11, 22, "پیروزی انقلاب اسلامی"},
    {12, 29, "ملی شدن صنعت نفت"},
};

constexpr Fixed kLunar[] = {
    {1, 9, "تاسوعای حسینی"},
    {1, 10, "عاشورای حسینی"},
    {2, 20, "اربعین حسینی"},
    {2, 28, "رحلت پیامبر اکرم و شهادت امام حسن مجتبی"},
    {3, 8, "شهادت امام حسن عسکری"},
    {3, 17, "میلاد پیامبر اکرم و امام جعفر صادق"},
    {6, 3, "شهادت حضرت فاطمه زهرا"},
    {7, 13, "ولادت امام علی"},
    {7, 27, "مبعث پیامبر اکرم"},
    {8, 15, "ولادت حضرت قائم"},
    {9, 21, "شهادت امام علی"},
    {10, 1, "عید سعید فطر"},
    {10, 2, "تعطیل به مناسبت عید سعید فطر"},
    {10, 25, "شهادت امام جعفر صادق"},
    {12, 10, "عید سعید قربان"},
    {12, 18, "عید سعید غدیر خم"},
};

constexpr const char* kLastOfSafar = "شهادت امام رضا";

icu::Calendar& Hijri() {
  thread_local std::unique_ptr<icu::Calendar> cal = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> c(icu::Calendar::createInstance(
        icu::TimeZone::getGMT()->clone(), icu::Locale("fa_IR@calendar=islamic-civil"), st));
    if (U_FAILURE(st) || !c) std::abort();
    return c;
  }();
  return *cal;
}

void HijriFromDays(int64_t days, int* month, int* day, int* year = nullptr) {
  icu::Calendar& c = Hijri();
  UErrorCode st = U_ZERO_ERROR;
  c.setTime(static_cast<double>(days) * 86400000.0, st);
  *month = c.get(UCAL_MONTH, st) + 1;
  *day = c.get(UCAL_DATE, st);
  if (year) *year = c.get(UCAL_YEAR, st);
}

const char* LunarName(int month, int day) {
  if (month == 2 && day == kLastDayOfMonth) return kLastOfSafar;
  for (const Fixed& f : kLunar) {
    if (f.month == month && f.day == day) return f.name;
  }
  return nullptr;
}

// The shipped official occurrences: by date, and the set of occurrences they settle.
struct Official {
  std::unordered_map<int64_t, const char*> by_day;
  std::set<std::tuple<int, int, int>> settled;
};

const Official& OfficialTable() {
  static const Official table = [] {
    Official t;
    for (const OfficialLunarHoliday& h : OfficialLunarHolidays()) {
      t.by_day[DaysFromJalali(h.date)] = LunarName(h.hijri_month, h.hijri_day);
      t.settled.insert({h.hijri_year, h.hijri_month, h.hijri_day});
    }
    return t;
  }();
  return table;
}

// The holiday name of `days` (days since 1970-01-01), "" if none: the table, then ICU's calculation.
std::string ComputeHolidayName(int64_t days) {
  JalaliDate j = JalaliFromDays(days);
  for (const Fixed& f : kSolar) {
    if (f.month == j.month && f.day == j.day) return f.name;
  }
  const Official& official = OfficialTable();
  if (auto it = official.by_day.find(days); it != official.by_day.end() && it->second) return it->second;
  // The tabular calculation, for the occurrences the official table does not settle.
  int hy, hm, hd;
  HijriFromDays(days, &hm, &hd, &hy);
  if (const char* name = LunarName(hm, hd); name && !official.settled.count({hy, hm, hd})) return name;
  if (hm == 2 && hd >= 29) {
    int nm, nd;
    HijriFromDays(days + 1, &nm, &nd);
    if (nm == 3 && nd == 1 && !official.settled.count({hy, 2, kLastDayOfMonth})) return kLastOfSafar;
  }
  return {};
}

// The names of one Jalali year's days ("" on a day that is no holiday), made once per year and process:
// a day's answer otherwise costs an ICU Hijri conversion (~1 µs), and the working-time arithmetic asks
// for every day of every request's span (a year's median handling time: ~400,000 days).
struct YearNames {
  int64_t first_day = 0;
  std::vector<std::string> names;
};

const YearNames* CachedYear(int jalali_year) {
  static std::mutex mu;
  static std::map<int, std::unique_ptr<YearNames>> years;        // never erased: pointers stay valid
  if (jalali_year < 1300 || jalali_year > 1500) return nullptr;  // rare dates: computed each time
  std::lock_guard<std::mutex> lock(mu);
  std::unique_ptr<YearNames>& y = years[jalali_year];
  if (!y) {
    y = std::make_unique<YearNames>();
    y->first_day = DaysFromJalali(JalaliDate{jalali_year, 1, 1});
    const int64_t end = DaysFromJalali(JalaliDate{jalali_year + 1, 1, 1});
    for (int64_t d = y->first_day; d < end; ++d) y->names.push_back(ComputeHolidayName(d));
  }
  return y.get();
}

}  // namespace

std::string OfficialHolidayName(CivilDate date) {
  const int64_t days = DaysFromCivil(date);
  if (const YearNames* y = CachedYear(JalaliFromDays(days).year)) {
    return y->names.at(static_cast<size_t>(days - y->first_day));
  }
  return ComputeHolidayName(days);
}

}  // namespace pol::text
