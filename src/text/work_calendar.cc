#include "text/work_calendar.h"

#include <algorithm>

namespace pol::text {

void WorkCalendar::AddHoliday(CivilDate date, std::string name) {
  int64_t d = DaysFromCivil(date);
  worked_.erase(d);
  extra_holidays_[d] = std::move(name);
}

void WorkCalendar::AddWorkingDay(CivilDate date) {
  int64_t d = DaysFromCivil(date);
  extra_holidays_.erase(d);
  worked_[d] = true;
}

bool WorkCalendar::IsHoliday(CivilDate date, std::string* name) const {
  int64_t d = DaysFromCivil(date);
  if (auto it = extra_holidays_.find(d); it != extra_holidays_.end()) {
    if (name) *name = it->second;
    return true;
  }
  if (worked_.count(d)) return false;
  std::string n = OfficialHolidayName(date);
  if (n.empty()) return false;
  if (name) *name = std::move(n);
  return true;
}

bool WorkCalendar::IsWeekend(CivilDate date) const {
  int w = IranianWeekday(date);
  return w == 6 || (w == 5 && options_.thursday == ThursdayPolicy::kOff);
}

bool WorkCalendar::IsWorkingDay(CivilDate date) const {
  int64_t d = DaysFromCivil(date);
  if (worked_.count(d)) return true;
  return !IsWeekend(date) && !IsHoliday(date);
}

CivilDate WorkCalendar::AddWorkingDays(CivilDate date, int n) const {
  int64_t d = DaysFromCivil(date);
  if (n == 0) {
    while (!IsWorkingDay(CivilFromDays(d))) ++d;
    return CivilFromDays(d);
  }
  int step = n > 0 ? 1 : -1;
  int left = n > 0 ? n : -n;
  // Guard against a calendar with no working days at all (every day overridden).
  for (int guard = 0; left > 0 && guard < 400 * 366; ++guard) {
    d += step;
    if (IsWorkingDay(CivilFromDays(d))) --left;
  }
  return CivilFromDays(d);
}

int WorkCalendar::WorkingDaysBetween(CivilDate from, CivilDate to) const {
  int64_t a = DaysFromCivil(from), b = DaysFromCivil(to);
  int count = 0;
  for (int64_t d = a; d < b; ++d) count += IsWorkingDay(CivilFromDays(d)) ? 1 : 0;
  return count;
}

void WorkCalendar::OfficeHours(CivilDate date, int* open, int* close) const {
  *open = options_.start_minute;
  *close = options_.end_minute;
  if (!IsWorkingDay(date)) {
    *close = *open;
    return;
  }
  if (IranianWeekday(date) == 5 && options_.thursday == ThursdayPolicy::kHalfDay &&
      !worked_.count(DaysFromCivil(date))) {
    *close = std::min(*close, options_.thursday_end_minute);
  }
}

int64_t WorkCalendar::AddWorkingMinutes(int64_t unix_start, int64_t minutes) const {
  LocalDateTime t = TehranFromUnix(unix_start);
  int64_t day = DaysFromCivil(t.date);
  int64_t second = t.second_of_day;
  int64_t left = minutes * 60;
  for (int guard = 0; guard < 400 * 366; ++guard) {
    CivilDate date = CivilFromDays(day);
    int open, close;
    OfficeHours(date, &open, &close);
    int64_t o = open * 60LL, c = close * 60LL;
    if (c > o && second < c) {
      int64_t from = std::max(second, o);
      if (from + left <= c && (left > 0 || from >= o)) {
        return UnixFromTehran(LocalDateTime{date, static_cast<int>(from + left)});
      }
      left -= c - from;
    }
    ++day;
    second = 0;
  }
  return unix_start;
}

int64_t WorkCalendar::WorkingMinutesBetween(int64_t unix_start, int64_t unix_end) const {
  if (unix_end <= unix_start) return 0;
  const LocalDateTime a = TehranFromUnix(unix_start), b = TehranFromUnix(unix_end);
  const int64_t first = DaysFromCivil(a.date), last = DaysFromCivil(b.date);
  int64_t seconds = 0;
  for (int64_t day = first; day <= last && day - first < 400 * 366; ++day) {
    int open, close;
    OfficeHours(CivilFromDays(day), &open, &close);
    int64_t o = open * 60LL, c = close * 60LL;
    if (day == first) o = std::max<int64_t>(o, a.second_of_day);
    if (day == last) c = std::min<int64_t>(c, b.second_of_day);
    if (c > o) seconds += c - o;
  }
  return seconds / 60;
}

std::vector<Holiday> WorkCalendar::HolidaysInJalaliYear(int jalali_year) const {
  std::vector<Holiday> out;
  int64_t first = DaysFromJalali(JalaliDate{jalali_year, 1, 1});
  int64_t last = DaysFromJalali(JalaliDate{jalali_year + 1, 1, 1});
  for (int64_t d = first; d < last; ++d) {
    std::string name;
    if (IsHoliday(CivilFromDays(d), &name)) out.push_back(Holiday{CivilFromDays(d), std::move(name)});
  }
  return out;
}

}  // namespace pol::text
