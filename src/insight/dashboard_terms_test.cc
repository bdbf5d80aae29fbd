// Top terms with Δ and the top topics of requests (insight/dashboard_terms.h) over a seeded roll-up:
// sums over the period's days, the previous period's values and %, single terms only, requests apart,
// the coverage of counted days, an agency's dashboard empty, and the export table.
#include "insight/dashboard_terms.h"

#include <gtest/gtest.h>

#include "insight/period.h"
#include "store/emerging_repo.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"
#include "text/jalali.h"

namespace pol::insight {
namespace {

constexpr int64_t kMehr15 = 1728160200LL * 1000;  // 1403/07/15 00:00 Tehran

TEST(DashboardTermsTest, TopTermsWithDeltaAndRequestTopics) {
  auto db = store::OpenTestDatabase(store::FreshTestDir("dashboard_terms"));
  ASSERT_TRUE(db.ok()) << db.status().message();
  store::TestCouncil t;
  Dashboard d;
  d.period = PeriodContaining(PeriodKind::kWeek, TehranDay(kMehr15));
  d.previous = PreviousPeriod(d.period);
  const int64_t first = text::DaysFromJalali(d.period.first), before = text::DaysFromJalali(d.previous.first);
  ASSERT_TRUE((*db)
                  ->Write([&](store::Conn& c) -> Status {
                    POL_ASSIGN_OR_RETURN(t, store::InsertTestCouncilWithAgencies(c));
                    // This week: two days counted; the week before: one.
                    POL_RETURN_IF_ERROR(store::ReplaceEmergingDay(
                        c, t.council, first, {{"آب", 5}, {"برق", 2}, {"قطع آب", 4}}, {{"آب", 2}}, 7, 1));
                    POL_RETURN_IF_ERROR(store::ReplaceEmergingDay(
                        c, t.council, first + 1, {{"آب", 3}, {"گاز", 4}}, {{"گاز", 1}}, 5, 1));
                    return store::ReplaceEmergingDay(c, t.council, before, {{"آب", 4}, {"برق", 6}}, {}, 6, 1);
                  })
                  .ok());
  d.council_id = t.council;
  auto terms = TermsOfDashboard(db->get(), d);
  ASSERT_TRUE(terms.ok()) << terms.status().message();
  EXPECT_EQ(terms->days, 7);
  EXPECT_EQ(terms->days_counted, 2);
  EXPECT_EQ(terms->previous_days_counted, 1);
  ASSERT_EQ(terms->top_terms.size(), 3u);  // the pair "قطع آب" is left out
  EXPECT_EQ(terms->top_terms[0].term, "آب");
  EXPECT_EQ(terms->top_terms[0].value, 8);
  EXPECT_EQ(terms->top_terms[0].previous, 4);
  EXPECT_DOUBLE_EQ(*terms->top_terms[0].percent, 100);
  EXPECT_EQ(terms->top_terms[1].term, "گاز");
  EXPECT_FALSE(terms->top_terms[1].percent.has_value());  // nothing before
  EXPECT_EQ(terms->top_terms[2].term, "برق");
  EXPECT_DOUBLE_EQ(*terms->top_terms[2].percent, -200.0 / 3);
  ASSERT_EQ(terms->request_topics.size(), 2u);
  EXPECT_EQ(terms->request_topics[0].term, "آب");
  EXPECT_EQ(terms->request_topics[0].value, 2);

  const report::Table table = TermsTable(*terms, "top_terms");
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(std::get<std::string>(table.rows[0][0]), "آب");
  EXPECT_EQ(std::get<double>(table.rows[0][3]), 4);  // Δ
  EXPECT_TRUE(std::holds_alternative<std::monostate>(table.rows[1][4]));
  EXPECT_EQ(TermsTable(*terms, "request_topics").rows.size(), 2u);

  d.agency_id = t.tamin;
  auto agency = TermsOfDashboard(db->get(), d);
  ASSERT_TRUE(agency.ok());
  EXPECT_TRUE(agency->top_terms.empty());
}

}  // namespace
}  // namespace pol::insight
