#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "base/fake_env.h"
#include "jobs/backoff.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "store/db.h"
#include "store/job_repo.h"
#include "store/migrations.h"
#include "store/open.h"

namespace pol::jobs {
namespace {

// Generous: the machine is shared and the build is sanitized. Waits end as soon as the condition holds.
constexpr auto kTimeout = std::chrono::seconds(60);

// Polls `pred` until it holds or kTimeout passes; returns its last value.
template <typename Pred>
bool WaitFor(Pred pred) {
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return pred();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

// A gate handlers block on until the test opens it.
class Gate {
 public:
  void Open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

// Opens a gate when the scope ends, so that a failed assertion does not leave a pool's destructor
// waiting forever for a handler blocked on the gate. Declare it after the pool.
class OpenAtExit {
 public:
  explicit OpenAtExit(Gate& gate) : gate_(gate) {}
  ~OpenAtExit() { gate_.Open(); }

 private:
  Gate& gate_;
};

// Records handler runs per job id.
class Runs {
 public:
  void Add(int64_t id) {
    std::lock_guard lock(mu_);
    ++count_[id];
  }
  int Of(int64_t id) {
    std::lock_guard lock(mu_);
    return count_.count(id) ? count_[id] : 0;
  }
  int Total() {
    std::lock_guard lock(mu_);
    int n = 0;
    for (auto& [id, c] : count_) n += c;
    return n;
  }
  std::map<int64_t, int> All() {
    std::lock_guard lock(mu_);
    return count_;
  }

 private:
  std::mutex mu_;
  std::map<int64_t, int> count_;
};

class JobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pol-jobs-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = Open();
    auto applied = db_->Migrate(store::AllMigrations());
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    queue_ = std::make_unique<Queue>(db_.get(), &env_);
  }
  void TearDown() override {
    queue_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Another handle on the same database file: a second process as far as SQLite is concerned.
  std::unique_ptr<store::Database> Open() {
    auto db = store::Open({.url = (dir_ / "pol.db").string()});
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(db).value() : nullptr;
  }

  static WorkerPoolOptions FastOptions() {
    WorkerPoolOptions o;
    o.poll_interval_ms = 10;
    return o;
  }

  int64_t MustEnqueue(JobSpec spec) {
    auto id = queue_->Enqueue(spec);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  Job MustGet(int64_t id) {
    auto job = queue_->Get(id);
    EXPECT_TRUE(job.ok()) << job.status().ToString();
    return job.ok() ? *job : Job{};
  }

  bool StateIs(int64_t id, const std::string& state) {
    auto job = queue_->Get(id);
    return job.ok() && job->state == state;
  }

  int64_t CountInState(const std::string& state) {
    auto stats = queue_->Stats();
    EXPECT_TRUE(stats.ok());
    int64_t n = 0;
    if (stats.ok()) {
      for (const auto& d : *stats) {
        if (d.state == state) n += d.count;
      }
    }
    return n;
  }

  // Waits until `pool` has finished at least two lease queries after this call, so that at least one
  // of them started after the caller's last change to the clock or the table.
  static bool WaitForTwoPolls(WorkerPool& pool) {
    const int64_t before = pool.Snapshot().lease_passes;
    pool.Notify();
    return WaitFor([&] {
      pool.Notify();
      return pool.Snapshot().lease_passes >= before + 2;
    });
  }

  std::filesystem::path dir_;
  FakeEnv env_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Queue> queue_;
};

// --- backoff ---------------------------------------------------------------------------------------

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

// --- queue -----------------------------------------------------------------------------------------

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

// --- worker pool -----------------------------------------------------------------------------------

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
