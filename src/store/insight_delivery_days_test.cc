// The deliveries figures' daily roll-up (insight_delivery_days, migrations 75/76), on every backend of
// TestBackends(): the sum read for a whole-day scope equals the live count and the length of the
// drill-down list after the migration fills it from existing deliveries, and after every kind of write —
// deliveries inserted already sent, queued ones sent, sent ones failed, moved to another day and
// re-sent, and deleted.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "store/insight_repo.h"
#include "store/migrations.h"
#include "store/open.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"

namespace pol::store {
namespace {

constexpr int64_t kMehr1 = 1726950600LL * 1000;  // 1403/07/01 00:00 Tehran
constexpr int64_t kDay = 86400000, kHour = 3600000;

class InsightDeliveryDaysTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("delivery-days");
    auto db = Open(TestStoreConfig(GetParam(), dir_));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Migrations up to `version` (the rest later by MigrateAll).
  void MigrateTo(int version) {
    std::vector<Migration> some;
    for (const Migration& m : AllMigrations())
      if (m.version <= version) some.push_back(m);
    ASSERT_TRUE(db_->Migrate(some).ok());
  }
  void MigrateAll() { ASSERT_TRUE(db_->Migrate(AllMigrations()).ok()); }

  // Two councils; channels of every kind; releases of both agencies (and of the other council).
  Status Seed(Conn& c) {
    POL_ASSIGN_OR_RETURN(t_, InsertTestCouncilWithAgencies(c));
    POL_ASSIGN_OR_RETURN(int64_t other, InsertTestCouncil(c, "o", "دیگر"));
    POL_ASSIGN_OR_RETURN(int64_t other_agency, InsertTestAgency(c, other, "oa", "دستگاه دیگر"));
    for (const char* kind : {"telegram", "bale", "eitaa", "email", "email"}) {
      POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("INSERT INTO channels(council_id, kind, name, created_at, "
                                             "updated_at) VALUES (?,?,?,1,1) RETURNING id",
                                             {t_.council, std::string(kind), std::string("کانال ") + kind}));
      channels_.push_back(r.Int(0));
    }
    for (int i = 0; i < 12; ++i) {
      const int64_t council = i == 11 ? other : t_.council;
      const int64_t agency = i == 11 ? other_agency : (i % 2 ? t_.tamin : t_.behzisti);
      POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("INSERT INTO releases(agency_id, council_id, status, title, "
                                             "published_at, created_at, updated_at) VALUES "
                                             "(?,?,'published',?,?,1,1) RETURNING id",
                                             {agency, council, "خبر " + std::to_string(i), kMehr1}));
      releases_.push_back(r.Int(0));
    }
    return Status::Ok();
  }

  // A time somewhere in 1403/06/25 … 1403/07/20, some on a day's first or last millisecond.
  int64_t RandomTime() {
    int64_t at = kMehr1 + (static_cast<int64_t>(rng_() % 26) - 6) * kDay;
    switch (rng_() % 4) {
      case 0:
        return at;
      case 1:
        return at + kDay - 1;
      default:
        return at + static_cast<int64_t>(rng_() % kDay);
    }
  }

  // A delivery of a random release and channel; sent (with a time), or queued, failed, or — rarely —
  // 'sent' without a time (never counted).
  Status RandomDelivery(Conn& c) {
    static const char* kStates[] = {"sent", "sent", "sent", "queued", "failed"};
    std::string state = kStates[rng_() % 5];
    Value sent_at = state == "sent" && rng_() % 20 != 0 ? Value(RandomTime()) : Value(Null{});
    return c
        .Exec(
            "INSERT INTO deliveries(release_id, channel_id, recipient, state, next_at, created_at, "
            "updated_at, sent_at) VALUES (?,?,?,?,0,1,1,?)",
            {releases_[rng_() % releases_.size()], channels_[rng_() % channels_.size()],
             "r" + std::to_string(++n_), state, sent_at})
        .status();
  }

  std::vector<InsightScope> Scopes() const {
    std::vector<InsightScope> out;
    for (auto [from, to] : std::vector<std::pair<int64_t, int64_t>>{
             {kMehr1 - 7 * kDay, kMehr1 + 21 * kDay},                 // everything
             {kMehr1, kMehr1 + 7 * kDay},                             // a week
             {kMehr1 + 3 * kDay, kMehr1 + 4 * kDay},                  // a day
             {kMehr1 + 5 * kHour, kMehr1 + 9 * kDay + 2 * kHour}}) {  // not whole days: live
      InsightScope s{.council_id = t_.council, .from = from, .to = to, .now = kMehr1 + 40 * kDay};
      out.push_back(s);
      s.agency_id = t_.tamin;
      out.push_back(s);
    }
    return out;
  }

  // Every deliveries figure through the roll-up equals the live count and its list's length; returns
  // the sum of the figures (so a test can see that there was something to count).
  int64_t ExpectExact(const std::string& when) {
    int64_t total = 0;
    EXPECT_TRUE(db_->Read([&](Conn& c) -> Status {
                     for (const InsightScope& s : Scopes()) {
                       InsightScope live = s;
                       live.live = true;
                       const std::string where = when + " from " + std::to_string(s.from) + " to " +
                                                 std::to_string(s.to) + " agency " +
                                                 std::to_string(s.agency_id.value_or(0));
                       for (const char* m : {"deliveries_messenger", "deliveries_email"}) {
                         POL_ASSIGN_OR_RETURN(int64_t rolled, CountMetric(c, m, s));
                         POL_ASSIGN_OR_RETURN(int64_t counted, CountMetric(c, m, live));
                         POL_ASSIGN_OR_RETURN(auto list, ListMetric(c, m, s));
                         EXPECT_EQ(rolled, counted) << m << " " << where;
                         EXPECT_EQ(rolled, static_cast<int64_t>(list.size())) << m << " " << where;
                         total += rolled;
                       }
                     }
                     return Status::Ok();
                   })
                    .ok());
    return total;
  }

  int64_t RollupSum() {
    auto r = db_->ReadValue(
        [](Conn& c) { return c.QueryOne("SELECT COALESCE(SUM(deliveries), 0) FROM insight_delivery_days"); });
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->Int(0) : -1;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
  TestCouncil t_;
  std::vector<int64_t> channels_, releases_;
  std::mt19937_64 rng_{75};
  int n_ = 0;
};

TEST_P(InsightDeliveryDaysTest, TheMigrationCountsTheDeliveriesAlreadySent) {
  MigrateTo(74);
  ASSERT_TRUE(db_->Write([&](Conn& c) -> Status {
                   POL_RETURN_IF_ERROR(Seed(c));
                   for (int i = 0; i < 200; ++i) POL_RETURN_IF_ERROR(RandomDelivery(c));
                   return Status::Ok();
                 })
                  .ok());
  MigrateAll();
  EXPECT_GT(RollupSum(), 50);
  EXPECT_GT(ExpectExact("after the migration"), 0);
}

TEST_P(InsightDeliveryDaysTest, EveryWriteKeepsTheRollupExact) {
  MigrateAll();
  ASSERT_TRUE(db_->Write([&](Conn& c) -> Status {
                   POL_RETURN_IF_ERROR(Seed(c));
                   for (int i = 0; i < 200; ++i) POL_RETURN_IF_ERROR(RandomDelivery(c));
                   return Status::Ok();
                 })
                  .ok());
  const int64_t inserted = ExpectExact("after inserts");
  EXPECT_GT(inserted, 0);
  // The sender's path: queued → sending → sent at a time, in separate writes.
  ASSERT_TRUE(db_->Write([&](Conn& c) {
                   return c.Exec("UPDATE deliveries SET state = 'sending' WHERE state = 'queued'").status();
                 })
                  .ok());
  ExpectExact("after claims");
  ASSERT_TRUE(db_->Write([&](Conn& c) {
                   return c
                       .Exec("UPDATE deliveries SET state = 'sent', sent_at = ? WHERE state = 'sending'",
                             {kMehr1 + 2 * kDay + 5 * kHour})
                       .status();
                 })
                  .ok());
  EXPECT_GT(ExpectExact("after sends"), inserted);
  // Sent ones failed; sent ones moved to another day (and one left on its day but re-saved); a sent
  // one given a time where there was none; sent ones deleted.
  ASSERT_TRUE(
      db_->Write([&](Conn& c) -> Status {
           POL_RETURN_IF_ERROR(
               c.Exec("UPDATE deliveries SET state = 'failed' WHERE state = 'sent' AND id % 7 = 0").status());
           POL_RETURN_IF_ERROR(
               c.Exec("UPDATE deliveries SET sent_at = sent_at + ? WHERE state = 'sent' AND id % 5 = 1",
                      {3 * kDay})
                   .status());
           POL_RETURN_IF_ERROR(
               c.Exec(
                    "UPDATE deliveries SET state = 'sent', error_code = '' WHERE state = 'sent' AND id % 5 = 2")
                   .status());
           POL_RETURN_IF_ERROR(
               c.Exec("UPDATE deliveries SET sent_at = ? WHERE state = 'sent' AND sent_at IS NULL", {kMehr1})
                   .status());
           POL_RETURN_IF_ERROR(
               c.Exec("UPDATE deliveries SET channel_id = ? WHERE state = 'sent' AND id % 11 = 3",
                      {channels_[3]})
                   .status());
           return c.Exec("DELETE FROM deliveries WHERE state = 'sent' AND id % 6 = 4").status();
         })
          .ok());
  ExpectExact("after fails, moves and deletes");
  // Every delivery gone: nothing left counted.
  ASSERT_TRUE(db_->Write([&](Conn& c) { return c.Exec("DELETE FROM deliveries").status(); }).ok());
  EXPECT_EQ(RollupSum(), 0);
  EXPECT_EQ(ExpectExact("after deleting every delivery"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, InsightDeliveryDaysTest, ::testing::ValuesIn(TestBackends()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace pol::store
