// The durable queue: enqueueing (validation, dedup, inside a transaction), cancel/retry/list/stats,
// and the lease operations of the job repository.
#include <gtest/gtest.h>

#include <functional>

#include "jobs/jobs_test_util.h"
#include "store/job_repo.h"

namespace pol::jobs {
namespace {

using testing::Gate;
using testing::JobsTest;
using testing::OpenAtExit;
using testing::Runs;
using testing::WaitFor;

TEST_F(JobsTest, EnqueueValidatesTheSpec) {
  EXPECT_EQ(queue_->Enqueue({.kind = ""}).status().field(), "kind");
  EXPECT_EQ(queue_->Enqueue({.queue = "", .kind = "k"}).status().field(), "queue");
  EXPECT_EQ(queue_->Enqueue({.kind = "bad kind'; DROP TABLE jobs"}).status().field(), "kind");
  EXPECT_EQ(queue_->Enqueue({.kind = "k", .payload_json = "{not json"}).status().field(), "payload");
  EXPECT_EQ(queue_->Enqueue({.kind = "k", .max_attempts = 0}).status().field(), "max_attempts");
  EXPECT_EQ(queue_->Enqueue({.kind = "k", .dedup_key = ""}).status().field(), "dedup_key");
  EXPECT_EQ(CountInState(kReady), 0);

  int64_t id = MustEnqueue({.kind = "news.distribute", .payload_json = R"({"news_id": 7})"});
  Job job = MustGet(id);
  EXPECT_EQ(job.queue, kDefaultQueue);
  EXPECT_EQ(job.kind, "news.distribute");
  EXPECT_EQ(job.payload_json, R"({"news_id": 7})");
  EXPECT_EQ(job.state, kReady);
  EXPECT_EQ(job.run_at, env_.NowMillis()) << "run_at defaults to now";
  EXPECT_EQ(job.attempts, 0);
  EXPECT_EQ(job.max_attempts, 8);
}

TEST_F(JobsTest, DedupKeyReturnsTheExistingJob) {
  int64_t a = MustEnqueue({.kind = "report", .dedup_key = "report:2025-11"});
  int64_t b =
      MustEnqueue({.kind = "report", .payload_json = R"({"other":1})", .dedup_key = "report:2025-11"});
  int64_t c = MustEnqueue({.kind = "report", .dedup_key = "report:2025-12"});
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(CountInState(kReady), 2);

  Runs runs;
  WorkerPool pool(queue_.get(), FastOptions());
  ASSERT_TRUE(pool.Register("report",
                            [&](const Job& j, JobContext&) {
                              runs.Add(j.id);
                              return Status::Ok();
                            })
                  .ok());
  ASSERT_TRUE(pool.Start().ok());
  ASSERT_TRUE(WaitFor([&] { return StateIs(a, kDone) && StateIs(c, kDone); }));
  // Still deduplicated after it ran.
  EXPECT_EQ(MustEnqueue({.kind = "report", .dedup_key = "report:2025-11"}), a);
  ASSERT_TRUE(pool.Stop());
  EXPECT_EQ(runs.Of(a), 1);
  EXPECT_EQ(runs.Of(c), 1);
  EXPECT_EQ(runs.Total(), 2);
}

TEST_F(JobsTest, EnqueueInJoinsTheCallersTransaction) {
  // Rolled back: neither the caller's row nor the job exists.
  Status s = db_->Write([&](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(queue_->EnqueueIn(c, {.kind = "outbox", .dedup_key = "rolled-back"}).status());
    return InvalidArgument("later_failure", "خطا");
  });
  EXPECT_EQ(s.api_code(), "later_failure");
  EXPECT_EQ(CountInState(kReady), 0);
  // Committed: the job is there.
  int64_t id = 0;
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(id,
                                        queue_->EnqueueIn(c, {.kind = "outbox", .dedup_key = "rolled-back"}));
                   return Status::Ok();
                 })
                  .ok());
  queue_->Notify();
  EXPECT_TRUE(StateIs(id, kReady));
}

TEST_F(JobsTest, CancelRetryListAndStats) {
  int64_t a = MustEnqueue({.kind = "k"});
  int64_t b = MustEnqueue({.queue = "reports", .kind = "k", .run_at = env_.NowMillis() - 5000});
  EXPECT_TRUE(queue_->Cancel(a).ok());
  EXPECT_TRUE(StateIs(a, kCancelled));
  EXPECT_EQ(queue_->Cancel(a).api_code(), "job_not_cancellable");
  EXPECT_EQ(queue_->Cancel(9999).code(), StatusCode::kNotFound);
  EXPECT_EQ(queue_->Retry(b).api_code(), "job_not_retryable") << "only dead or cancelled jobs are retried";
  EXPECT_EQ(queue_->Retry(9999).code(), StatusCode::kNotFound);

  // A leased (running) job cannot be cancelled.
  ASSERT_TRUE(db_->Write([&](store::Conn& c) {
                   return store::LeaseJobs(c, "reports", "someone", env_.NowMillis(), 60000, 10).status();
                 })
                  .ok());
  EXPECT_EQ(queue_->Cancel(b).api_code(), "job_not_cancellable");

  auto stats = queue_->Stats();
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->size(), 2u);
  EXPECT_EQ((*stats)[0].queue, kDefaultQueue);
  EXPECT_EQ((*stats)[0].state, kCancelled);
  EXPECT_EQ((*stats)[1].queue, "reports");
  EXPECT_EQ((*stats)[1].state, kLeased);
  EXPECT_EQ((*stats)[1].oldest_run_at, env_.NowMillis() - 5000);

  auto listed = queue_->List({.state = std::string(kCancelled)});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, a);
  auto all = queue_->List({.limit = 1});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].id, b) << "newest first";
  auto next = queue_->List({.before_id = b, .limit = 1});
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ((*next)[0].id, a);
  EXPECT_EQ(queue_->List({.limit = 0}).status().field(), "limit");

  // A person retries the cancelled job: it runs.
  ASSERT_TRUE(queue_->Retry(a).ok());
  EXPECT_TRUE(StateIs(a, kReady));
  Runs runs;
  WorkerPool pool(queue_.get(), FastOptions());
  ASSERT_TRUE(pool.Register("k",
                            [&](const Job& j, JobContext&) {
                              runs.Add(j.id);
                              return Status::Ok();
                            })
                  .ok());
  ASSERT_TRUE(pool.Start().ok());
  ASSERT_TRUE(WaitFor([&] { return StateIs(a, kDone); }));
  ASSERT_TRUE(pool.Stop());
  EXPECT_EQ(runs.Of(a), 1);
  EXPECT_EQ(runs.Of(b), 0) << "the 'reports' queue is not served by this pool";

  // Purge: done jobs older than the horizon go.
  env_.Advance(10000);
  auto purged = queue_->PurgeFinished(5000);
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(*purged, 1);
  EXPECT_EQ(queue_->Get(a).status().code(), StatusCode::kNotFound);
}

TEST_F(JobsTest, RepoExtendReleaseAndCancel) {
  int64_t id = MustEnqueue({.kind = "k"});
  const int64_t now = env_.NowMillis();
  auto write = [&](const std::function<Status(store::Conn&)>& fn) { return db_->Write(fn); };
  ASSERT_TRUE(write([&](store::Conn& c) {
                return store::LeaseJobs(c, kDefaultQueue, "w1", now, 1000, 1).status();
              }).ok());
  EXPECT_EQ(write([&](store::Conn& c) { return store::ExtendJobLease(c, id, "w2", now + 5000, now); }).code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(
      write([&](store::Conn& c) { return store::ExtendJobLease(c, id, "w1", now + 5000, now); }).ok());
  EXPECT_EQ(MustGet(id).lease_until, now + 5000);
  EXPECT_EQ(write([&](store::Conn& c) { return store::ReleaseJob(c, id, "w2", now); }).code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(write([&](store::Conn& c) { return store::ReleaseJob(c, id, "w1", now); }).ok());
  Job j = MustGet(id);
  EXPECT_EQ(j.state, kReady);
  EXPECT_EQ(j.attempts, 0);
  EXPECT_FALSE(j.lease_until.has_value());
  EXPECT_EQ(write([&](store::Conn& c) { return store::ExtendJobLease(c, id, "w1", now + 5000, now); }).code(),
            StatusCode::kNotFound)
      << "a released lease cannot be extended";
  EXPECT_TRUE(write([&](store::Conn& c) { return store::CancelJob(c, id, now); }).ok());
  EXPECT_EQ(write([&](store::Conn& c) { return store::CancelJob(c, id, now); }).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(write([&](store::Conn& c) { return store::CancelJob(c, id + 100, now); }).code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace pol::jobs
