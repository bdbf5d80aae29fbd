#include "store/job_lease_repo.h"

#include "store/job_columns.h"

namespace pol::store {

StatusOr<std::vector<JobRow>> ClaimJobs(Conn& c, bool row_locks, const std::string& queue,
                                        const std::string& owner, int64_t now, int64_t lease_ms,
                                        int64_t limit) {
  if (!row_locks) return LeaseJobs(c, queue, owner, now, lease_ms, limit);
  // The outer UPDATE re-checks the state: READ COMMITTED re-evaluates it on the locked row's newest
  // version, so a job finished meanwhile is not claimed again.
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(
          std::string(
              "UPDATE jobs SET state = 'leased', lease_owner = ?, lease_until = ?, attempts = attempts + 1, "
              "updated_at = ? WHERE id IN (SELECT id FROM jobs WHERE queue = ? AND "
              "((state = 'ready' AND run_at <= ?) OR (state = 'leased' AND lease_until <= ?)) "
              "ORDER BY run_at, id LIMIT ? FOR UPDATE SKIP LOCKED) "
              "AND ((state = 'ready' AND run_at <= ?) OR (state = 'leased' AND lease_until <= ?)) "
              "RETURNING ") +
              kJobColumns,
          {owner, now + lease_ms, now, queue, now, now, limit, now, now}));
  std::vector<JobRow> out;
  for (const Row& r : rows) out.push_back(JobFromRow(r));
  return out;
}

StatusOr<int64_t> ReapExpiredJobLeases(Conn& c, bool row_locks, int64_t now, int64_t limit) {
  const std::string pick =
      std::string("SELECT id FROM jobs WHERE state = 'leased' AND lease_until <= ? ORDER BY id LIMIT ?") +
      (row_locks ? " FOR UPDATE SKIP LOCKED" : "");
  return c.Exec(
      "UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'ready' END, "
      "run_at = CASE WHEN run_at > ? THEN run_at ELSE ? END, "
      "last_error = 'lease expired: its worker stopped or stalled before recording an outcome', "
      "lease_owner = NULL, lease_until = NULL, updated_at = ? "
      "WHERE id IN (" +
          pick + ") AND state = 'leased' AND lease_until <= ?",
      {now, now, now, now, limit, now});
}

Status NotifyJobsChannel(Conn& c, const std::string& queue) {
  return c.Query("SELECT pg_notify(?, ?)", {std::string(kJobsChannel), queue}).status();
}

}  // namespace pol::store
