// The leader lease (leader.h) and once-per-cluster periodic tasks (periodic.h): two "nodes" on one
// database, one clock.
#include "jobs/leader.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "base/fake_env.h"
#include "jobs/jobs_test_util.h"
#include "jobs/periodic.h"
#include "store/lease_repo.h"
#include "store/test_database.h"

namespace pol::jobs {
namespace {

class LeaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("leader-test");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string Holder() {
    auto row = db_->ReadValue([](store::Conn& c) { return store::GetLease(c, "leader"); });
    return row.ok() && row->has_value() ? (*row)->holder : "";
  }

  FakeEnv env_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(LeaderTest, OneNodeLeadsAndAnotherTakesOverAfterTheLeaseExpires) {
  LeaderLease a(db_.get(), &env_, "a"), b(db_.get(), &env_, "b");
  EXPECT_TRUE(a.Refresh());
  EXPECT_FALSE(b.Refresh());
  EXPECT_TRUE(a.IsLeader());
  EXPECT_FALSE(b.IsLeader());
  env_.Advance(5000);
  EXPECT_TRUE(a.Refresh());  // renewed
  // a stops renewing (stalled or dead): it stops believing before b can take over.
  env_.Advance(13000);  // 13 s after the renewal: past ttl - margin
  EXPECT_FALSE(a.IsLeader());
  EXPECT_FALSE(b.Refresh());  // the database lease (ttl 15 s) still runs
  env_.Advance(2000);
  EXPECT_TRUE(b.Refresh());
  EXPECT_EQ(Holder(), "b");
  EXPECT_FALSE(a.Refresh());
  EXPECT_FALSE(a.IsLeader());
}

TEST_F(LeaderTest, ResignLetsTheNextNodeTakeOverAtOnce) {
  LeaderLease a(db_.get(), &env_, "a"), b(db_.get(), &env_, "b");
  ASSERT_TRUE(a.Refresh());
  a.Resign();
  EXPECT_FALSE(a.IsLeader());
  EXPECT_TRUE(b.Refresh());
}

TEST_F(LeaderTest, OncePerClusterTasksRunOnlyOnTheLeader) {
  LeaderLease la(db_.get(), &env_, "a"), lb(db_.get(), &env_, "b");
  std::atomic<int> cluster_a{0}, cluster_b{0}, local_a{0}, local_b{0};
  PeriodicScheduler a(&env_, {.max_sleep_ms = 2}), b(&env_, {.max_sleep_ms = 2});
  a.SetLeader(&la);
  b.SetLeader(&lb);
  auto add = [](PeriodicScheduler& s, std::atomic<int>& cluster, std::atomic<int>& local) {
    ASSERT_TRUE(s.Add({.name = "sweep",
                       .every_ms = 1000,
                       .fn =
                           [&] {
                             ++cluster;
                             return Status::Ok();
                           },
                       .once_per_cluster = true})
                    .ok());
    ASSERT_TRUE(s.Add({.name = "local",
                       .every_ms = 1000,
                       .fn =
                           [&] {
                             ++local;
                             return Status::Ok();
                           }})
                    .ok());
  };
  add(a, cluster_a, local_a);
  add(b, cluster_b, local_b);
  ASSERT_TRUE(a.Start().ok());
  ASSERT_TRUE(testing::WaitFor([&] { return cluster_a.load() == 1 && local_a.load() == 1; }));
  ASSERT_TRUE(b.Start().ok());
  ASSERT_TRUE(testing::WaitFor([&] { return local_b.load() == 1; }));
  for (int i = 2; i <= 4; ++i) {
    env_.Advance(1000);
    ASSERT_TRUE(testing::WaitFor([&] { return cluster_a.load() == i && local_b.load() == i; }));
  }
  EXPECT_EQ(cluster_b.load(), 0) << "the follower ran once-per-cluster work";
  int64_t skipped = 0;
  for (const auto& t : b.Snapshot()) skipped += t.name == "sweep" ? t.skipped : 0;
  EXPECT_GE(skipped, 3);
  // The leader stops (and resigns): the other node takes the work over at its next renewal.
  a.Stop();
  EXPECT_EQ(Holder(), "a");  // row kept, expired
  for (int i = 0; i < 12 && cluster_b.load() == 0; ++i) {
    env_.Advance(1000);
    ASSERT_TRUE(testing::WaitFor([&, n = local_b.load()] { return local_b.load() > n; }));
  }
  EXPECT_GE(cluster_b.load(), 1);
  EXPECT_EQ(Holder(), "b");
  b.Stop();
}

}  // namespace
}  // namespace pol::jobs
