#include "citizen/rate_limiter.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/test_database.h"

namespace pol::citizen {
namespace {

TEST(RateLimiter, SlidingWindowPerKey) {
  RateLimiter l;
  const int64_t hour = 3600 * 1000;
  EXPECT_TRUE(l.Allow("ip:a", 2, hour, 1000));
  EXPECT_TRUE(l.Allow("ip:a", 2, hour, 2000));
  EXPECT_FALSE(l.Allow("ip:a", 2, hour, 3000));
  EXPECT_TRUE(l.Allow("ip:b", 2, hour, 3000));         // another key
  EXPECT_TRUE(l.Allow("ip:a", 2, hour, 1000 + hour));  // the first event left the window
  EXPECT_TRUE(l.Allow("ip:a", 0, hour, 4000));         // no limit
}

TEST(RateLimiter, CountDoesNotRecord) {
  RateLimiter l;
  EXPECT_EQ(l.Count("fail:x", 1000, 10), 0);
  l.Record("fail:x", 10);
  l.Record("fail:x", 20);
  EXPECT_EQ(l.Count("fail:x", 1000, 30), 2);
  EXPECT_EQ(l.Count("fail:x", 1000, 30), 2);
  EXPECT_EQ(l.Count("fail:x", 1000, 1015), 1);
}

// Two nodes' limiters on one database (store/throttle_repo.h): alternating between them, the limit is
// reached at the same count as on one node, and failures recorded on one are counted on the other.
TEST(RateLimiter, SharedLimitersCountInTheDatabase) {
  const auto dir = store::FreshTestDir("rate-limiter");
  auto db = store::OpenTestDatabase(dir);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  RateLimiter a(db->get()), b(db->get());
  const int64_t hour = 3600 * 1000;
  EXPECT_TRUE(a.Allow("ip:a", 3, hour, 1000));
  EXPECT_TRUE(b.Allow("ip:a", 3, hour, 1001));
  EXPECT_TRUE(a.Allow("ip:a", 3, hour, 1002));
  EXPECT_FALSE(b.Allow("ip:a", 3, hour, 1003));
  EXPECT_FALSE(a.Allow("ip:a", 3, hour, 1004));
  EXPECT_TRUE(b.Allow("ip:a", 3, hour, 1000 + hour));  // the first event left the window
  a.Record("fail:x", 10, 2);
  b.Record("fail:x", 20);
  EXPECT_EQ(b.Count("fail:x", 1000, 30), 3);
  EXPECT_EQ(a.Count("fail:x", 1000, 1015), 1);
  RateLimiter local;  // not shared: sees nothing of theirs
  EXPECT_EQ(local.Count("fail:x", 1000, 30), 0);
  db->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pol::citizen
