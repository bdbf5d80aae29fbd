// Periodic tasks: a small table of named tasks with a cadence, run one at a time by a single scheduler
// thread inside `pol serve` (housekeeping every ten minutes, monitoring's due sources every 30 s, the
// citizens' SLA check every minute). A task is usually short — it enqueues jobs on the durable queue,
// where the real work runs — so one thread is enough and tasks never overlap.
//
//   jobs::PeriodicScheduler scheduler(env);
//   scheduler.Add({.name = "ops.housekeeping", .every_ms = 10 * 60 * 1000,
//                  .fn = [&] { return ops::ScheduleHousekeeping(queue, env); }});
//   POL_RETURN_IF_ERROR(scheduler.Start());
//   ...
//   scheduler.Stop();  // wakes the thread, lets a running task finish, joins
//
// When it runs. Every task runs once right after Start(), in the order the tasks were added, and then
// `every_ms` after its previous run began. When several are due they run in the order added. A task
// that took longer than its cadence runs again at once, but never more than once to catch up. A task
// that returns an error is logged (warn, with its name) and runs again at its next slot.
//
// Once per cluster. Several `pol serve` nodes on one PostgreSQL database each run a scheduler; a task
// declared `once_per_cluster` (work that must not run on two nodes at once: scheduling fetches, the SLA
// sweep, housekeeping, the job reaper) runs only on the node holding the leader lease (jobs/leader.h),
// given with SetLeader(). The scheduler thread renews that lease every LeaderOptions::renew_every_ms; on
// the other nodes a due once-per-cluster task is skipped (counted in `skipped`) and looked at again at
// its next slot. Without a leader (one node, SQLite) every task runs. Stop() resigns the lease.
//
// Woken early. A task may name keys in `wake_on` (e.g. the models it reloads, jobs/model_reload.h);
// Wake(key) — called by a NOTIFY listener when another node changed that thing — makes every task naming
// the key due at once (it runs as soon as the thread is free; a task running then runs once more after).
// Its cadence then continues from that run. A wake-up only: the cadence stays the fallback.
//
// Time: the cadence is measured with Env::MonotonicNanos() (FakeEnv in tests, whose monotonic clock
// follows Advance()). Between looks at the clock the thread sleeps on a CondVar for at most
// `max_sleep_ms` of real time, so a test's fake clock is noticed within that bound; with the real
// clock the thread sleeps until the next task is due (capped the same way).
//
// Thread-safety: Add() before Start(). Start(), Stop() and Snapshot() are thread-safe. Tasks run on the
// scheduler's thread and must not call Stop() or the destructor. The destructor calls Stop().
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "base/env.h"
#include "base/mutex.h"
#include "base/status.h"
#include "base/thread_annotations.h"
#include "jobs/leader.h"

namespace pol::jobs {

struct PeriodicTask {
  std::string name;      // for logs and Snapshot(), e.g. "monitor.schedule"
  int64_t every_ms = 0;  // cadence, > 0
  std::function<Status()> fn;
  bool once_per_cluster = false;     // only on the leader node (see "Once per cluster")
  std::vector<std::string> wake_on;  // keys that make it due at once (see "Woken early")
};

struct PeriodicTaskStats {
  std::string name;
  int64_t every_ms = 0;
  int64_t runs = 0;      // completed runs, successful or not
  int64_t failures = 0;  // runs that returned an error
  int64_t skipped = 0;   // once-per-cluster slots left to the leader (this node did not lead)
  std::string last_error;
};

struct PeriodicOptions {
  int64_t max_sleep_ms = 1000;  // real time: the longest sleep between looks at the clock
};

class PeriodicScheduler {
 public:
  explicit PeriodicScheduler(Env* env, PeriodicOptions options = {});
  ~PeriodicScheduler();
  PeriodicScheduler(const PeriodicScheduler&) = delete;
  PeriodicScheduler& operator=(const PeriodicScheduler&) = delete;

  // Before Start(). InvalidArgument for an empty name, a cadence ≤ 0 or no function; AlreadyExists for
  // a name added twice; FailedPrecondition after Start().
  Status Add(PeriodicTask task);
  // Before Start(): the leader lease that gates once-per-cluster tasks (must outlive the scheduler).
  void SetLeader(LeaderLease* leader);
  // Starts the thread (which runs every task once at once). A scheduler starts once.
  Status Start();
  // Makes every task whose wake_on names `key` due now and wakes the thread. Thread-safe; a no-op for a
  // key no task names.
  void Wake(const std::string& key);
  // Stops the thread: no new runs; a running task finishes first. Idempotent.
  void Stop();
  std::vector<PeriodicTaskStats> Snapshot() const;

 private:
  struct Entry {
    PeriodicTask task;
    int64_t next_due_ns = 0;  // Env monotonic time; set by Start()
  };

  void Run();

  Env* const env_;
  const PeriodicOptions options_;
  mutable Mutex mu_;
  CondVar cv_{&mu_};
  std::vector<Entry> entries_ GUARDED_BY(mu_);
  LeaderLease* leader_ GUARDED_BY(mu_) = nullptr;
  int64_t next_renew_ns_ GUARDED_BY(mu_) = 0;
  std::vector<PeriodicTaskStats> stats_ GUARDED_BY(mu_);  // parallel to entries_
  bool started_ GUARDED_BY(mu_) = false;
  bool stopping_ GUARDED_BY(mu_) = false;
  Mutex thread_mu_;  // serializes Start() and Stop() around the thread
  std::thread thread_ GUARDED_BY(thread_mu_);
};

}  // namespace pol::jobs
