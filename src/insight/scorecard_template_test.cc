// The scorecard template (validation, the default, the score mapping), period names and ranking.
#include "insight/scorecard_template.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "insight/scorecard.h"
#include "insight/scorecard_compute.h"

namespace pol::insight {
namespace {

double MaxTotal(const std::vector<ScorecardItem>& items) {
  double sum = 0;
  for (const ScorecardItem& it : items) sum += ItemMaxPoints(it);
  return sum;
}

TEST(ScorecardTemplateTest, DefaultIsValidAndWorthAHundred) {
  for (const char* kind : {"season", "year"}) {
    std::vector<ScorecardItem> d = DefaultTemplate(kind);
    EXPECT_TRUE(ValidateTemplate(d).ok()) << kind;
    EXPECT_DOUBLE_EQ(MaxTotal(d), 100) << kind;
    int manual = 0;
    for (const ScorecardItem& it : d) manual += IsManual(it) ? 1 : 0;
    EXPECT_EQ(manual, 5);
  }
  // Every formula of the catalogue is in the default template, but the two alternatives a council may
  // choose instead (the raw count of messenger posts, the median handling time), which still validate.
  std::vector<ScorecardItem> d = DefaultTemplate("season");
  const std::set<std::string> alternatives = {"messenger_posts", "median_handling_minutes"};
  for (const FormulaInfo& f : FormulaCatalogue()) {
    bool found = false;
    for (const ScorecardItem& it : d) found |= it.formula == f.code;
    EXPECT_EQ(found, !alternatives.contains(std::string(f.code))) << f.code;
  }
  std::vector<ScorecardItem> alt = d;
  for (ScorecardItem& it : alt) {
    if (it.formula == "posts_per_messenger_channel") it.formula = "messenger_posts";
    if (it.formula == "mean_handling_minutes") it.formula = "median_handling_minutes";
  }
  EXPECT_TRUE(ValidateTemplate(alt).ok());
  EXPECT_DOUBLE_EQ(DefaultTemplate("year")[0].target_value, 4 * DefaultTemplate("season")[0].target_value);
}

TEST(ScorecardTemplateTest, RefusesBadItemsNamingThem) {
  struct Case {
    const char* what;
    void (*edit)(ScorecardItem&);
    const char* code;
  };
  const Case cases[] = {
      {"unknown formula", [](ScorecardItem& i) { i.formula = "advertising_value"; }, "unknown_formula"},
      {"zero weight", [](ScorecardItem& i) { i.weight = 0; }, "invalid_weight"},
      {"weight 11", [](ScorecardItem& i) { i.weight = 11; }, "invalid_weight"},
      {"max 0", [](ScorecardItem& i) { i.max_score = 0; }, "invalid_max_score"},
      {"max 101", [](ScorecardItem& i) { i.max_score = 101; }, "invalid_max_score"},
      {"floor = target", [](ScorecardItem& i) { i.target_value = i.floor_value; }, "invalid_mapping"},
      {"bad code", [](ScorecardItem& i) { i.code = "Bad Code"; }, "invalid_code"},
      {"no name", [](ScorecardItem& i) { i.name.clear(); }, "missing_field"},
  };
  for (const Case& k : cases) {
    std::vector<ScorecardItem> d = DefaultTemplate("season");
    k.edit(d[2]);
    Status s = ValidateTemplate(d);
    EXPECT_EQ(s.api_code(), k.code) << k.what;
    EXPECT_EQ(s.field().substr(0, 8), "items[2]") << k.what;
    EXPECT_FALSE(s.message().empty());
  }
  std::vector<ScorecardItem> dup = DefaultTemplate("season");
  dup[1].code = dup[0].code;
  EXPECT_EQ(ValidateTemplate(dup).api_code(), "invalid_code");
  EXPECT_EQ(ValidateTemplate({}).api_code(), "invalid_template");
  // A manual item needs no floor and target.
  std::vector<ScorecardItem> manual = {{"x", "ایکس", "a", "الف", "manual", 1, 5, 0, 0}};
  EXPECT_TRUE(ValidateTemplate(manual).ok());
}

TEST(ScorecardTemplateTest, LinearMappingClampedAndLowerIsBetter) {
  ScorecardItem up{"i", "ش", "c", "ز", "published_items", 2, 10, 0, 30};
  EXPECT_DOUBLE_EQ(ItemPoints(up, 15), 10);  // half of 10, weight 2
  EXPECT_DOUBLE_EQ(ItemPoints(up, 60), 20);
  EXPECT_DOUBLE_EQ(ItemPoints(up, -5), 0);
  EXPECT_DOUBLE_EQ(ItemPoints(up, std::nullopt), 0);
  ScorecardItem down{"i", "ش", "t", "ز", "median_handling_minutes", 1, 5, 2400, 480};
  EXPECT_TRUE(LowerIsBetter(down));
  EXPECT_FALSE(LowerIsBetter(up));
  EXPECT_DOUBLE_EQ(ItemPoints(down, 480), 5);
  EXPECT_DOUBLE_EQ(ItemPoints(down, 100), 5);
  EXPECT_DOUBLE_EQ(ItemPoints(down, 1440), 2.5);
  EXPECT_DOUBLE_EQ(ItemPoints(down, 5000), 0);
  ScorecardItem manual{"d", "م", "training", "آموزش", "manual", 1, 3, 1, 5};
  EXPECT_DOUBLE_EQ(ItemPoints(manual, 1), 0);
  EXPECT_DOUBLE_EQ(ItemPoints(manual, 3), 1.5);
  EXPECT_DOUBLE_EQ(ItemPoints(manual, 5), 3);
}

TEST(ScorecardPeriodNameTest, SeasonsAndYears) {
  auto autumn = ParseScorecardPeriod("1403-3");
  ASSERT_TRUE(autumn.ok()) << autumn.status().message();
  EXPECT_EQ(autumn->kind, "season");
  EXPECT_EQ(autumn->season, 3);
  EXPECT_EQ(autumn->period.from_ms, 1726950600LL * 1000);  // 1403/07/01 00:00 Tehran
  auto persian = ParseScorecardPeriod("۱۴۰۳/۳");
  ASSERT_TRUE(persian.ok());
  EXPECT_EQ(persian->period.from_ms, autumn->period.from_ms);
  auto year = ParseScorecardPeriod("1403");
  ASSERT_TRUE(year.ok());
  EXPECT_EQ(year->kind, "year");
  EXPECT_EQ(year->season, 0);
  EXPECT_EQ(year->period.first, (text::JalaliDate{1403, 1, 1}));
  EXPECT_EQ(year->period.last, (text::JalaliDate{1403, 12, 30}));  // 1403 is a leap year
  for (const char* bad : {"1403-5", "1403-0", "14033", "abc", "", "1403-", "903", "1403-33"})
    EXPECT_EQ(ParseScorecardPeriod(bad).status().api_code(), "invalid_period") << bad;
  store::ScorecardPeriodRow p;
  p.kind = "season";
  p.year = 1403;
  p.season = 3;
  EXPECT_EQ(ScorecardPeriodCode(p), "1403-3");
  EXPECT_EQ(ScorecardPeriodLabel(p), "پاییز ۱۴۰۳");
}

TEST(ScorecardRankTest, EqualTotalsShareARank) {
  EXPECT_EQ(RankTotals({10, 20, 20, 5}), (std::vector<int64_t>{3, 1, 1, 4}));
  EXPECT_EQ(RankTotals({}), (std::vector<int64_t>{}));
}

}  // namespace
}  // namespace pol::insight
