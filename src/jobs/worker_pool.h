// WorkerPool: the threads that run jobs from the durable queue (queue.h) inside `pol serve`.
//
//   jobs::Queue queue(db, env);
//   jobs::WorkerPool pool(&queue, {.queues = {"default", "reports"}, .workers = 2});
//   pool.Register("news.distribute", [&](const jobs::Job& job, jobs::JobContext& ctx) -> Status { ... });
//   POL_RETURN_IF_ERROR(pool.Start());
//   ...                       // on SIGTERM, after the HTTP server stopped accepting:
//   pool.Stop();              // stop leasing, give back unstarted jobs, let running handlers finish
//
// How it runs. An idle worker leases a batch of due jobs (at most one per idle worker, at most
// batch_size) from the served queues under a lease token unique to that lease; the jobs it does not
// run itself go to a pool-local buffer that the other workers drain. A job's outcome is written with
// that token: Complete on OK; on error Retry at now + backoff (exponential, full jitter) or, once the
// job has used max_attempts, Bury (dead letter) with the error text; a kind without a handler and a
// PermanentError() are buried at once. Every write succeeds only while the token still holds the lease,
// so a worker that lost its lease (it stalled past lease_ms and another process took the job over)
// never double-completes: its result is dropped and counted as `lost`.
// A keeper thread renews the leases of running and buffered jobs when less than half of lease_ms
// remains, so a handler may run longer than the lease; if renewal finds the lease gone,
// JobContext::lease_lost() turns true and the handler should stop.
// A job that was leased more than max_attempts times without a recorded outcome (its process crashed
// each time) is buried without running again.
// Idle workers sleep on a condition variable for poll_interval_ms; Queue::Notify() (called by
// Queue::Enqueue) wakes them early.
//
// Time: lease times, run_at and backoff use Env::NowMillis() (a FakeEnv in tests). poll_interval_ms,
// renew_interval_ms and the Stop() timeout are real (steady-clock) durations.
//
// Thread-safety: Register() before Start(); Start(), Stop(), Notify() and Snapshot() are thread-safe.
// Handlers run on the pool's threads, several at once (one per worker), and must be thread-safe and
// idempotent (delivery is at-least-once). Never call Stop() or the destructor from a handler.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/env.h"
#include "base/mutex.h"
#include "base/status.h"
#include "jobs/backoff.h"
#include "jobs/queue.h"
#include "store/job_repo.h"

namespace pol::jobs {

struct WorkerPoolOptions {
  std::vector<std::string> queues = {kDefaultQueue};  // served in rotation
  int workers = 2;
  int batch_size = 8;               // upper bound of jobs taken by one lease query
  int64_t lease_ms = 60000;         // Env time
  int64_t poll_interval_ms = 500;   // real time: how long an idle worker sleeps between polls
  int64_t renew_interval_ms = 0;    // real time: how often the keeper looks at leases; 0 → lease_ms / 4
  int64_t stop_timeout_ms = 30000;  // real time: Stop()'s default deadline
  BackoffPolicy backoff;            // base 1 s, cap 1 h
  std::string name = "pol";         // prefix of the lease owner id, for people reading the jobs table
  // A uniform random number in [0, 1) for the jitter; default: from Env::RandomBytes. Tests pin it.
  std::function<double()> jitter;
};

// Per job kind, since Start().
struct KindCounters {
  int64_t started = 0;    // handler runs begun
  int64_t succeeded = 0;  // handler OK and recorded as done
  int64_t failed = 0;     // handler returned an error (then retried or buried)
  int64_t retried = 0;    // put back with a backoff
  int64_t dead = 0;       // buried: attempts used up, permanent error, unknown kind, abandoned too often
  int64_t lost = 0;       // the lease was lost before the outcome could be recorded
  int64_t run_nanos = 0;  // total handler wall time
};

struct PoolSnapshot {
  std::string owner_id;
  int workers = 0;
  int running = 0;   // handlers running now
  int buffered = 0;  // leased, waiting for a free worker
  bool started = false, stopping = false;
  int64_t lease_passes = 0;  // lease queries finished (successful or not)
  int64_t lease_errors = 0;  // lease queries that failed (database busy or broken)
  int64_t renewals = 0;      // leases extended by the keeper
  int64_t store_errors = 0;  // outcome, renewal or release writes that failed
  std::map<std::string, KindCounters> by_kind;
};

// What a running handler may ask of the pool. Valid only during the handler call.
class JobContext {
 public:
  // The pool is shutting down: finish soon, or return an error to have the job retried later.
  bool stopping() const { return stopping_->load(); }
  // The keeper could not renew the lease: another worker may be running this job. Stop; the outcome
  // will be discarded.
  bool lease_lost() const { return lost_->load(); }
  bool cancelled() const { return stopping() || lease_lost(); }
  Env* env() const { return env_; }

 private:
  friend class WorkerPool;
  JobContext(const std::atomic<bool>* stopping, std::shared_ptr<const std::atomic<bool>> lost, Env* env)
      : stopping_(stopping), lost_(std::move(lost)), env_(env) {}
  const std::atomic<bool>* stopping_;
  std::shared_ptr<const std::atomic<bool>> lost_;
  Env* env_;
};

using Handler = std::function<Status(const Job&, JobContext&)>;

// A handler returns PermanentError(...) when retrying cannot help (e.g. a malformed payload): the job
// is buried at once with `detail` as its error.
Status PermanentError(std::string detail);
bool IsPermanentError(const Status& status);

class WorkerPool {
 public:
  // `queue` (and its database and Env) must outlive the pool.
  explicit WorkerPool(Queue* queue, WorkerPoolOptions options = {});
  // Stops and waits for running handlers with no deadline.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Before Start(). AlreadyExists for a kind registered twice.
  Status Register(const std::string& kind, Handler handler);
  // Starts the workers and the lease keeper. A pool starts once.
  Status Start();
  // Graceful stop: no more leasing; leased but unstarted jobs go back to the queue; waits up to
  // `timeout_ms` (real time; negative: forever) for running handlers to finish and record their
  // outcome. Returns true when every thread has ended; false when handlers are still running at the
  // deadline — they keep their leases and finish later (the destructor waits for them); if the process
  // exits first, their leases expire and the jobs run again elsewhere. Idempotent.
  bool Stop();
  bool Stop(int64_t timeout_ms);
  // Wakes idle workers to poll now (Queue::Notify() calls this).
  void Notify();
  PoolSnapshot Snapshot() const;
  // Identifies this pool in lease_owner ("name@host:pid:random/seq").
  const std::string& owner_id() const { return owner_id_; }

 private:
  struct Held {
    std::string token;  // the lease owner written in the jobs row
    int64_t lease_until = 0;
    std::shared_ptr<std::atomic<bool>> lost = std::make_shared<std::atomic<bool>>(false);
  };

  void WorkerLoop();
  void KeeperLoop();
  StatusOr<std::vector<store::JobRow>> LeaseBatch(int limit);
  void RunJob(store::JobRow row);
  // What running a job came to: the handler's result (if it ran), or why to bury it.
  struct Outcome {
    Status result;
    std::optional<std::string> bury_reason;
    bool ran = false;
  };
  // Runs the job's handler, or decides to bury the job without running it (abandoned too often, or no
  // handler for its kind).
  Outcome Execute(const store::JobRow& row, const std::shared_ptr<std::atomic<bool>>& lost);
  // Writes the outcome under the job's lease (complete, retry after the backoff, or bury) and counts it.
  void RecordOutcome(const store::JobRow& row, const Outcome& o);
  // Writes an outcome with the job's current lease token; retries a busy database a few times.
  Status Record(int64_t id,
                const std::function<Status(store::Conn&, const std::string& token, int64_t now)>& w);
  void Release(const std::vector<store::JobRow>& rows);
  void Count(const std::string& kind, const std::function<void(KindCounters&)>& f);

  Queue* const queue_;
  const WorkerPoolOptions options_;
  const std::string owner_id_;
  std::atomic<int64_t> lease_seq_{0};
  std::map<std::string, Handler> handlers_;  // written before Start() only; then read without a lock
  std::atomic<bool> stopping_flag_{false};   // mirrors stopping_ for JobContext

  Mutex stop_mu_;  // serializes Start() and Stop()
  int listener_token_ GUARDED_BY(stop_mu_) = 0;
  bool joined_ GUARDED_BY(stop_mu_) = false;
  std::vector<std::thread> workers_ GUARDED_BY(stop_mu_);  // started in Start(), joined in Stop()
  std::thread keeper_ GUARDED_BY(stop_mu_);

  mutable Mutex mu_;
  CondVar cv_{&mu_};         // workers: buffer, wake-ups, stop; Stop(): workers ended
  CondVar keeper_cv_{&mu_};  // keeper: exit
  bool started_ GUARDED_BY(mu_) = false;
  bool stopping_ GUARDED_BY(mu_) = false;
  bool keeper_exit_ GUARDED_BY(mu_) = false;
  bool fetching_ GUARDED_BY(mu_) = false;  // a worker is running a lease query
  int running_ GUARDED_BY(mu_) = 0;
  int active_workers_ GUARDED_BY(mu_) = 0;            // worker threads not yet ended
  uint64_t wake_seq_ GUARDED_BY(mu_) = 0;             // bumped by Notify()
  size_t next_queue_ GUARDED_BY(mu_) = 0;             // rotation over options_.queues
  std::deque<store::JobRow> buffer_ GUARDED_BY(mu_);  // leased, not started
  std::map<int64_t, Held> held_ GUARDED_BY(mu_);      // every job this pool holds a lease on
  std::map<std::string, KindCounters> counters_ GUARDED_BY(mu_);
  int64_t lease_passes_ GUARDED_BY(mu_) = 0;
  int64_t lease_errors_ GUARDED_BY(mu_) = 0;
  int64_t renewals_ GUARDED_BY(mu_) = 0;
  int64_t store_errors_ GUARDED_BY(mu_) = 0;
};

}  // namespace pol::jobs
