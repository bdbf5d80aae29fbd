// The daily mention roll-ups (store/insight_rollup_repo.h) keep every dashboard number equal to the live
// count and to the length of its drill-down list: before any recount (every day dirty, counted live),
// after the recount (every day from the roll-ups), and after writes, tone overrides, an item moved to
// another day, deleted mentions and items and a source's changed tier (a mix of both); the task that
// recounts settles every dirty day.
#include <gtest/gtest.h>

#include <random>

#include "base/fake_env.h"
#include "insight/dashboard.h"
#include "store/insight_repo.h"
#include "store/insight_rollup_repo.h"
#include "store/monitor_repo.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"

namespace pol::insight {
namespace {

constexpr int64_t kMehr1 = 1726950600LL * 1000;  // 1403/07/01 00:00 Tehran
constexpr int64_t kDay = 86400000, kHour = 3600000;
constexpr const char* kMetrics[] = {"mentions", "mentions_positive", "mentions_neutral", "mentions_negative"};

std::string Dump(const std::vector<store::InsightBucket>& v) {
  std::string s;
  for (const auto& b : v) s += b.key + "|" + b.label + "|" + b.tone + "|" + std::to_string(b.count) + "\n";
  return s;
}

class RollupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::OpenTestDatabase(store::FreshTestDir("insight_rollup"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
                     POL_ASSIGN_OR_RETURN(other_, store::InsertTestCouncil(c, "o", "دیگر"));
                     for (const char* tier : {"national", "provincial", "local"}) {
                       POL_ASSIGN_OR_RETURN(
                           store::Row r,
                           c.QueryOne("INSERT INTO monitor_sources(council_id, name, url, tier, "
                                      "created_at, updated_at) VALUES (?,?,?,?,1,1) RETURNING id",
                                      {t_.council, std::string("منبع ") + tier,
                                       std::string("https://s.ir/") + tier, tier}));
                       sources_.push_back(r.Int(0));
                     }
                     std::mt19937_64 rng(12);
                     for (int i = 0; i < 300; ++i) POL_RETURN_IF_ERROR(RandomItem(c, rng));
                     return Status::Ok();
                   })
                    .ok());
  }

  // An item somewhere in 1403/06/25 … 1403/07/20 (some exactly on a day's first or last millisecond,
  // some without a publication time), of an outlet and maybe a source, mentioning 0–2 agencies (one of
  // them maybe by two terms).
  Status RandomItem(store::Conn& c, std::mt19937_64& rng) {
    const int64_t day = static_cast<int64_t>(rng() % 26) - 6;
    int64_t at = kMehr1 + day * kDay;
    switch (rng() % 4) {
      case 0:
        break;  // the day's first millisecond
      case 1:
        at += kDay - 1;
        break;  // its last
      default:
        at += static_cast<int64_t>(rng() % kDay);
    }
    const bool unpublished = rng() % 8 == 0;
    static const char* kTones[] = {"positive", "neutral", "negative"};
    static const char* kOutlets[] = {"ایرنا", "فارس", "مهر", "ایسنا"};
    const std::string url = "https://x.ir/" + std::to_string(++n_);
    std::optional<int64_t> source;
    if (rng() % 3) source = sources_[rng() % sources_.size()];
    POL_ASSIGN_OR_RETURN(
        store::Row r,
        c.QueryOne(
            "INSERT INTO media_items(council_id, source_id, outlet, canonical_url, url, fingerprint, title, "
            "published_at, fetched_at, tone, tone_override) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            {t_.council, store::Opt(source), std::string(kOutlets[rng() % 4]), url, url, "f" + url, "خبر",
             unpublished ? store::Value(store::Null{}) : store::Value(at), at + (unpublished ? 0 : kHour),
             std::string(kTones[rng() % 3]),
             rng() % 10 == 0 ? store::Value(std::string("negative")) : store::Value(store::Null{})}));
    const int64_t id = r.Int(0);
    items_.push_back(id);
    const int mentions = static_cast<int>(rng() % 3);
    for (int k = 0; k < mentions; ++k) {
      const int64_t agency = rng() % 2 ? t_.tamin : t_.behzisti;
      POL_RETURN_IF_ERROR(
          c.Exec("INSERT INTO mentions(item_id, agency_id, term_id) VALUES (?,?,?) ON CONFLICT "
                 "DO NOTHING",
                 {id, agency, int64_t{k + 1}})
              .status());
    }
    return Status::Ok();
  }

  std::vector<store::InsightScope> Scopes() const {
    std::vector<store::InsightScope> out;
    auto scope = [&](int64_t from, int64_t to) {
      store::InsightScope s;
      s.council_id = t_.council;
      s.from = from;
      s.to = to;
      s.now = kMehr1 + 40 * kDay;
      return s;
    };
    for (auto [from, to] : std::vector<std::pair<int64_t, int64_t>>{
             {kMehr1 - 7 * kDay, kMehr1 + 21 * kDay},                 // everything
             {kMehr1, kMehr1 + 7 * kDay},                             // a week
             {kMehr1 + 3 * kDay, kMehr1 + 4 * kDay},                  // a day
             {kMehr1 + 5 * kHour, kMehr1 + 9 * kDay + 2 * kHour}}) {  // not whole days: live
      store::InsightScope s = scope(from, to);
      out.push_back(s);
      s.agency_id = t_.tamin;
      out.push_back(s);
      s.agency_id.reset();
      s.tier = "provincial";
      out.push_back(s);
      s.tier.reset();
      s.outlet = "فارس";
      out.push_back(s);
      s.outlet.reset();
      s.tone = "negative";
      s.agency_id = t_.behzisti;
      out.push_back(s);
    }
    return out;
  }

  // Every mentions number through the roll-ups equals the live one and its list's length.
  void ExpectExact(const std::string& when) {
    ASSERT_TRUE(db_->Read([&](store::Conn& c) -> Status {
                     for (store::InsightScope s : Scopes()) {
                       store::InsightScope live = s;
                       live.live = true;
                       const std::string where = when + " from " + std::to_string(s.from) + " to " +
                                                 std::to_string(s.to) + " agency " +
                                                 std::to_string(s.agency_id.value_or(0)) + " tier " +
                                                 s.tier.value_or("") + " outlet " + s.outlet.value_or("");
                       for (const char* m : kMetrics) {
                         POL_ASSIGN_OR_RETURN(int64_t rolled, store::CountMetric(c, m, s));
                         POL_ASSIGN_OR_RETURN(int64_t counted, store::CountMetric(c, m, live));
                         POL_ASSIGN_OR_RETURN(auto list, store::ListMetric(c, m, s));
                         EXPECT_EQ(rolled, counted) << m << " " << where;
                         EXPECT_EQ(rolled, static_cast<int64_t>(list.size())) << m << " " << where;
                       }
                       POL_ASSIGN_OR_RETURN(auto day_r, store::MentionsPerDay(c, s));
                       POL_ASSIGN_OR_RETURN(auto day_l, store::MentionsPerDay(c, live));
                       EXPECT_EQ(Dump(day_r), Dump(day_l)) << "per day " << where;
                       POL_ASSIGN_OR_RETURN(auto ag_r, store::MentionsPerAgency(c, s));
                       POL_ASSIGN_OR_RETURN(auto ag_l, store::MentionsPerAgency(c, live));
                       EXPECT_EQ(Dump(ag_r), Dump(ag_l)) << "per agency " << where;
                       POL_ASSIGN_OR_RETURN(auto out_r, store::MentionsPerOutlet(c, s, 3));
                       POL_ASSIGN_OR_RETURN(auto out_l, store::MentionsPerOutlet(c, live, 3));
                       EXPECT_EQ(Dump(out_r), Dump(out_l)) << "per outlet " << where;
                     }
                     return Status::Ok();
                   })
                    .ok());
  }

  int64_t Dirty() {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(store::Row r,
                                          c.QueryOne("SELECT COUNT(*) FROM insight_dirty_days"));
                     n = r.Int(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  }
  int64_t RollupRows() {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(store::Row r,
                                          c.QueryOne("SELECT COUNT(*) FROM insight_mention_days"));
                     n = r.Int(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  }

  Status Settle() {
    FakeEnv env;
    InsightService service(db_.get(), &env);
    return service.SettleRollups().status();
  }

  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  int64_t other_ = 0;
  std::vector<int64_t> sources_, items_;
  int n_ = 0;
};

TEST_F(RollupTest, DirtyDaysAreCountedLive) {
  EXPECT_GT(Dirty(), 20);  // every written day is marked
  EXPECT_EQ(RollupRows(), 0);
  ExpectExact("before any recount");
}

TEST_F(RollupTest, SettledDaysReadTheRollupsAndMatchTheLiveCounts) {
  ASSERT_TRUE(Settle().ok());
  EXPECT_EQ(Dirty(), 0);
  EXPECT_GT(RollupRows(), 20);
  ExpectExact("after the recount");
}

TEST_F(RollupTest, WritesAfterTheRecountStayExact) {
  ASSERT_TRUE(Settle().ok());
  ASSERT_EQ(Dirty(), 0);
  std::mt19937_64 rng(99);
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   for (int i = 0; i < 20; ++i) POL_RETURN_IF_ERROR(RandomItem(c, rng));
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_GT(Dirty(), 0);
  ExpectExact("after new items");
  // A staff tone override (the API's write path) and its removal.
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   for (size_t i = 0; i < items_.size(); i += 7)
                     POL_RETURN_IF_ERROR(store::SetMediaItemTone(c, items_[i], "positive"));
                   return store::SetMediaItemTone(c, items_[3], std::nullopt);
                 })
                  .ok());
  ExpectExact("after tone overrides");
  ASSERT_TRUE(Settle().ok());
  ExpectExact("after tone overrides, recounted");
  // An item moved to another day, a mention and an item deleted, a source's tier changed.
  ASSERT_TRUE(
      db_->Write([&](store::Conn& c) -> Status {
           POL_RETURN_IF_ERROR(c.Exec("UPDATE media_items SET published_at = published_at + ? WHERE "
                                      "id = ? OR id = ?",
                                      {3 * kDay, items_[10], items_[11]})
                                   .status());
           POL_RETURN_IF_ERROR(
               c.Exec("DELETE FROM mentions WHERE item_id IN (?, ?)", {items_[20], items_[21]}).status());
           POL_RETURN_IF_ERROR(
               c.Exec("DELETE FROM pickups WHERE item_id IN (?, ?)", {items_[30], items_[31]}).status());
           POL_RETURN_IF_ERROR(
               c.Exec("DELETE FROM media_item_urls WHERE item_id IN (?, ?)", {items_[30], items_[31]})
                   .status());
           POL_RETURN_IF_ERROR(
               c.Exec("DELETE FROM media_items WHERE id IN (?, ?)", {items_[30], items_[31]}).status());
           return c.Exec("UPDATE monitor_sources SET tier = 'provincial' WHERE id = ?", {sources_[0]})
               .status();
         })
          .ok());
  EXPECT_GT(Dirty(), 0);
  ExpectExact("after moves and deletes");
  ASSERT_TRUE(Settle().ok());
  EXPECT_EQ(Dirty(), 0);
  ExpectExact("after moves and deletes, recounted");
}

TEST_F(RollupTest, ADayWrittenDuringItsRecountStaysDirty) {
  // The generation read by the recount no longer matches: the mark stays (settled again next time).
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(int64_t settled, store::SettleInsightDays(c, 1));
                   EXPECT_EQ(settled, 1);
                   POL_RETURN_IF_ERROR(c.Exec("UPDATE insight_dirty_days SET gen = gen + 1").status());
                   return Status::Ok();
                 })
                  .ok());
  ExpectExact("with bumped generations");
}

TEST_F(RollupTest, TheDashboardEqualsItsRecordsThroughTheRollups) {
  ASSERT_TRUE(Settle().ok());
  FakeEnv env(kMehr1 + 40 * kDay);
  InsightService service(db_.get(), &env);
  const accounts::Actor system{nullptr, "test"};
  DashboardRequest r;
  r.council_id = t_.council;
  r.period = {.kind = "month", .date = "1403/07/15"};
  auto d = service.GetDashboard(system, r);
  ASSERT_TRUE(d.ok()) << d.status().message();
  for (const Figure& f : d->figures) {
    if (f.metric.rfind("mentions", 0) != 0) continue;
    auto page = service.Records(system, r, f.metric, 1000, 0);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(f.value, static_cast<int64_t>(page->items.size())) << f.metric;
    EXPECT_GT(f.value, 0) << f.metric;
  }
}

}  // namespace
}  // namespace pol::insight
