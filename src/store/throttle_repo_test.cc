// The throttles every node counts alike (throttle_repo.h), on every backend of TestBackends(); two
// Database objects on one database stand for two nodes.
#include "store/throttle_repo.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "store/open.h"
#include "store/test_database.h"

namespace pol::store {
namespace {

class ThrottleRepoTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("throttle-test");
    auto db = OpenAndMigrate(TestStoreConfig(GetParam(), dir_));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  bool Allow(Database& db, const std::string& key, int64_t now) {
    auto got = AllowEvent(db, key, 3, 1000, now);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() && *got;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_P(ThrottleRepoTest, SlidingWindowPerKey) {
  EXPECT_TRUE(Allow(*db_, "ip:a", 100));
  EXPECT_TRUE(Allow(*db_, "ip:a", 200));
  EXPECT_TRUE(Allow(*db_, "ip:a", 300));
  EXPECT_FALSE(Allow(*db_, "ip:a", 400));  // three in (−600, 400]
  EXPECT_TRUE(Allow(*db_, "ip:b", 400));   // another key
  EXPECT_EQ(*CountEvents(*db_, "ip:a", 1000, 400), 3);
  EXPECT_FALSE(Allow(*db_, "ip:a", 1099));  // 100 is still inside (99, 1099]
  EXPECT_TRUE(Allow(*db_, "ip:a", 1100));   // 100 has left the window
  EXPECT_EQ(*CountEvents(*db_, "ip:a", 1000, 1100), 3);
  EXPECT_EQ(*CountEvents(*db_, "ip:a", 50, 1100), 1);
  EXPECT_TRUE(*AllowEvent(*db_, "ip:a", 0, 1000, 1100));  // 0: no limit, nothing recorded
  EXPECT_EQ(*CountEvents(*db_, "ip:a", 1000, 1100), 3);
  ASSERT_TRUE(RecordEvents(*db_, "fail:a", 500, 2).ok());
  ASSERT_TRUE(RecordEvents(*db_, "fail:a", 600).ok());
  EXPECT_EQ(*CountEvents(*db_, "fail:a", 1000, 600), 3);
  EXPECT_EQ(*CountEvents(*db_, "fail:a", 1000, 1550), 1);
}

// Two nodes, each with its own pool, counting under one key from several threads: exactly `limit`
// events are allowed in all, never more.
TEST_P(ThrottleRepoTest, TwoNodesShareOneLimit) {
  auto other = Open(TestStoreConfig(GetParam(), dir_));
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  std::atomic<int> allowed{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Database& db = t % 2 ? **other : *db_;
      for (int i = 0; i < 10; ++i) {
        auto got = AllowEvent(db, "ip:shared", 7, 60000, 1000 + i);
        if (!got.ok()) {
          ++failed;
        } else if (*got) {
          ++allowed;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(allowed.load(), 7);
  EXPECT_EQ(*CountEvents(**other, "ip:shared", 60000, 2000), 7);
}

TEST_P(ThrottleRepoTest, TokensAreSpentOnceOnEveryNode) {
  auto other = Open(TestStoreConfig(GetParam(), dir_));
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_TRUE(*SpendToken(*db_, "portal:n1", 5000));
  EXPECT_FALSE(*SpendToken(**other, "portal:n1", 5000));
  EXPECT_FALSE(*SpendToken(*db_, "portal:n1", 5000));
  EXPECT_TRUE(*SpendToken(**other, "portal:n2", 9000));
}

TEST_P(ThrottleRepoTest, PruneDropsOldEventsAndExpiredTokens) {
  ASSERT_TRUE(RecordEvents(*db_, "k", 100).ok());
  ASSERT_TRUE(RecordEvents(*db_, "k", 200).ok());
  ASSERT_TRUE(RecordEvents(*db_, "k", 300).ok());
  EXPECT_TRUE(*SpendToken(*db_, "old", 1000));
  EXPECT_TRUE(*SpendToken(*db_, "live", 3000));
  auto pruned = PruneThrottles(*db_, 200, 2000);
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  EXPECT_EQ(pruned->events, 2);
  EXPECT_EQ(pruned->tokens, 1);
  EXPECT_EQ(*CountEvents(*db_, "k", 10000, 5000), 1);
  EXPECT_TRUE(*SpendToken(*db_, "old", 4000));    // forgotten once expired (it could not pass anyway)
  EXPECT_FALSE(*SpendToken(*db_, "live", 3000));  // still spent
}

INSTANTIATE_TEST_SUITE_P(Backends, ThrottleRepoTest, ::testing::ValuesIn(TestBackends()));

}  // namespace
}  // namespace pol::store
