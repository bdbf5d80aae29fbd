// For the jobs tests only: waiting helpers, a gate handlers block on, a run counter, and the fixture
// with a fresh migrated database and a queue over it (shared by queue_test and worker_pool_test).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/fake_env.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "store/db.h"
#include "store/migrations.h"
#include "store/open.h"

namespace pol::jobs::testing {

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

}  // namespace pol::jobs::testing
