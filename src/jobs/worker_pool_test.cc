// The worker pool: wake-ups, retries with backoff, dead letters, exactly-once under two pools and
// crashes, graceful stop, lease renewal and loss.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "jobs/jobs_test_util.h"
#include "store/job_repo.h"

namespace pol::jobs {
namespace {

using testing::Gate;
using testing::JobsTest;
using testing::kTimeout;
using testing::OpenAtExit;
using testing::Runs;
using testing::WaitFor;

TEST_F(JobsTest, EnqueueWakesAnIdleWorkerAndTheHandlerRunsOnce) {
  WorkerPoolOptions o;
  o.poll_interval_ms = 3600 * 1000;  // only Notify() can wake the workers in time for this test
  WorkerPool pool(queue_.get(), o);
  Runs runs;
  std::atomic<int64_t> seen_attempt{0};
  std::string seen_payload;
  ASSERT_TRUE(pool.Register("greet",
                            [&](const Job& j, JobContext& ctx) {
                              EXPECT_FALSE(ctx.cancelled());
                              seen_attempt = j.attempts;
                              seen_payload = j.payload_json;
                              runs.Add(j.id);
                              return Status::Ok();
                            })
                  .ok());
  EXPECT_EQ(pool.Register("greet", [](const Job&, JobContext&) { return Status::Ok(); }).code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE(pool.Start().ok());
  EXPECT_EQ(pool.Start().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(pool.Register("late", [](const Job&, JobContext&) { return Status::Ok(); }).code(),
            StatusCode::kFailedPrecondition);
  // Let both workers go idle on their long poll first.
  ASSERT_TRUE(WaitFor([&] { return pool.Snapshot().lease_passes >= 2; }));

  int64_t id = MustEnqueue({.kind = "greet", .payload_json = R"({"name":"پل"})"});
  ASSERT_TRUE(WaitFor([&] { return StateIs(id, kDone); }));
  ASSERT_TRUE(pool.Stop());
  EXPECT_EQ(runs.Of(id), 1);
  EXPECT_EQ(seen_attempt, 1);
  EXPECT_EQ(seen_payload, R"({"name":"پل"})");
  Job job = MustGet(id);
  EXPECT_EQ(job.attempts, 1);
  EXPECT_FALSE(job.lease_owner.has_value());
  PoolSnapshot snap = pool.Snapshot();
  EXPECT_EQ(snap.by_kind["greet"].started, 1);
  EXPECT_EQ(snap.by_kind["greet"].succeeded, 1);
  EXPECT_EQ(snap.by_kind["greet"].failed, 0);
  EXPECT_EQ(snap.running, 0);
  EXPECT_TRUE(snap.stopping);
}

TEST_F(JobsTest, FailureIsRetriedAfterTheBackoff) {
  WorkerPoolOptions o = FastOptions();
  o.jitter = [] { return 0.5; };  // attempt 1: half of the 1 s base → 500 ms
  WorkerPool pool(queue_.get(), o);
  Runs runs;
  ASSERT_TRUE(pool.Register("flaky",
                            [&](const Job& j, JobContext&) -> Status {
                              runs.Add(j.id);
                              if (j.attempts == 1) return Unavailable("سرور پیام در دسترس نیست");
                              return Status::Ok();
                            })
                  .ok());
  const int64_t t0 = env_.NowMillis();
  int64_t id = MustEnqueue({.kind = "flaky"});
  ASSERT_TRUE(pool.Start().ok());

  ASSERT_TRUE(WaitFor([&] { return pool.Snapshot().by_kind["flaky"].retried == 1; }));
  Job job = MustGet(id);
  EXPECT_EQ(job.state, kReady);
  EXPECT_EQ(job.attempts, 1);
  EXPECT_EQ(job.run_at, t0 + 500);
  EXPECT_NE(job.last_error.find("سرور پیام در دسترس نیست"), std::string::npos) << job.last_error;

  // Just before run_at: the workers poll but leave it alone.
  env_.Advance(499);
  ASSERT_TRUE(WaitForTwoPolls(pool));
  EXPECT_EQ(runs.Of(id), 1);
  EXPECT_TRUE(StateIs(id, kReady));

  env_.Advance(1);
  pool.Notify();
  ASSERT_TRUE(WaitFor([&] { return StateIs(id, kDone); }));
  ASSERT_TRUE(pool.Stop());
  EXPECT_EQ(runs.Of(id), 2);
  EXPECT_EQ(MustGet(id).attempts, 2);
  PoolSnapshot snap = pool.Snapshot();
  EXPECT_EQ(snap.by_kind["flaky"].failed, 1);
  EXPECT_EQ(snap.by_kind["flaky"].succeeded, 1);
}

TEST_F(JobsTest, MaxAttemptsThenDeadWithTheError) {
  WorkerPoolOptions o = FastOptions();
  o.jitter = [] { return 0.0; };  // retry at once (the clock is frozen)
  WorkerPool pool(queue_.get(), o);
  Runs runs;
  ASSERT_TRUE(pool.Register("doomed",
                            [&](const Job& j, JobContext&) -> Status {
                              runs.Add(j.id);
                              return Internal("smtp 554 on attempt " + std::to_string(j.attempts));
                            })
                  .ok());
  ASSERT_TRUE(pool.Register("throws",
                            [&](const Job& j, JobContext&) -> Status {
                              runs.Add(j.id);
                              throw std::runtime_error("bad payload shape");
                            })
                  .ok());
  ASSERT_TRUE(pool.Register("permanent",
                            [&](const Job& j, JobContext&) -> Status {
                              runs.Add(j.id);
                              return PermanentError("news 42 was deleted");
                            })
                  .ok());
  int64_t doomed = MustEnqueue({.kind = "doomed", .max_attempts = 3});
  int64_t throws = MustEnqueue({.kind = "throws", .max_attempts = 2});
  int64_t permanent = MustEnqueue({.kind = "permanent", .max_attempts = 5});
  int64_t unknown = MustEnqueue({.kind = "nobody.handles.this"});
  ASSERT_TRUE(pool.Start().ok());
  ASSERT_TRUE(WaitFor([&] { return CountInState(kDead) == 4; }));
  ASSERT_TRUE(pool.Stop());

  Job j = MustGet(doomed);
  EXPECT_EQ(j.attempts, 3);
  EXPECT_NE(j.last_error.find("smtp 554 on attempt 3"), std::string::npos) << j.last_error;
  EXPECT_EQ(runs.Of(doomed), 3);

  j = MustGet(throws);
  EXPECT_EQ(j.attempts, 2);
  EXPECT_NE(j.last_error.find("handler threw: bad payload shape"), std::string::npos) << j.last_error;
  EXPECT_EQ(runs.Of(throws), 2);

  j = MustGet(permanent);
  EXPECT_EQ(j.attempts, 1) << "a permanent error is not retried";
  EXPECT_NE(j.last_error.find("news 42 was deleted"), std::string::npos) << j.last_error;

  j = MustGet(unknown);
  EXPECT_EQ(j.attempts, 1);
  EXPECT_NE(j.last_error.find("no handler registered for job kind 'nobody.handles.this'"), std::string::npos)
      << j.last_error;
  EXPECT_EQ(runs.Of(unknown), 0);

  PoolSnapshot snap = pool.Snapshot();
  EXPECT_EQ(snap.by_kind["doomed"].failed, 3);
  EXPECT_EQ(snap.by_kind["doomed"].retried, 2);
  EXPECT_EQ(snap.by_kind["doomed"].dead, 1);
  EXPECT_EQ(snap.by_kind["throws"].dead, 1);
  EXPECT_EQ(snap.by_kind["permanent"].dead, 1);
  EXPECT_EQ(snap.by_kind["nobody.handles.this"].dead, 1);
  EXPECT_EQ(snap.by_kind["nobody.handles.this"].started, 0);

  // A person fixes the cause and retries the dead job: fresh attempts.
  ASSERT_TRUE(queue_->Retry(unknown).ok());
  j = MustGet(unknown);
  EXPECT_EQ(j.state, kReady);
  EXPECT_EQ(j.attempts, 0);
}

TEST_F(JobsTest, TwoPoolsOnOneDatabaseNeverRunAJobTwiceOrConcurrently) {
  // Two handles on the file and the real clock: as two `pol serve` processes would.
  std::unique_ptr<store::Database> db2 = Open();
  ASSERT_NE(db2, nullptr);
  Queue q1(db_.get(), Env::Default());
  Queue q2(db2.get(), Env::Default());
  constexpr int kJobs = 150;
  std::vector<int64_t> ids;
  for (int i = 0; i < kJobs; ++i) {
    auto id = (i % 2 ? q1 : q2).Enqueue({.queue = i % 3 ? "default" : "reports", .kind = "work"});
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    ids.push_back(*id);
  }

  std::mutex mu;
  std::set<int64_t> running;
  std::atomic<bool> overlap{false};
  Runs runs;
  auto handler = [&](const Job& j, JobContext&) -> Status {
    {
      std::lock_guard lock(mu);
      if (!running.insert(j.id).second) overlap = true;
    }
    runs.Add(j.id);
    std::this_thread::yield();
    {
      std::lock_guard lock(mu);
      running.erase(j.id);
    }
    return Status::Ok();
  };
  WorkerPoolOptions o = FastOptions();
  o.queues = {"default", "reports"};
  o.batch_size = 3;
  WorkerPool p1(&q1, o);
  WorkerPool p2(&q2, o);
  ASSERT_NE(p1.owner_id(), p2.owner_id());
  ASSERT_TRUE(p1.Register("work", handler).ok());
  ASSERT_TRUE(p2.Register("work", handler).ok());
  ASSERT_TRUE(p1.Start().ok());
  ASSERT_TRUE(p2.Start().ok());
  ASSERT_TRUE(WaitFor([&] { return runs.Total() >= kJobs && CountInState(kDone) == kJobs; }))
      << runs.Total() << " runs";
  ASSERT_TRUE(p1.Stop());
  ASSERT_TRUE(p2.Stop());
  EXPECT_FALSE(overlap);
  for (int64_t id : ids) EXPECT_EQ(runs.Of(id), 1) << "job " << id;
  EXPECT_EQ(runs.Total(), kJobs);
  const int64_t done1 = p1.Snapshot().by_kind["work"].succeeded,
                done2 = p2.Snapshot().by_kind["work"].succeeded;
  EXPECT_EQ(done1 + done2, kJobs);
  EXPECT_EQ(p1.Snapshot().by_kind["work"].lost + p2.Snapshot().by_kind["work"].lost, 0);
}

TEST_F(JobsTest, AfterACrashAndAStopANewPoolFinishesEveryJobExactlyOnce) {
  constexpr int kJobs = 20;
  std::vector<int64_t> ids;
  for (int i = 0; i < kJobs; ++i) ids.push_back(MustEnqueue({.kind = "step", .max_attempts = 3}));

  // A process leased five jobs and died (kill -9): nobody completes them, their leases just expire.
  auto crash = [&](store::Conn& c) {
    return store::LeaseJobs(c, kDefaultQueue, "crashed@host:1:dead/1", env_.NowMillis(), 60000, 5).status();
  };
  ASSERT_TRUE(db_->Write(crash).ok());

  Runs runs;
  Gate gate;
  std::atomic<int> blocked{0};
  WorkerPoolOptions o = FastOptions();
  o.batch_size = 4;
  auto first = std::make_unique<WorkerPool>(queue_.get(), o);
  OpenAtExit open_at_exit(gate);
  // From the third job on, handlers hold until Stop() is under way.
  auto step = [&](const Job& j, JobContext&) {
    runs.Add(j.id);
    if (runs.Total() >= 3) {
      ++blocked;
      gate.Wait();
    }
    return Status::Ok();
  };
  ASSERT_TRUE(first->Register("step", step).ok());
  ASSERT_TRUE(first->Start().ok());
  ASSERT_TRUE(WaitFor([&] { return blocked == 2; }));  // both workers busy mid-run
  std::thread stopper([&] { EXPECT_TRUE(first->Stop()); });
  EXPECT_TRUE(WaitFor([&] { return first->Snapshot().stopping; }));
  gate.Open();
  stopper.join();
  const int first_runs = runs.Total();
  EXPECT_EQ(first_runs, 4);
  EXPECT_EQ(first->Snapshot().by_kind["step"].succeeded, 4) << "in-flight handlers finished and recorded";
  first.reset();
  EXPECT_EQ(CountInState(kDone), 4);
  EXPECT_EQ(CountInState(kLeased), 5) << "only the crashed process's leases remain; ours were given back";

  // Later, a new process starts. The crashed leases are still valid, so it does the rest first.
  WorkerPool second(queue_.get(), FastOptions());
  ASSERT_TRUE(second
                  .Register("step",
                            [&](const Job& j, JobContext&) {
                              runs.Add(j.id);
                              return Status::Ok();
                            })
                  .ok());
  ASSERT_TRUE(second.Start().ok());
  ASSERT_TRUE(WaitFor([&] { return CountInState(kDone) == kJobs - 5; }));
  EXPECT_EQ(CountInState(kLeased), 5);
  // Once the crashed leases expire, the new pool takes them over.
  env_.Advance(60001);
  second.Notify();
  ASSERT_TRUE(WaitFor([&] { return CountInState(kDone) == kJobs; }));
  ASSERT_TRUE(second.Stop());
  for (int64_t id : ids) EXPECT_EQ(runs.Of(id), 1) << "job " << id;
  int taken_over = 0;
  for (int64_t id : ids) {
    Job j = MustGet(id);
    EXPECT_EQ(j.state, kDone);
    if (j.attempts == 2) {
      ++taken_over;  // one lease by the crashed process, one by the new pool
    } else {
      EXPECT_EQ(j.attempts, 1) << "job " << id;
    }
  }
  EXPECT_EQ(taken_over, 5);
}

TEST_F(JobsTest, AJobAbandonedMoreThanMaxAttemptsTimesIsBuriedWithoutRunning) {
  int64_t id = MustEnqueue({.kind = "poison", .max_attempts = 2});
  for (int i = 0; i < 2; ++i) {  // it crashed its process twice
    ASSERT_TRUE(db_->Write([&](store::Conn& c) {
                     return store::LeaseJobs(c, kDefaultQueue, "crashed/" + std::to_string(i),
                                             env_.NowMillis(), 1000, 1)
                         .status();
                   })
                    .ok());
    env_.Advance(1001);
  }
  Runs runs;
  WorkerPool pool(queue_.get(), FastOptions());
  ASSERT_TRUE(pool.Register("poison",
                            [&](const Job& j, JobContext&) {
                              runs.Add(j.id);
                              return Status::Ok();
                            })
                  .ok());
  ASSERT_TRUE(pool.Start().ok());
  ASSERT_TRUE(WaitFor([&] { return StateIs(id, kDead); }));
  ASSERT_TRUE(pool.Stop());
  EXPECT_EQ(runs.Of(id), 0);
  EXPECT_NE(MustGet(id).last_error.find("abandoned"), std::string::npos) << MustGet(id).last_error;
}

TEST_F(JobsTest, StopIsGraceful) {
  int64_t a = MustEnqueue({.kind = "slow"});
  int64_t b = MustEnqueue({.kind = "slow"});
  int64_t c = MustEnqueue({.kind = "slow"});
  WorkerPool pool(queue_.get(), FastOptions());  // two workers
  Runs runs;
  std::atomic<int> saw_stopping{0};
  ASSERT_TRUE(pool.Register("slow",
                            [&](const Job& j, JobContext& ctx) {
                              runs.Add(j.id);
                              // Finish only once Stop() has begun: Stop() must wait for us.
                              while (!ctx.stopping())
                                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                              ++saw_stopping;
                              return Status::Ok();
                            })
                  .ok());
  ASSERT_TRUE(pool.Start().ok());
  ASSERT_TRUE(WaitFor([&] { return runs.Total() == 2 && pool.Snapshot().running == 2; }));
  EXPECT_EQ(runs.Of(c), 0) << "busy workers lease nothing";
  EXPECT_TRUE(StateIs(c, kReady));

  ASSERT_TRUE(pool.Stop());
  EXPECT_EQ(saw_stopping, 2);
  EXPECT_TRUE(StateIs(a, kDone)) << "the running handlers finished and were recorded";
  EXPECT_TRUE(StateIs(b, kDone));
  Job w = MustGet(c);
  EXPECT_EQ(w.state, kReady) << "nothing new was leased after Stop()";
  EXPECT_EQ(w.attempts, 0);
  EXPECT_FALSE(w.lease_owner.has_value());
  EXPECT_EQ(runs.Total(), 2);
  EXPECT_TRUE(pool.Stop()) << "idempotent";
}

TEST_F(JobsTest, StopReturnsFalseAtTheDeadlineWhileAHandlerIgnoresIt) {
  int64_t id = MustEnqueue({.kind = "stubborn"});
  Gate gate;
  std::atomic<bool> started{false};
  auto pool = std::make_unique<WorkerPool>(queue_.get(), FastOptions());
  OpenAtExit open_at_exit(gate);
  ASSERT_TRUE(pool->Register("stubborn",
                             [&](const Job&, JobContext&) {
                               started = true;
                               gate.Wait();
                               return Status::Ok();
                             })
                  .ok());
  ASSERT_TRUE(pool->Start().ok());
  ASSERT_TRUE(WaitFor([&] { return started.load(); }));
  EXPECT_FALSE(pool->Stop(20));
  EXPECT_TRUE(StateIs(id, kLeased)) << "still running, still leased";
  gate.Open();
  pool.reset();  // the destructor waits for the handler
  EXPECT_TRUE(StateIs(id, kDone));
}

TEST_F(JobsTest, TheKeeperRenewsTheLeaseOfALongHandler) {
  int64_t id = MustEnqueue({.kind = "long"});
  WorkerPoolOptions o = FastOptions();
  o.lease_ms = 1000;
  o.renew_interval_ms = 5;
  Gate gate;
  WorkerPool pool(queue_.get(), o);
  OpenAtExit open_at_exit(gate);
  std::atomic<bool> started{false}, lost{false};
  ASSERT_TRUE(pool.Register("long",
                            [&](const Job&, JobContext& ctx) {
                              started = true;
                              gate.Wait();
                              lost = ctx.lease_lost();
                              return Status::Ok();
                            })
                  .ok());
  ASSERT_TRUE(pool.Start().ok());
  ASSERT_TRUE(WaitFor([&] { return started.load(); }));

  // Another process polls the whole time; it must never get the job.
  std::unique_ptr<store::Database> db2 = Open();
  Queue q2(db2.get(), &env_);
  WorkerPool other(&q2, FastOptions());
  Runs other_runs;
  ASSERT_TRUE(other
                  .Register("long",
                            [&](const Job& j, JobContext&) {
                              other_runs.Add(j.id);
                              return Status::Ok();
                            })
                  .ok());
  ASSERT_TRUE(other.Start().ok());

  for (int i = 0; i < 5; ++i) {  // five lease lengths pass in steps of 600 ms
    const int64_t before = *MustGet(id).lease_until;
    env_.Advance(600);  // 400 ms left: under half the lease, so the keeper renews
    ASSERT_TRUE(WaitFor([&] { return MustGet(id).lease_until.value_or(0) > before; })) << "step " << i;
    ASSERT_TRUE(WaitForTwoPolls(other));
  }
  gate.Open();
  ASSERT_TRUE(WaitFor([&] { return StateIs(id, kDone); }));
  ASSERT_TRUE(pool.Stop());
  ASSERT_TRUE(other.Stop());
  EXPECT_FALSE(lost);
  EXPECT_EQ(other_runs.Total(), 0);
  EXPECT_GE(pool.Snapshot().renewals, 5);
  EXPECT_EQ(pool.Snapshot().by_kind["long"].succeeded, 1);
}

TEST_F(JobsTest, ALostLeaseIsNeverCompletedByItsFormerHolder) {
  int64_t id = MustEnqueue({.kind = "stall"});
  WorkerPoolOptions o = FastOptions();
  o.lease_ms = 1000;
  o.renew_interval_ms = 5;
  WorkerPool pool(queue_.get(), o);
  std::atomic<bool> started{false}, saw_lost{false};
  ASSERT_TRUE(pool.Register("stall",
                            [&](const Job&, JobContext& ctx) {
                              started = true;
                              const auto deadline = std::chrono::steady_clock::now() + kTimeout;
                              while (!ctx.lease_lost() && std::chrono::steady_clock::now() < deadline) {
                                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                              }
                              saw_lost = ctx.lease_lost();
                              return Status::Ok();  // too late: the outcome must be dropped
                            })
                  .ok());
  ASSERT_TRUE(pool.Start().ok());
  ASSERT_TRUE(WaitFor([&] { return started.load(); }));

  // The process stalls past its lease and another process takes the job over. Both happen inside one
  // write transaction, so the keeper (which writes through the same database) cannot renew in between.
  std::vector<store::JobRow> taken;
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   env_.Advance(1000);
                   POL_ASSIGN_OR_RETURN(
                       taken, store::LeaseJobs(c, kDefaultQueue, "thief", env_.NowMillis(), 60000, 1));
                   return Status::Ok();
                 })
                  .ok());
  ASSERT_EQ(taken.size(), 1u);
  ASSERT_TRUE(WaitFor([&] { return pool.Snapshot().by_kind["stall"].lost == 1; }));
  ASSERT_TRUE(pool.Stop());
  EXPECT_TRUE(saw_lost) << "the handler could see that its lease was gone";
  Job j = MustGet(id);
  EXPECT_EQ(j.state, kLeased) << "the former holder did not complete it";
  EXPECT_EQ(j.lease_owner.value_or(""), "thief");
  EXPECT_EQ(pool.Snapshot().by_kind["stall"].succeeded, 0);
  EXPECT_TRUE(
      db_->Write([&](store::Conn& c) { return store::CompleteJob(c, id, "thief", env_.NowMillis()); }).ok());
}

}  // namespace
}  // namespace pol::jobs
