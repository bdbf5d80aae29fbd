// PeriodicScheduler: runs at start, cadence by the (fake) monotonic clock, errors counted, clean stop.
#include "jobs/periodic.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "base/fake_env.h"

namespace pol::jobs {
namespace {

using std::chrono::milliseconds;

// Polls `pred` (real time) for up to five seconds.
bool Eventually(const std::function<bool()>& pred) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(milliseconds(1));
  }
  return pred();
}

int64_t Runs(const PeriodicScheduler& s, const std::string& name) {
  for (const auto& t : s.Snapshot()) {
    if (t.name == name) return t.runs;
  }
  return -1;
}

class Log {
 public:
  void Add(const std::string& s) {
    MutexLock lock(&mu_);
    items_.push_back(s);
  }
  std::vector<std::string> items() {
    MutexLock lock(&mu_);
    return items_;
  }

 private:
  Mutex mu_;
  std::vector<std::string> items_ GUARDED_BY(mu_);
};

TEST(PeriodicTest, RunsEveryTaskOnceAtStartInOrder) {
  FakeEnv env;
  Log log;
  PeriodicScheduler s(&env, {.max_sleep_ms = 2});
  for (std::string name : {"c", "a", "b"}) {
    ASSERT_TRUE(s.Add({.name = name,
                       .every_ms = 1000,
                       .fn =
                           [&log, name] {
                             log.Add(name);
                             return Status::Ok();
                           }})
                    .ok());
  }
  ASSERT_TRUE(s.Start().ok());
  ASSERT_TRUE(Eventually([&] { return log.items().size() == 3; }));
  EXPECT_EQ(log.items(), (std::vector<std::string>{"c", "a", "b"}));
  // The clock does not move: nothing runs again.
  std::this_thread::sleep_for(milliseconds(30));
  EXPECT_EQ(log.items().size(), 3u);
  s.Stop();
}

// Wake(key): another node changed what a task reloads (NOTIFY): the tasks naming the key run at once —
// the fake clock does not move — and only they; a key no task names changes nothing.
TEST(PeriodicTest, WakeRunsTheTasksNamingTheKeyAtOnce) {
  FakeEnv env;
  PeriodicScheduler s(&env, {.max_sleep_ms = 1000});  // the thread sleeps long: Wake must signal it
  auto ok = [] { return Status::Ok(); };
  ASSERT_TRUE(
      s.Add({.name = "tone", .every_ms = 60000, .fn = ok, .wake_on = {"monitor.tone", "monitor.mentions"}})
          .ok());
  ASSERT_TRUE(s.Add({.name = "routing", .every_ms = 60000, .fn = ok, .wake_on = {"citizen.routing"}}).ok());
  ASSERT_TRUE(s.Add({.name = "plain", .every_ms = 60000, .fn = ok}).ok());
  ASSERT_TRUE(s.Start().ok());
  ASSERT_TRUE(
      Eventually([&] { return Runs(s, "plain") == 1 && Runs(s, "tone") == 1 && Runs(s, "routing") == 1; }));
  s.Wake("monitor.mentions");
  ASSERT_TRUE(Eventually([&] { return Runs(s, "tone") == 2; }));
  const auto woke = std::chrono::steady_clock::now();
  s.Wake("citizen.routing");
  ASSERT_TRUE(Eventually([&] { return Runs(s, "routing") == 2; }));
  EXPECT_LT(std::chrono::steady_clock::now() - woke, milliseconds(500)) << "not after the thread's 1 s sleep";
  s.Wake("nobody.reloads.this");
  std::this_thread::sleep_for(milliseconds(30));
  EXPECT_EQ(Runs(s, "plain"), 1);
  EXPECT_EQ(Runs(s, "tone"), 2);
  EXPECT_EQ(Runs(s, "routing"), 2);
  s.Stop();
}

TEST(PeriodicTest, FollowsEachCadenceOnTheFakeClock) {
  // serve's table: monitoring every 30 s, the SLA check every minute, housekeeping every ten minutes.
  FakeEnv env;
  PeriodicScheduler s(&env, {.max_sleep_ms = 2});
  for (auto [name, every] : {std::pair{"monitor", 30000}, {"sla", 60000}, {"housekeeping", 600000}}) {
    ASSERT_TRUE(s.Add({.name = name, .every_ms = every, .fn = [] { return Status::Ok(); }}).ok());
  }
  ASSERT_TRUE(s.Start().ok());
  for (int step = 0; step <= 40; ++step) {  // 20 minutes in 30 s steps
    if (step > 0) env.Advance(30000);
    const int64_t want_monitor = 1 + step, want_sla = 1 + step / 2, want_hk = 1 + step / 20;
    ASSERT_TRUE(Eventually([&] {
      return Runs(s, "monitor") == want_monitor && Runs(s, "sla") == want_sla &&
             Runs(s, "housekeeping") == want_hk;
    })) << "step "
        << step << ": monitor " << Runs(s, "monitor") << " sla " << Runs(s, "sla") << " housekeeping "
        << Runs(s, "housekeeping");
  }
  // Just before the next slot nothing more runs.
  env.Advance(29999);
  std::this_thread::sleep_for(milliseconds(30));
  EXPECT_EQ(Runs(s, "monitor"), 41);
  EXPECT_EQ(Runs(s, "sla"), 21);
  EXPECT_EQ(Runs(s, "housekeeping"), 3);
  s.Stop();
}

TEST(PeriodicTest, CountsFailuresAndRunsAgainAtTheNextSlot) {
  FakeEnv env;
  std::atomic<int> calls{0};
  PeriodicScheduler s(&env, {.max_sleep_ms = 2});
  ASSERT_TRUE(s.Add({.name = "flaky",
                     .every_ms = 1000,
                     .fn = [&] { return ++calls == 1 ? Unavailable("down") : Status::Ok(); }})
                  .ok());
  ASSERT_TRUE(s.Start().ok());
  ASSERT_TRUE(Eventually([&] { return Runs(s, "flaky") == 1; }));
  env.Advance(999);
  std::this_thread::sleep_for(milliseconds(20));
  EXPECT_EQ(Runs(s, "flaky"), 1);  // the failure did not make it run early
  env.Advance(1);
  ASSERT_TRUE(Eventually([&] { return Runs(s, "flaky") == 2; }));
  auto stats = s.Snapshot();
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].failures, 1);
  EXPECT_NE(stats[0].last_error.find("down"), std::string::npos);
  s.Stop();
}

TEST(PeriodicTest, AnOverrunningTaskCatchesUpOnceNotRepeatedly) {
  FakeEnv env;
  std::atomic<int> calls{0};
  PeriodicScheduler s(&env, {.max_sleep_ms = 2});
  ASSERT_TRUE(s.Add({.name = "slow",
                     .every_ms = 1000,
                     .fn =
                         [&] {
                           if (++calls == 1) env.Advance(5000);  // the first run takes five cadences
                           return Status::Ok();
                         }})
                  .ok());
  ASSERT_TRUE(s.Start().ok());
  ASSERT_TRUE(Eventually([&] { return Runs(s, "slow") == 2; }));
  std::this_thread::sleep_for(milliseconds(30));
  EXPECT_EQ(Runs(s, "slow"), 2);
  s.Stop();
}

TEST(PeriodicTest, StopWakesTheSleeperAndWaitsForARunningTask) {
  // Real clock, long cadence, long sleeps: Stop() must not wait for the next slot.
  PeriodicScheduler idle(Env::Default(), {.max_sleep_ms = 60000});
  ASSERT_TRUE(idle.Add({.name = "once", .every_ms = 3600000, .fn = [] { return Status::Ok(); }}).ok());
  ASSERT_TRUE(idle.Start().ok());
  ASSERT_TRUE(Eventually([&] { return Runs(idle, "once") == 1; }));
  auto t0 = std::chrono::steady_clock::now();
  idle.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, milliseconds(1000));

  // A task running when Stop() is called finishes first.
  std::atomic<bool> started{false}, finished{false};
  PeriodicScheduler busy(Env::Default());
  ASSERT_TRUE(busy.Add({.name = "busy",
                        .every_ms = 3600000,
                        .fn =
                            [&] {
                              started = true;
                              std::this_thread::sleep_for(milliseconds(100));
                              finished = true;
                              return Status::Ok();
                            }})
                  .ok());
  ASSERT_TRUE(busy.Start().ok());
  ASSERT_TRUE(Eventually([&] { return started.load(); }));
  busy.Stop();
  EXPECT_TRUE(finished.load());
  EXPECT_EQ(Runs(busy, "busy"), 1);
  busy.Stop();  // idempotent
}

TEST(PeriodicTest, RefusesBadTasksAndLateAdds) {
  FakeEnv env;
  PeriodicScheduler s(&env);
  auto ok = [] { return Status::Ok(); };
  EXPECT_EQ(s.Add({.name = "", .every_ms = 1, .fn = ok}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.Add({.name = "x", .every_ms = 0, .fn = ok}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.Add({.name = "x", .every_ms = 1}).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(s.Add({.name = "x", .every_ms = 1000, .fn = ok}).ok());
  EXPECT_EQ(s.Add({.name = "x", .every_ms = 1000, .fn = ok}).code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(s.Start().ok());
  EXPECT_EQ(s.Add({.name = "y", .every_ms = 1000, .fn = ok}).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.Start().code(), StatusCode::kFailedPrecondition);
}

TEST(PeriodicTest, StopWithoutStartAndEmptyTable) {
  FakeEnv env;
  { PeriodicScheduler never(&env); }  // destructor without Start()
  PeriodicScheduler empty(&env, {.max_sleep_ms = 2});
  ASSERT_TRUE(empty.Start().ok());
  std::this_thread::sleep_for(milliseconds(10));
  empty.Stop();
  EXPECT_TRUE(empty.Snapshot().empty());
}

}  // namespace
}  // namespace pol::jobs
