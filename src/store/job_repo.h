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

// Inserts a job; with a dedup_key that already exists, returns the existing id.
StatusOr<int64_t> InsertJob(Conn& c, const JobRow& j);
// Leases up to `limit` runnable jobs (ready and due, or leased with an expired lease).
StatusOr<std::vector<JobRow>> LeaseJobs(Conn& c, const std::string& queue, const std::string& owner, int64_t now,
                                        int64_t lease_ms, int64_t limit);
// These succeed only while `owner` still holds the lease; NotFound otherwise.
Status CompleteJob(Conn& c, int64_t id, const std::string& owner, int64_t now);
Status RetryJob(Conn& c, int64_t id, const std::string& owner, int64_t run_at, const std::string& error, int64_t now);
Status BuryJob(Conn& c, int64_t id, const std::string& owner, const std::string& error, int64_t now);
StatusOr<JobRow> GetJob(Conn& c, int64_t id);
// Moves a dead job back to ready (a person's "retry").
Status ReviveJob(Conn& c, int64_t id, int64_t now);
StatusOr<std::vector<std::pair<std::string, int64_t>>> CountJobsByState(Conn& c);

}  // namespace pol::store
