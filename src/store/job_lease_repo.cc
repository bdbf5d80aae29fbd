#include "store/job_lease_repo.h"

namespace pol::store {
namespace {

constexpr const char* kJobCols =
    "id, queue, kind, payload, dedup_key, state, run_at, attempts, max_attempts, lease_owner, lease_until, "
    "last_error, created_at, updated_at";

JobRow FromRow(const Row& r) {
  JobRow j;
  j.id = r.Int(0);
  j.queue = r.Text(1);
  j.kind = r.Text(2);
  j.payload = r.Text(3);
  j.dedup_key = r.OptText(4);
  j.state = r.Text(5);
  j.run_at = r.Int(6);
  j.attempts = r.Int(7);
  j.max_attempts = r.Int(8);
  j.lease_owner = r.OptText(9);
  j.lease_until = r.OptInt(10);
  j.last_error = r.Text(11);
  j.created_at = r.Int(12);
  j.updated_at = r.Int(13);
  return j;
}

}  // namespace

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
              kJobCols,
          {owner, now + lease_ms, now, queue, now, now, limit, now, now}));
  std::vector<JobRow> out;
  for (const Row& r : rows) out.push_back(FromRow(r));
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
