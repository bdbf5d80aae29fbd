#include "citizen/rate_limiter.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace pol::citizen
