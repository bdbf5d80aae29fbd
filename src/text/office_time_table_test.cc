// OfficeTimeTable answers exactly what WorkCalendar::WorkingMinutesBetween does: on random spans inside
// its days (the O(1) path), spans reaching outside them, empty and reversed spans, with half Thursdays,
// a closure and a worked holiday, and over days when Tehran still had daylight saving (1399).
#include "text/office_time_table.h"

#include <gtest/gtest.h>

namespace pol::text {
namespace {

CivilDate J(int y, int m, int d) { return FromJalali(JalaliDate{y, m, d}); }

// xorshift: the same spans every run.
struct Spans {
  uint64_t x = 88172645463325252ULL;
  uint64_t Next() {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  }
};

// Checks `n` spans starting in [t0, t0 + days) against the calendar; returns how many held office time.
int ExpectSameAsTheCalendar(const WorkCalendar& cal, const OfficeTimeTable& table, int64_t t0, int days,
                            int n) {
  Spans r;
  int nonzero = 0;
  for (int i = 0; i < n; ++i) {
    const int64_t start = t0 + static_cast<int64_t>(r.Next() % (static_cast<uint64_t>(days) * 86400));
    const int64_t end =
        start + static_cast<int64_t>(r.Next() % (i % 10 == 0 ? 60 * 86400 : 3 * 86400)) - 3600;
    const int64_t want = cal.WorkingMinutesBetween(start, end);
    EXPECT_EQ(table.WorkingMinutesBetween(start, end), want) << "start " << start << " end " << end;
    nonzero += want > 0;
  }
  return nonzero;
}

TEST(OfficeTimeTable, EqualsTheCalendarOnEverySpan) {
  WorkCalendar off;
  WorkCalendar half(WorkWeekOptions{.thursday = ThursdayPolicy::kHalfDay});
  half.AddHoliday(J(1403, 12, 5), "تعطیلی آلودگی هوا");
  half.AddWorkingDay(J(1404, 1, 12));
  WorkCalendar working(WorkWeekOptions{.thursday = ThursdayPolicy::kWorking});
  const int64_t t0 = UnixFromTehran(LocalDateTime{J(1403, 12, 1), 0});
  for (const WorkCalendar* cal : {&off, &half, &working}) {
    // The table covers 1403/12/01 … +30 days; spans start over 40 days and last up to 60: many reach out.
    const OfficeTimeTable table = OfficeTimeTable::ForSpan(*cal, t0, t0 + 30 * 86400);
    EXPECT_GT(ExpectSameAsTheCalendar(*cal, table, t0, 40, 3000), 2000);
  }
  const int64_t sat = UnixFromTehran(LocalDateTime{J(1403, 7, 14), 7 * 3600 + 1800});
  const OfficeTimeTable table = OfficeTimeTable::ForSpan(off, sat, sat + 7 * 86400);
  EXPECT_EQ(table.WorkingMinutesBetween(sat, sat + 7 * 3600), 7 * 60);  // one whole office day
  EXPECT_EQ(table.WorkingMinutesBetween(sat, sat + 2 * 86400), 2 * 7 * 60);
  EXPECT_EQ(table.WorkingMinutesBetween(sat, sat), 0);
  EXPECT_EQ(table.WorkingMinutesBetween(sat, sat - 1), 0);
}

// 1399/01/02 (2020-03-21) Tehran moved to +04:30 and 1399/07/01 back: the table's days are not all 24
// hours long, and every span still gets the calendar's answer.
TEST(OfficeTimeTable, DaylightSavingYearsStillEqualTheCalendar) {
  WorkCalendar cal;
  const int64_t t0 = UnixFromTehran(LocalDateTime{J(1398, 12, 20), 0});
  const OfficeTimeTable table = OfficeTimeTable::ForSpan(cal, t0, t0 + 230 * 86400);
  EXPECT_GT(ExpectSameAsTheCalendar(cal, table, t0, 230, 2000), 1000);
  // Inside the summer (+04:30 throughout) the table's own path answers, at the other offset.
  const int64_t t1 = UnixFromTehran(LocalDateTime{J(1399, 2, 1), 0});
  const OfficeTimeTable summer = OfficeTimeTable::ForSpan(cal, t1, t1 + 100 * 86400);
  EXPECT_GT(ExpectSameAsTheCalendar(cal, summer, t1, 40, 2000), 1000);
}

// An empty table (last day before the first) passes everything to the calendar.
TEST(OfficeTimeTable, AnEmptyTableAsksTheCalendar) {
  WorkCalendar cal;
  const OfficeTimeTable table(cal, 20000, 19999);
  const int64_t sat = UnixFromTehran(LocalDateTime{J(1403, 7, 14), 7 * 3600 + 1800});
  EXPECT_EQ(table.WorkingMinutesBetween(sat, sat + 7 * 3600), 7 * 60);
}

}  // namespace
}  // namespace pol::text
