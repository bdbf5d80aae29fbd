// Periods: each kind's bounds and predecessor on known Jalali dates, and every impossible period refused.
#include "insight/period.h"

#include <gtest/gtest.h>

namespace pol::insight {
namespace {

text::JalaliDate J(int y, int m, int d) { return {y, m, d}; }

Period Parse(std::string kind, std::optional<std::string> date, std::optional<std::string> from = {},
             std::optional<std::string> to = {}) {
  StatusOr<Period> p = ParsePeriod({.kind = kind, .date = date, .from = from, .to = to}, 0);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? *p : Period{};
}

TEST(PeriodTest, MonthAndItsPredecessor) {
  Period p = Parse("month", "۱۴۰۳/۷/۱۵");
  EXPECT_EQ(p.first, J(1403, 7, 1));
  EXPECT_EQ(p.last, J(1403, 7, 30));
  EXPECT_EQ(p.from_ms, 1726950600LL * 1000);  // 1403/07/01 00:00 Tehran = 2024-09-21T20:30Z
  EXPECT_EQ(p.to_ms - p.from_ms, 30LL * 86400 * 1000);
  EXPECT_EQ(PeriodLabel(p), "مهر ۱۴۰۳");
  Period prev = PreviousPeriod(p);
  EXPECT_EQ(prev.first, J(1403, 6, 1));
  EXPECT_EQ(prev.last, J(1403, 6, 31));
  EXPECT_EQ(prev.to_ms, p.from_ms);
}

TEST(PeriodTest, WeekRunsSaturdayToFriday) {
  Period p = Parse("week", "1403-07-15");  // a Sunday
  EXPECT_EQ(p.first, J(1403, 7, 14));
  EXPECT_EQ(p.last, J(1403, 7, 20));
  EXPECT_EQ(PreviousPeriod(p).first, J(1403, 7, 7));
}

TEST(PeriodTest, SeasonYearDay) {
  Period s = Parse("season", "15 مهر 1403");
  EXPECT_EQ(s.first, J(1403, 7, 1));
  EXPECT_EQ(s.last, J(1403, 9, 30));
  EXPECT_EQ(PeriodLabel(s), "پاییز ۱۴۰۳");
  EXPECT_EQ(PreviousPeriod(s).first, J(1403, 4, 1));
  EXPECT_EQ(PreviousPeriod(s).last, J(1403, 6, 31));
  Period y = Parse("year", "1403/12/30");  // 1403 is a leap year
  EXPECT_EQ(y.first, J(1403, 1, 1));
  EXPECT_EQ(y.last, J(1403, 12, 30));
  EXPECT_EQ(y.days(), 366);
  EXPECT_EQ(PreviousPeriod(y).last, J(1402, 12, 29));
  Period d = Parse("day", "1403/01/01");
  EXPECT_EQ(d.days(), 1);
  EXPECT_EQ(PreviousPeriod(d).first, J(1402, 12, 29));
}

TEST(PeriodTest, CustomPredecessorHasTheSameLength) {
  Period p = Parse("custom", std::nullopt, "1403/07/01", "1403/07/10");
  EXPECT_EQ(p.days(), 10);
  Period prev = PreviousPeriod(p);
  EXPECT_EQ(prev.first, J(1403, 6, 22));
  EXPECT_EQ(prev.last, J(1403, 6, 31));
}

TEST(PeriodTest, DefaultDateIsTodayInTehran) {
  // 2024-09-21T21:00Z is already 1403/07/01 in Tehran (00:30).
  StatusOr<Period> p = ParsePeriod({.kind = "day"}, (1726950600LL + 1800) * 1000);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->first, J(1403, 7, 1));
}

TEST(PeriodTest, ImpossiblePeriodsAreRefusedInPersian) {
  struct Case {
    PeriodRequest req;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{.kind = "fortnight"}, "period"},
      {{.kind = "month", .date = "1402/12/30"}, "date"},  // 1402 is not a leap year
      {{.kind = "month", .date = "1403/13/01"}, "date"},
      {{.kind = "custom", .from = "1403/07/10", .to = "1403/07/01"}, "to"},
      {{.kind = "custom", .from = "1403/07/10"}, "to"},
      {{.kind = "custom", .from = "1400/01/01", .to = "1403/12/29"}, "to"},
      {{.kind = "month", .from = "1403/07/01"}, "from"},
  };
  for (const Case& c : cases) {
    StatusOr<Period> p = ParsePeriod(c.req, 0);
    ASSERT_FALSE(p.ok()) << c.req.kind;
    EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(p.status().api_code(), "invalid_period") << p.status().message();
    EXPECT_EQ(p.status().field(), c.field) << p.status().message();
    EXPECT_NE(p.status().message().find("ت"), std::string::npos) << "Persian message";
  }
}

}  // namespace
}  // namespace pol::insight
