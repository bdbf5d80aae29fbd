// The job queue's SQL for several nodes (jobs/worker_pool.h, docs/postgresql.md "Jobs across nodes"):
// claims that skip rows another node is claiming, and the reaper of expired leases.
//
// Thread-safety: functions on a Conn, inside the caller's write transaction (store/row_locked_write.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/job_repo.h"

namespace pol::store {

// As LeaseJobs (job_repo.h), with `row_locks` (PostgreSQL, store::SupportsRowLocks): the candidate rows
// are locked with `FOR UPDATE SKIP LOCKED`, so concurrent claimers on any node take disjoint jobs without
// waiting for each other; without it, the portable statement (SQLite's single writer keeps it safe).
StatusOr<std::vector<JobRow>> ClaimJobs(Conn& c, bool row_locks, const std::string& queue,
                                        const std::string& owner, int64_t now, int64_t lease_ms,
                                        int64_t limit);

// The reaper: jobs whose lease expired before `now` (their worker's node died or stalled) go back to
// 'ready' now, or to 'dead' when they have used their attempts; last_error says what happened. Returns
// how many it moved (at most `limit`).
StatusOr<int64_t> ReapExpiredJobLeases(Conn& c, bool row_locks, int64_t now, int64_t limit);

// PostgreSQL only: a NOTIFY on the job channel, delivered when the caller's transaction commits; the
// payload is the queue's name. A wake-up only: workers poll anyway.
inline constexpr char kJobsChannel[] = "pol_jobs";
Status NotifyJobsChannel(Conn& c, const std::string& queue);

}  // namespace pol::store
