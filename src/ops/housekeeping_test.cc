// Housekeeping prunes monitoring's look-back probe keys past the window and keeps the recent ones.
#include "ops/housekeeping.h"

#include <gtest/gtest.h>

#include "store/citizen_repo.h"
#include "store/council_repo.h"
#include "store/monitor_probe_repo.h"
#include "store/monitor_repo.h"
#include "store/test_database.h"

namespace pol::ops {
namespace {

constexpr int64_t kDay = 86'400'000;

int64_t CountProbes(store::Database& db, int64_t item_id) {
  return *db.ReadValue([&](store::Conn& c) -> StatusOr<int64_t> {
    POL_ASSIGN_OR_RETURN(store::Row r,
                         c.QueryOne("SELECT COUNT(*) FROM media_item_probes WHERE item_id = ?", {item_id}));
    return r.Int(0);
  });
}

TEST(Housekeeping, PrunesProbeKeysPastTheLookBackWindow) {
  auto dir = store::FreshTestDir("housekeeping-test");
  auto opened = store::OpenTestDatabase(dir);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store::Database& db = **opened;
  const int64_t now = 400 * kDay;
  // Items fetched 40, 16 and 14 days ago and an hour ago, 3 keys each.
  std::vector<int64_t> items;
  int64_t council = 0;
  ASSERT_TRUE(db.Write([&](store::Conn& c) -> Status {
                  POL_ASSIGN_OR_RETURN(
                      council, store::InsertCouncil(c, {.slug = "q", .name = "شورا", .created_at = 1}));
                  int n = 0;
                  for (int64_t age : {40 * kDay, 16 * kDay, 14 * kDay, kDay / 24}) {
                    store::MediaItem m{.council_id = council,
                                       .outlet = "a.example",
                                       .canonical_url = "https://a.example/" + std::to_string(++n),
                                       .url = "https://a.example/" + std::to_string(n),
                                       .fingerprint = "f" + std::to_string(n),
                                       .title = "خبر " + std::to_string(n)};
                    m.fetched_at = now - age;
                    m.published_at = m.fetched_at;
                    POL_ASSIGN_OR_RETURN(int64_t id, store::InsertMediaItem(c, m));
                    POL_RETURN_IF_ERROR(store::InsertItemProbes(c, id, council, m.fetched_at, {1, 2, 3}));
                    items.push_back(id);
                  }
                  return Status::Ok();
                }).ok());

  // A batch smaller than the stale rows: several batches, every stale key goes.
  int64_t total = 0;
  for (int64_t n = 2; n >= 2;) {
    auto pruned = db.WriteValue(
        [&](store::Conn& c) { return store::PruneItemProbes(c, now - store::kItemProbeKeepDays * kDay, 2); });
    ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
    n = *pruned;
    total += n;
  }
  EXPECT_EQ(total, 6);
  EXPECT_EQ(CountProbes(db, items[0]), 0);
  EXPECT_EQ(CountProbes(db, items[1]), 0);
  EXPECT_EQ(CountProbes(db, items[2]), 3) << "inside the window: kept";
  EXPECT_EQ(CountProbes(db, items[3]), 3);

  // The housekeeping step itself: nothing more to prune now; a week later the 14-day item's keys go.
  EXPECT_EQ(*PruneItemProbes(&db, now), 0);
  EXPECT_EQ(*PruneItemProbes(&db, now + 7 * kDay), 3);
  EXPECT_EQ(CountProbes(db, items[2]), 0);
  EXPECT_EQ(CountProbes(db, items[3]), 3);
  // The look-back's first keyed item is now the recent one (older items lie outside every window).
  auto first = db.ReadValue([&](store::Conn& c) { return store::FirstProbedItem(c, council); });
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ(**first, items[3]);
}

// The citizens' SMS ledger: the submission only adds rows; housekeeping drops those past two days (the
// limits look back a day), of every kind, and keeps the rest.
TEST(Housekeeping, PrunesTheSmsLedgerPastTwoDays) {
  auto dir = store::FreshTestDir("housekeeping-sms");
  auto opened = store::OpenTestDatabase(dir);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store::Database& db = **opened;
  const int64_t now = 400 * kDay;
  ASSERT_TRUE(db.Write([&](store::Conn& c) -> Status {
                  for (int64_t age : {5 * kDay, 2 * kDay + 1, 2 * kDay - 1, kDay, int64_t{0}})
                    POL_RETURN_IF_ERROR(store::InsertSmsSend(c, "otp", "09121234567", now - age));
                  return store::InsertSmsSend(c, "budget_alert", "", now - 3 * kDay);
                }).ok());
  auto pruned =
      db.WriteValue([&](store::Conn& c) { return store::PruneSmsSends(c, now - store::kSmsSendKeepMs); });
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  EXPECT_EQ(*pruned, 3);
  auto left = db.ReadValue([&](store::Conn& c) { return store::SmsSendsSince(c, "otp", "09121234567", 0); });
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->count, 3);
  EXPECT_EQ(left->last_at, now);
  auto alerts = db.ReadValue([&](store::Conn& c) { return store::SmsSendsSince(c, "budget_alert", "", 0); });
  ASSERT_TRUE(alerts.ok());
  EXPECT_EQ(alerts->count, 0);
}

}  // namespace
}  // namespace pol::ops
