// Iranian working calendar: the week (Saturday first, Friday off, Thursday
// configurable), the official holiday table and working-day / working-hour
// arithmetic for SLA deadlines.
//
// Holidays shipped (holidays.cc):
//   solar (Jalali, fixed): نوروز ۱–۴ فروردین, ۱۲ و ۱۳ فروردین, ۱۴ و ۱۵ خرداد,
//   ۲۲ بهمن, ۲۹ اسفند;
//   lunar (Hijri) at the official calendar's dates for 1402–1405 (text/holidays_official.h), and
//   computed with ICU's tabular "islamic-civil" calendar for occurrences not shipped:
//   تاسوعا/عاشورا, اربعین, ۲۸ صفر, آخر صفر, ۸ و ۱۷ ربیع‌الاول, ۳
//   جمادی‌الثانی, ۱۳ و ۲۷ رجب, ۱۵ شعبان, ۲۱ رمضان, ۱ و ۲ شوال, ۲۵ شوال, ۱۰ و ۱۸
//   ذی‌الحجه.
// Iran fixes lunar holidays by moon sighting, so a computed date can be a
// day off; council admins correct it, and declare closures (pollution, heat,
// energy saving), with the stored overrides of citizen/sla_calendar.h, which
// become AddHoliday / AddWorkingDay here (overrides beat the table).
//
// Thread-safety: const methods are safe concurrently; the Add* methods must
// not run concurrently with anything else on the same object.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "text/jalali.h"

namespace pol::text {

enum class ThursdayPolicy { kOff, kHalfDay, kWorking };

struct WorkWeekOptions {
  ThursdayPolicy thursday = ThursdayPolicy::kOff;
  int start_minute = 7 * 60 + 30;          // office opens 07:30 Tehran time
  int end_minute = 14 * 60 + 30;           // and closes 14:30
  int thursday_end_minute = 12 * 60 + 30;  // for kHalfDay
};

struct Holiday {
  CivilDate date;
  std::string name;
};

class WorkCalendar {
 public:
  WorkCalendar() = default;
  explicit WorkCalendar(WorkWeekOptions options) : options_(options) {}

  // Overrides: an extra closure (e.g. declared for pollution), or a
  // computed/shipped holiday that is worked after all.
  void AddHoliday(CivilDate date, std::string name);
  void AddWorkingDay(CivilDate date);

  // The holiday's name if `date` is an official holiday (after overrides).
  // Fridays are not holidays here; they are weekend days.
  bool IsHoliday(CivilDate date, std::string* name = nullptr) const;
  bool IsWeekend(CivilDate date) const;  // Friday, and Thursday if kOff
  bool IsWorkingDay(CivilDate date) const;

  // The n-th working day after `date` (n >= 1); n == 0 gives `date` itself if
  // it is a working day, else the next working day. n < 0 counts backwards.
  CivilDate AddWorkingDays(CivilDate date, int n) const;
  // Working days in [from, to).
  int WorkingDaysBetween(CivilDate from, CivilDate to) const;

  // The instant `minutes` of office time after `unix_start` (Tehran office
  // hours, skipping weekends and holidays). A start outside office hours
  // counts from the next opening.
  int64_t AddWorkingMinutes(int64_t unix_start, int64_t minutes) const;
  // Whole office minutes in [unix_start, unix_end): the largest m with AddWorkingMinutes(unix_start, m)
  // <= unix_end, found in one pass over the days between (0 when unix_end <= unix_start).
  int64_t WorkingMinutesBetween(int64_t unix_start, int64_t unix_end) const;

  // Holidays (after overrides) of a Jalali year, in date order.
  std::vector<Holiday> HolidaysInJalaliYear(int jalali_year) const;

  // Office minutes [open, close) of a day (after weekends, holidays, overrides, half Thursdays);
  // close <= open means closed.
  void OfficeHours(CivilDate date, int* open, int* close) const;

  const WorkWeekOptions& options() const { return options_; }

 private:
  WorkWeekOptions options_;
  std::map<int64_t, std::string> extra_holidays_;  // day number → name
  std::map<int64_t, bool> worked_;                 // day number → true
};

// The shipped holiday of a day, ignoring overrides and weekends ("" if none).
std::string OfficialHolidayName(CivilDate date);

}  // namespace pol::text
