// Office time over many spans at once: the dashboard's median handling time counts the office minutes of
// each of a year's ~100,000 closed requests. WorkCalendar::WorkingMinutesBetween walks every day of each
// span and looks up its office hours (weekday, holidays, overrides); this table looks up each day of
// [first_day, last_day] once, keeps a running sum of office seconds, and answers each span from its two
// end days. The answer equals WorkCalendar::WorkingMinutesBetween for every span (a span reaching outside
// the table's days, or spans across a change of Tehran's UTC offset, are passed to the calendar).
//
// Contract: `calendar` must outlive the table and not change meanwhile (its overrides are read at
// construction). Thread-safety: const after construction; safe to share.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "text/work_calendar.h"

namespace pol::text {

class OfficeTimeTable {
 public:
  // Days are days since 1970-01-01 of Tehran's calendar (DaysFromCivil of a Tehran date).
  OfficeTimeTable(const WorkCalendar& calendar, int64_t first_day, int64_t last_day);

  // The table for spans whose unix-second ends lie in [unix_from, unix_to].
  static OfficeTimeTable ForSpan(const WorkCalendar& calendar, int64_t unix_from, int64_t unix_to);

  // == calendar.WorkingMinutesBetween(unix_start, unix_end).
  int64_t WorkingMinutesBetween(int64_t unix_start, int64_t unix_end) const;

 private:
  const WorkCalendar& calendar_;
  int64_t first_day_ = 0;
  int64_t start_unix_ = 0, end_unix_ = 0;  // the table's first midnight and the one after its last day
  // Tehran's UTC offset (seconds) when it does not change over the table's days; else each time is
  // converted by TehranFromUnix.
  std::optional<int64_t> fixed_offset_;
  std::vector<int32_t> open_, close_;  // office seconds of day [open, close) per day; close <= open: shut
  std::vector<int64_t> before_;        // office seconds of the days before day i (size days + 1)
};

}  // namespace pol::text
