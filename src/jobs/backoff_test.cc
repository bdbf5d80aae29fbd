// The retry delay: exponential ceiling, full jitter.
#include <gtest/gtest.h>

#include "base/fake_env.h"
#include "jobs/backoff.h"

namespace pol::jobs {
namespace {

TEST(BackoffTest, CeilingDoublesUpToTheCap) {
  BackoffPolicy p;  // 1 s base, 1 h cap
  EXPECT_EQ(BackoffCeilingMs(p, 1), 1000);
  EXPECT_EQ(BackoffCeilingMs(p, 2), 2000);
  EXPECT_EQ(BackoffCeilingMs(p, 3), 4000);
  EXPECT_EQ(BackoffCeilingMs(p, 12), 2048000);
  EXPECT_EQ(BackoffCeilingMs(p, 13), 3600000);
  EXPECT_EQ(BackoffCeilingMs(p, 1000000), 3600000) << "no overflow for huge attempt numbers";
  EXPECT_EQ(BackoffCeilingMs({.base_ms = 5000, .cap_ms = 1000}, 1), 1000);
}

TEST(BackoffTest, FullJitterSpansZeroToCeiling) {
  BackoffPolicy p;
  EXPECT_EQ(BackoffDelayMs(p, 3, 0.0), 0);
  EXPECT_EQ(BackoffDelayMs(p, 3, 0.5), 2000);
  EXPECT_EQ(BackoffDelayMs(p, 3, 0.99999999), 4000);
  EXPECT_EQ(BackoffDelayMs(p, 3, 1.0), 4000) << "clamped";
  FakeEnv env;
  for (int i = 0; i < 1000; ++i) {
    double u = UniformRandom(&env);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    int64_t d = BackoffDelayMs(p, 5, u);
    ASSERT_GE(d, 0);
    ASSERT_LE(d, 16000);
  }
}

}  // namespace
}  // namespace pol::jobs
