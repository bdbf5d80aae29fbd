// The reaper of expired job leases (reaper.h): a job whose worker vanished is ready again and wakes the
// pools; a job that used its attempts is dead.
#include "jobs/reaper.h"

#include <gtest/gtest.h>

#include <atomic>

#include "jobs/jobs_test_util.h"
#include "store/job_repo.h"

namespace pol::jobs {
namespace {

class ReaperTest : public testing::JobsTest {
 protected:
  // A worker that leases and then vanishes (its process was killed).
  void LeaseAndVanish() {
    ASSERT_TRUE(db_->WriteValue([&](store::Conn& c) {
                     return store::LeaseJobs(c, kDefaultQueue, "gone", env_.NowMillis(), 1000, 10);
                   })
                    .ok());
  }
};

TEST_F(ReaperTest, ExpiredLeasesGoBackToReadyAndWakeThePools) {
  const int64_t id = MustEnqueue({.kind = "k", .max_attempts = 2});
  LeaseAndVanish();
  std::atomic<int> woken{0};
  const int token = queue_->AddListener([&] { ++woken; });
  EXPECT_EQ(*ReapExpiredLeases(*queue_), 0);  // the lease still runs
  EXPECT_TRUE(StateIs(id, kLeased));
  env_.Advance(1000);
  EXPECT_EQ(*ReapExpiredLeases(*queue_), 1);
  Job job = MustGet(id);
  EXPECT_EQ(job.state, kReady);
  EXPECT_FALSE(job.lease_owner.has_value());
  EXPECT_EQ(job.attempts, 1);
  EXPECT_GE(woken.load(), 1);
  queue_->RemoveListener(token);
  LeaseAndVanish();  // attempt 2 of 2 vanishes too
  env_.Advance(1000);
  EXPECT_EQ(*ReapExpiredLeases(*queue_), 1);
  EXPECT_TRUE(StateIs(id, kDead));
  EXPECT_NE(MustGet(id).last_error.find("lease expired"), std::string::npos);
}

}  // namespace
}  // namespace pol::jobs
