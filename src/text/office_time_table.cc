#include "text/office_time_table.h"

#include <algorithm>

namespace pol::text {
namespace {

constexpr int64_t kDaySeconds = 86400;
constexpr int64_t kMaxDays = 400 * 366;  // WorkCalendar's own guard; a longer table is not built

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int64_t Midnight(int64_t day) { return UnixFromTehran(LocalDateTime{CivilFromDays(day), 0}); }

}  // namespace

OfficeTimeTable::OfficeTimeTable(const WorkCalendar& calendar, int64_t first_day, int64_t last_day)
    : calendar_(calendar), first_day_(first_day) {
  if (last_day < first_day || last_day - first_day >= kMaxDays) return;  // every span to the calendar
  const auto days = static_cast<size_t>(last_day - first_day + 1);
  open_.resize(days);
  close_.resize(days);
  before_.assign(days + 1, 0);
  // The offset is fixed when every day of the table is 24 hours long (Tehran's offset changed at most
  // once a day, at midnight, when it had daylight saving).
  start_unix_ = Midnight(first_day);
  int64_t midnight = start_unix_;
  bool fixed = true;
  for (size_t i = 0; i < days; ++i) {
    const int64_t day = first_day + static_cast<int64_t>(i);
    int open = 0, close = 0;
    calendar.OfficeHours(CivilFromDays(day), &open, &close);
    open_[i] = open * 60;
    close_[i] = close * 60;
    before_[i + 1] = before_[i] + std::max(0, close_[i] - open_[i]);
    const int64_t next = Midnight(day + 1);
    fixed = fixed && next - midnight == kDaySeconds;
    midnight = next;
  }
  end_unix_ = midnight;
  if (fixed) fixed_offset_ = first_day * kDaySeconds - start_unix_;
}

OfficeTimeTable OfficeTimeTable::ForSpan(const WorkCalendar& calendar, int64_t unix_from, int64_t unix_to) {
  return OfficeTimeTable(calendar, DaysFromCivil(TehranFromUnix(unix_from).date),
                         DaysFromCivil(TehranFromUnix(unix_to).date));
}

int64_t OfficeTimeTable::WorkingMinutesBetween(int64_t unix_start, int64_t unix_end) const {
  if (unix_end <= unix_start) return 0;
  if (!fixed_offset_ || unix_start < start_unix_ || unix_end >= end_unix_) {
    return calendar_.WorkingMinutesBetween(unix_start, unix_end);
  }
  const int64_t ls = unix_start + *fixed_offset_, le = unix_end + *fixed_offset_;
  const int64_t a = FloorDiv(ls, kDaySeconds), b = FloorDiv(le, kDaySeconds);
  const int64_t sa = ls - a * kDaySeconds, sb = le - b * kDaySeconds;
  const auto i = static_cast<size_t>(a - first_day_), j = static_cast<size_t>(b - first_day_);
  if (i == j)
    return std::max<int64_t>(0, std::min<int64_t>(close_[i], sb) - std::max<int64_t>(open_[i], sa)) / 60;
  const int64_t seconds = std::max<int64_t>(0, close_[i] - std::max<int64_t>(open_[i], sa)) +
                          (before_[j] - before_[i + 1]) +
                          std::max<int64_t>(0, std::min<int64_t>(close_[j], sb) - open_[j]);
  return seconds / 60;
}

}  // namespace pol::text
