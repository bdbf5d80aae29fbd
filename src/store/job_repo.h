// SQL for the durable job queue (see jobs/queue.h for the semantics).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct JobRow {
  int64_t id = 0;
  std::string queue, kind, payload;
  std::optional<std::string> dedup_key;
  std::string state;  // ready | leased | done | dead
  int64_t run_at = 0, attempts = 0, max_attempts = 8;
  std::optional<std::string> lease_owner;
  std::optional<int64_t> lease_until;
  std::string last_error;
  int64_t created_at = 0, updated_at = 0;
};

// Inserts a job; with a dedup_key that already exists (in any state), returns the existing id.
StatusOr<int64_t> InsertJob(Conn& c, const JobRow& j);
// Leases up to `limit` runnable jobs (ready and due, or leased with an expired lease).
StatusOr<std::vector<JobRow>> LeaseJobs(Conn& c, const std::string& queue, const std::string& owner,
                                        int64_t now, int64_t lease_ms, int64_t limit);
// These succeed only while `owner` still holds the lease; NotFound otherwise.
Status CompleteJob(Conn& c, int64_t id, const std::string& owner, int64_t now);
Status RetryJob(Conn& c, int64_t id, const std::string& owner, int64_t run_at, const std::string& error,
                int64_t now);
Status BuryJob(Conn& c, int64_t id, const std::string& owner, const std::string& error, int64_t now);
StatusOr<JobRow> GetJob(Conn& c, int64_t id);
// Moves a dead or cancelled job back to ready with a fresh attempt budget (a person's "retry").
Status ReviveJob(Conn& c, int64_t id, int64_t now);
StatusOr<std::vector<std::pair<std::string, int64_t>>> CountJobsByState(Conn& c);

// Pushes the lease of a job the owner still holds to `lease_until`; NotFound when the lease was lost.
Status ExtendJobLease(Conn& c, int64_t id, const std::string& owner, int64_t lease_until, int64_t now);
// Gives a leased job back unstarted (graceful shutdown): ready again, the attempt it was charged undone.
// NotFound when the owner no longer holds the lease.
Status ReleaseJob(Conn& c, int64_t id, const std::string& owner, int64_t now);
// Moves a ready or dead job to 'cancelled'. NotFound when there is no such job; FailedPrecondition
// ("job_not_cancellable") when it is leased (running), done or already cancelled.
Status CancelJob(Conn& c, int64_t id, int64_t now);

struct JobFilter {
  std::optional<std::string> queue, state, kind;
  std::optional<int64_t> before_id;  // keyset pagination: ids below this one
  int64_t limit = 50;
};
// Newest first.
StatusOr<std::vector<JobRow>> ListJobs(Conn& c, const JobFilter& f);

struct JobCount {
  std::string queue, state;
  int64_t count = 0;
  int64_t oldest_run_at = 0;  // the smallest run_at among these jobs (queue lag for 'ready')
};
StatusOr<std::vector<JobCount>> CountJobsByQueueAndState(Conn& c);

// Deletes up to `limit` done or cancelled jobs last updated before `before`; returns how many.
// Their dedup keys become free again.
StatusOr<int64_t> PurgeFinishedJobs(Conn& c, int64_t before, int64_t limit);

}  // namespace pol::store
