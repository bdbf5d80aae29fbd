#include "text/work_calendar.h"

#include <gtest/gtest.h>

namespace pol::text {
namespace {

CivilDate J(int y, int m, int d) { return FromJalali(JalaliDate{y, m, d}); }

TEST(WorkCalendar, WeekIsSaturdayFirstFridayOff) {
  WorkCalendar cal;
  CivilDate sat{2024, 10, 5};
  EXPECT_EQ(IranianWeekday(sat), 0);
  EXPECT_TRUE(cal.IsWorkingDay(sat));
  EXPECT_TRUE(cal.IsWorkingDay({2024, 10, 9}));    // Wednesday
  EXPECT_FALSE(cal.IsWorkingDay({2024, 10, 10}));  // Thursday (off by default)
  EXPECT_FALSE(cal.IsWorkingDay({2024, 10, 11}));  // Friday
  WorkCalendar six_days(WorkWeekOptions{.thursday = ThursdayPolicy::kWorking});
  EXPECT_TRUE(six_days.IsWorkingDay({2024, 10, 10}));
  EXPECT_FALSE(six_days.IsWorkingDay({2024, 10, 11}));
}

TEST(WorkCalendar, SolarHolidays) {
  WorkCalendar cal;
  std::string name;
  for (auto [m, d] : std::vector<std::pair<int, int>>{
           {1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 12}, {1, 13}, {3, 14}, {3, 15}, {11, 22}, {12, 29}}) {
    EXPECT_TRUE(cal.IsHoliday(J(1403, m, d), &name)) << m << "/" << d;
    EXPECT_FALSE(name.empty());
  }
  EXPECT_TRUE(cal.IsHoliday(J(1403, 11, 22), &name));
  EXPECT_EQ(name, "پیروزی انقلاب اسلامی");
  EXPECT_FALSE(cal.IsHoliday(J(1403, 1, 5)));
}

TEST(WorkCalendar, LunarHolidaysComputed) {
  WorkCalendar cal;
  std::string name;
  // Dates as observed in Iran that the tabular calendar reproduces.
  EXPECT_TRUE(cal.IsHoliday({2023, 7, 28}, &name));  // عاشورا ۱۴۴۵
  EXPECT_EQ(name, "عاشورای حسینی");
  EXPECT_TRUE(cal.IsHoliday({2024, 4, 10}, &name));  // عید فطر ۱۴۴۵
  EXPECT_EQ(name, "عید سعید فطر");
  EXPECT_TRUE(cal.IsHoliday({2024, 12, 5}, &name));  // شهادت حضرت فاطمه ۱۴۴۶
  EXPECT_TRUE(cal.IsHoliday({2024, 9, 21}, &name));  // میلاد پیامبر ۱۴۴۶
  EXPECT_TRUE(cal.IsHoliday({2025, 2, 14}, &name));  // نیمه شعبان ۱۴۴۶
  // A year has 10 solar + 16 or 17 lunar holidays (more when two Hijri years overlap).
  auto list = cal.HolidaysInJalaliYear(1403);
  EXPECT_GE(list.size(), 25u);
  EXPECT_LE(list.size(), 30u);
}

TEST(WorkCalendar, OverridesWin) {
  WorkCalendar cal;
  CivilDate ashura{2024, 7, 15};  // tabular calendar says Tasua/Ashura around here
  cal.AddHoliday({2024, 12, 24}, "تعطیلی آلودگی هوا");
  std::string name;
  EXPECT_TRUE(cal.IsHoliday({2024, 12, 24}, &name));
  EXPECT_EQ(name, "تعطیلی آلودگی هوا");
  EXPECT_FALSE(cal.IsWorkingDay({2024, 12, 24}));
  cal.AddWorkingDay(J(1403, 1, 13));
  EXPECT_TRUE(cal.IsWorkingDay(J(1403, 1, 13)));
  (void)ashura;
}

TEST(WorkCalendar, AddWorkingDays) {
  WorkCalendar cal;
  // Saturday 1403/7/14 + 5 working days: Sun, Mon, Tue, Wed, (Thu, Fri off) Sat.
  CivilDate sat = J(1403, 7, 14);
  ASSERT_EQ(IranianWeekday(sat), 0);
  EXPECT_EQ(cal.AddWorkingDays(sat, 5), J(1403, 7, 21));
  EXPECT_EQ(cal.AddWorkingDays(J(1403, 7, 21), -5), sat);
  EXPECT_EQ(cal.AddWorkingDays(J(1403, 7, 19), 0), J(1403, 7, 21));  // Thursday → Saturday
  // Across Nowruz: Wednesday 1402/12/23; 12/24 Thu, 12/25 Fri, 12/26 Sat, 12/27 Sun, 12/28 Mon,
  // 12/29 Tue holiday, 1403/1/1..4 holidays (Wed..Sat), 1/5 Sun.
  EXPECT_EQ(cal.AddWorkingDays(J(1402, 12, 23), 3), J(1402, 12, 28));
  EXPECT_EQ(cal.AddWorkingDays(J(1402, 12, 23), 4), J(1403, 1, 5));
  EXPECT_EQ(cal.WorkingDaysBetween(J(1402, 12, 23), J(1403, 1, 5)), 4);
}

TEST(WorkCalendar, AddWorkingMinutes) {
  WorkCalendar cal;  // 07:30–14:30, Thursday off
  auto at = [](CivilDate d, int h, int m) { return UnixFromTehran(LocalDateTime{d, h * 3600 + m * 60}); };
  CivilDate sat = J(1403, 7, 14);
  EXPECT_EQ(cal.AddWorkingMinutes(at(sat, 9, 0), 60), at(sat, 10, 0));
  EXPECT_EQ(cal.AddWorkingMinutes(at(sat, 6, 0), 60), at(sat, 8, 30));  // before opening
  EXPECT_EQ(cal.AddWorkingMinutes(at(sat, 14, 0), 60), at(J(1403, 7, 15), 8, 0));
  // Wednesday 14:00 + 1h → Saturday 08:00 (Thu/Fri off).
  CivilDate wed = J(1403, 7, 18);
  EXPECT_EQ(cal.AddWorkingMinutes(at(wed, 14, 0), 60), at(J(1403, 7, 21), 8, 0));
  // 7 office hours is one whole day.
  EXPECT_EQ(cal.AddWorkingMinutes(at(sat, 7, 30), 7 * 60), at(sat, 14, 30));
  WorkCalendar half(WorkWeekOptions{.thursday = ThursdayPolicy::kHalfDay});
  EXPECT_EQ(half.AddWorkingMinutes(at(wed, 14, 0), 120), at(J(1403, 7, 19), 9, 0));
}

// WorkingMinutesBetween is the inverse of AddWorkingMinutes: the largest m with AddWorkingMinutes(start, m)
// <= end, checked against that definition (a binary search) on spans starting and ending inside and
// outside office hours, across weekends, Nowruz and half Thursdays, with a closure and a worked holiday.
TEST(WorkCalendar, WorkingMinutesBetweenInvertsAddWorkingMinutes) {
  auto reference = [](const WorkCalendar& cal, int64_t start, int64_t end) -> int64_t {
    if (end <= start) return 0;
    int64_t lo = 0, hi = (end - start) / 60 + 1;
    while (lo + 1 < hi) {
      const int64_t mid = lo + (hi - lo) / 2;
      (cal.AddWorkingMinutes(start, mid) <= end ? lo : hi) = mid;
    }
    return lo;
  };
  WorkCalendar off;
  WorkCalendar half(WorkWeekOptions{.thursday = ThursdayPolicy::kHalfDay});
  half.AddHoliday(J(1403, 12, 5), "تعطیلی آلودگی هوا");
  half.AddWorkingDay(J(1404, 1, 12));
  const int64_t t0 = UnixFromTehran(LocalDateTime{J(1403, 12, 1), 0});
  uint64_t x = 88172645463325252ULL;  // xorshift: the same spans every run
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  int nonzero = 0;
  for (int i = 0; i < 3000; ++i) {
    const int64_t start = t0 + static_cast<int64_t>(next() % (40 * 86400));
    const int64_t end = start + static_cast<int64_t>(next() % (i % 10 == 0 ? 60 * 86400 : 3 * 86400)) - 3600;
    for (const WorkCalendar* cal : {&off, &half}) {
      const int64_t got = cal->WorkingMinutesBetween(start, end);
      ASSERT_EQ(got, reference(*cal, start, end)) << "start " << start << " end " << end;
      nonzero += got > 0;
    }
  }
  EXPECT_GT(nonzero, 3000);  // most spans hold office time; some (nights, weekends, end < start) none
  const int64_t sat = UnixFromTehran(LocalDateTime{J(1403, 7, 14), 7 * 3600 + 1800});
  EXPECT_EQ(off.WorkingMinutesBetween(sat, sat + 7 * 3600), 7 * 60);  // one whole office day
  EXPECT_EQ(off.WorkingMinutesBetween(sat, sat - 1), 0);
}

}  // namespace
}  // namespace pol::text
