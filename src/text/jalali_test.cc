#include "text/jalali.h"

#include <gtest/gtest.h>

namespace pol::text {
namespace {

struct Known {
  CivilDate g;
  JalaliDate j;
};

// Known correspondences across centuries and around leap years.
const Known kKnown[] = {
    {{1821, 3, 21}, {1200, 1, 1}},   {{1921, 3, 21}, {1300, 1, 1}},
    {{1925, 3, 21}, {1304, 1, 1}},    // calendar law year
    {{1979, 2, 11}, {1357, 11, 22}},  // revolution day
    {{1979, 4, 1}, {1358, 1, 12}},    // Islamic Republic day
    {{1989, 6, 4}, {1368, 3, 14}},   {{2000, 1, 1}, {1378, 10, 11}},
    {{2017, 3, 21}, {1396, 1, 1}},   {{2021, 3, 20}, {1399, 12, 30}},  // 1399 is leap
    {{2021, 3, 21}, {1400, 1, 1}},   {{2022, 3, 20}, {1400, 12, 29}},  // 1400 is not
    {{2022, 3, 21}, {1401, 1, 1}},   {{2024, 3, 20}, {1403, 1, 1}},
    {{2024, 10, 6}, {1403, 7, 15}},  {{2025, 3, 20}, {1403, 12, 30}},  // 1403 is leap
    {{2025, 3, 21}, {1404, 1, 1}},   {{2026, 3, 21}, {1405, 1, 1}},
    {{2029, 3, 20}, {1408, 1, 1}},   {{2030, 3, 20}, {1408, 12, 30}},  // 1408 is leap
};

TEST(Jalali, KnownDates) {
  for (const Known& k : kKnown) {
    EXPECT_EQ(ToJalali(k.g), k.j) << k.g.year << "-" << k.g.month << "-" << k.g.day;
    EXPECT_EQ(FromJalali(k.j), k.g) << k.j.year << "/" << k.j.month << "/" << k.j.day;
  }
}

TEST(Jalali, LeapYears) {
  for (int y : {1399, 1403, 1408, 1375, 1370, 1387, 1391, 1395}) EXPECT_TRUE(IsJalaliLeapYear(y)) << y;
  for (int y : {1400, 1401, 1402, 1404, 1405, 1406, 1407, 1398}) EXPECT_FALSE(IsJalaliLeapYear(y)) << y;
  EXPECT_EQ(JalaliMonthLength(1403, 12), 30);
  EXPECT_EQ(JalaliMonthLength(1402, 12), 29);
  EXPECT_EQ(JalaliMonthLength(1402, 6), 31);
  EXPECT_EQ(JalaliMonthLength(1402, 7), 30);
  EXPECT_FALSE(IsValidJalali({1402, 12, 30}));
  EXPECT_TRUE(IsValidJalali({1403, 12, 30}));
}

TEST(Jalali, RoundTripAndContinuity) {
  JalaliDate prev = JalaliFromDays(-200000);
  for (int64_t d = -200000 + 1; d < 200000; d += 1) {
    JalaliDate j = JalaliFromDays(d);
    ASSERT_TRUE(IsValidJalali(j)) << d;
    ASSERT_EQ(DaysFromJalali(j), d);
    ASSERT_LT(prev, j);
    prev = j;
  }
}

TEST(Jalali, CivilDays) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2000, 3, 1}), 11017);
  for (int64_t d = -800000; d < 800000; d += 997) EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
}

TEST(Jalali, Weekday) {
  EXPECT_EQ(IranianWeekday({2024, 10, 5}), 0);   // Saturday
  EXPECT_EQ(IranianWeekday({2024, 10, 11}), 6);  // Friday
  EXPECT_EQ(IranianWeekdayName(IranianWeekday({2024, 10, 6})), "یکشنبه");
}

TEST(Jalali, Format) {
  EXPECT_EQ(FormatJalali({1403, 7, 15}), "۱۵ مهر ۱۴۰۳");
  EXPECT_EQ(FormatJalali({1403, 7, 5}, "yyyy/MM/dd"), "۱۴۰۳/۰۷/۰۵");
  EXPECT_EQ(FormatJalali({1403, 7, 5}, "yyyy/M/d", true), "1403/7/5");
  EXPECT_EQ(FormatJalali({1403, 7, 15}, "EEEE d MMMM yy"), "یکشنبه ۱۵ مهر ۰۳");
}

TEST(Jalali, ParseAcceptsWhatPeopleType) {
  const JalaliDate want{1403, 7, 15};
  for (const char* s : {"۱۴۰۳/۷/۱۵", "1403/07/15", "١٤٠٣/٧/١٥", "1403-7-15", "15/7/1403", "15 مهر 1403",
                        "۱۵ مهرماه ۱۴۰۳", "۱۵ مهر‌ماه ۱۴۰۳", "۱۵ مهر ماه سال ۱۴۰۳",
                        "یکشنبه ۱۵ مهر ۱۴۰۳", "  ۱۵ مهر ۱۴۰۳ ه.ش ", "۱۴۰۳.۰۷.۱۵"}) {
    auto r = ParseJalali(s);
    ASSERT_TRUE(r.ok()) << s << ": " << r.status().ToString();
    EXPECT_EQ(*r, want) << s;
  }
  auto a = ParseJalali("۲ آبان ۱۴۰۲");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, (JalaliDate{1402, 8, 2}));
  auto sh = ParseJalali("سه شنبه ۱ اسفند ۱۴۰۲");
  ASSERT_TRUE(sh.ok()) << sh.status().ToString();
  EXPECT_EQ(*sh, (JalaliDate{1402, 12, 1}));
}

TEST(Jalali, ParseRejects) {
  for (const char* s : {"", "۱۴۰۲/۱۲/۳۰", "1403/13/01", "1403/00/10", "32 مهر 1403", "۱۵ مهر", "سلام",
                        "1403/7", "15 فلان 1403", "03/07/15", "1403/7/15/9", "99999/1/1"}) {
    auto r = ParseJalali(s);
    EXPECT_FALSE(r.ok()) << s;
    if (!r.ok()) {
      EXPECT_EQ(r.status().api_code(), "invalid_date");
      EXPECT_FALSE(r.status().message().empty());
    }
  }
}

TEST(Jalali, TehranTime) {
  // 2024-10-06 00:00 UTC is 03:30 in Tehran (no DST since 2022).
  LocalDateTime t = TehranFromUnix(1728172800);
  EXPECT_EQ(t.date, (CivilDate{2024, 10, 6}));
  EXPECT_EQ(t.second_of_day, 3 * 3600 + 1800);
  EXPECT_EQ(UnixFromTehran(t), 1728172800);
  // 2024-10-05 21:00 UTC is already 6 Oct (15 Mehr) in Tehran.
  EXPECT_EQ(JalaliFromUnix(1728162000), (JalaliDate{1403, 7, 15}));
  // Summer 2019 had DST (+04:30).
  LocalDateTime s = TehranFromUnix(1561939200);  // 2019-07-01 00:00 UTC
  EXPECT_EQ(s.second_of_day, 4 * 3600 + 1800);
}

}  // namespace
}  // namespace pol::text
