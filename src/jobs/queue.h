// The durable job queue: work that must happen eventually, survive restarts and crashes, and be retried
// when it fails (distribution of news to agencies, monitoring, reports).
//
// A job is a row in the store's `jobs` table (SQL in store/job_repo.cc):
//   ready ──lease──▶ leased ──handler OK──▶ done
//     ▲                │ handler error, attempts left: back to ready at now + backoff
//     │                │ handler error, no attempts left / unknown kind / permanent error: dead
//     │                │ lease expired (process crashed, or paused too long): another worker takes it over
//     └── Retry(id) ── dead, cancelled ◀── Cancel(id) ── ready
// Delivery is at-least-once: a job can run again after its worker lost the lease (crash, kill -9,
// a stall longer than the lease), so handlers must be idempotent. While its process is alive a worker
// keeps renewing its leases, so two workers never run one job at the same time in normal operation.
//
// Producers use Queue: Enqueue() in its own transaction, or EnqueueIn() inside the caller's write
// transaction so that a capability's row and its job commit together or not at all (the outbox pattern).
// Consumers are jobs::WorkerPool (worker_pool.h).
//
// Thread-safety: Queue is thread-safe. Its methods block on the database: never call them on a network
// (io_context) thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/env.h"
#include "base/mutex.h"
#include "base/status.h"
#include "store/db.h"
#include "store/job_repo.h"

namespace pol::jobs {

inline constexpr char kDefaultQueue[] = "default";

// Job states as stored.
inline constexpr char kReady[] = "ready";
inline constexpr char kLeased[] = "leased";
inline constexpr char kDone[] = "done";
inline constexpr char kDead[] = "dead";
inline constexpr char kCancelled[] = "cancelled";

struct JobSpec {
  std::string queue = kDefaultQueue;
  std::string kind;                 // selects the handler, e.g. "news.distribute"
  std::string payload_json = "{}";  // must be valid JSON
  std::optional<int64_t> run_at;    // unix ms; default: now
  int64_t max_attempts = 8;         // handler runs before the job is dead (>= 1)
  // Idempotency key: while a job with this key exists (in any state, until purged), enqueueing another
  // returns the existing job's id and adds nothing.
  std::optional<std::string> dedup_key;
};

struct Job {
  int64_t id = 0;
  std::string queue, kind, payload_json;
  std::optional<std::string> dedup_key;
  std::string state;
  int64_t run_at = 0;
  int64_t attempts = 0;  // leases so far; while a handler runs, the number of the current attempt (1-based)
  int64_t max_attempts = 0;
  std::optional<std::string> lease_owner;
  std::optional<int64_t> lease_until;
  std::string last_error;
  int64_t created_at = 0, updated_at = 0;
};

// Converts a stored row (for WorkerPool and tests).
Job JobFromStore(store::JobRow row);

struct QueueDepth {
  std::string queue, state;
  int64_t count = 0;
  int64_t oldest_run_at = 0;  // for 'ready': the most overdue job's run_at (lag = now - oldest_run_at)
};

struct ListOptions {
  std::optional<std::string> queue, state, kind;
  std::optional<int64_t> before_id;  // pagination: pass the last id of the previous page
  int64_t limit = 50;                // 1..500
};

class Queue {
 public:
  // `db` and `env` must outlive the Queue.
  Queue(store::Database* db, Env* env);
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;

  // Validates and inserts the job in its own transaction, then wakes this process's workers.
  // Returns the job id (the existing job's id for a known dedup_key).
  StatusOr<int64_t> Enqueue(const JobSpec& spec);
  // Inserts the job inside the caller's write transaction `c` (from Database::Write). The job exists
  // only if that transaction commits; call Notify() after the commit for prompt pickup (otherwise the
  // next poll, within WorkerPoolOptions::poll_interval_ms, finds it).
  StatusOr<int64_t> EnqueueIn(store::Conn& c, const JobSpec& spec);

  // Gives a dead or cancelled job a fresh attempt budget and makes it ready now.
  // NotFound when there is no dead or cancelled job with this id.
  Status Retry(int64_t id);
  // Cancels a ready or dead job. FailedPrecondition ("job_not_cancellable") while it runs or once done.
  Status Cancel(int64_t id);
  StatusOr<Job> Get(int64_t id);
  // Newest first, for the console.
  StatusOr<std::vector<Job>> List(const ListOptions& options);
  // Job counts per queue and state.
  StatusOr<std::vector<QueueDepth>> Stats();
  // Deletes up to `limit` done or cancelled jobs last updated more than `older_than_ms` ago; returns how
  // many. Their dedup keys become usable again.
  StatusOr<int64_t> PurgeFinished(int64_t older_than_ms, int64_t limit = 1000);

  // Wakes the idle workers of every pool of this process attached to this queue.
  void Notify();
  // Listener registry for WorkerPool. A listener runs on the thread that calls Notify() and must be quick.
  int AddListener(std::function<void()> listener);
  void RemoveListener(int token);

  store::Database* db() const { return db_; }
  Env* env() const { return env_; }

 private:
  store::Database* const db_;
  Env* const env_;
  Mutex mu_;
  int next_token_ GUARDED_BY(mu_) = 1;
  std::map<int, std::function<void()>> listeners_ GUARDED_BY(mu_);
};

}  // namespace pol::jobs
