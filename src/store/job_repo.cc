#include "store/job_repo.h"

#include "store/job_columns.h"

namespace pol::store {

const char kJobColumns[] =
    "id, queue, kind, payload, dedup_key, state, run_at, attempts, max_attempts, lease_owner, lease_until, "
    "last_error, created_at, updated_at";

JobRow JobFromRow(const Row& r) {
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

namespace {

Status RequireOne(StatusOr<int64_t> n) {
  if (!n.ok()) return n.status();
  if (*n == 0) return NotFound("کار در صف پیدا نشد یا مهلتش تمام شده است.");
  return Status::Ok();
}

}  // namespace

StatusOr<int64_t> InsertJob(Conn& c, const JobRow& j) {
  // ON CONFLICT DO NOTHING (rather than select-then-insert) keeps a concurrent enqueue with the same
  // dedup_key from failing the caller's transaction on backends with row-level concurrency.
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("INSERT INTO jobs(queue, kind, payload, dedup_key, state, run_at, attempts, "
                               "max_attempts, created_at, updated_at) VALUES (?,?,?,?,'ready',?,0,?,?,?) "
                               "ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
                               {j.queue, j.kind, j.payload, Opt(j.dedup_key), j.run_at, j.max_attempts,
                                j.created_at, j.created_at}));
  if (!rows.empty()) return rows[0].Int(0);
  if (!j.dedup_key) return Internal("jobs insert returned no id");
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT id FROM jobs WHERE dedup_key = ?", {*j.dedup_key}));
  return r.Int(0);
}

StatusOr<std::vector<JobRow>> LeaseJobs(Conn& c, const std::string& queue, const std::string& owner,
                                        int64_t now, int64_t lease_ms, int64_t limit) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(
          std::string(
              "UPDATE jobs SET state = 'leased', lease_owner = ?, lease_until = ?, attempts = attempts + 1, "
              "updated_at = ? WHERE id IN (SELECT id FROM jobs WHERE queue = ? AND "
              "((state = 'ready' AND run_at <= ?) OR (state = 'leased' AND lease_until <= ?)) "
              "ORDER BY run_at, id LIMIT ?) RETURNING ") +
              kJobColumns,
          {owner, now + lease_ms, now, queue, now, now, limit}));
  std::vector<JobRow> out;
  for (const Row& r : rows) out.push_back(JobFromRow(r));
  return out;
}

Status CompleteJob(Conn& c, int64_t id, const std::string& owner, int64_t now) {
  return RequireOne(
      c.Exec("UPDATE jobs SET state = 'done', lease_owner = NULL, lease_until = NULL, updated_at = ? "
             "WHERE id = ? AND state = 'leased' AND lease_owner = ?",
             {now, id, owner}));
}

Status RetryJob(Conn& c, int64_t id, const std::string& owner, int64_t run_at, const std::string& error,
                int64_t now) {
  return RequireOne(
      c.Exec("UPDATE jobs SET state = 'ready', run_at = ?, last_error = ?, lease_owner = NULL, "
             "lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'leased' AND lease_owner = ?",
             {run_at, error, now, id, owner}));
}

Status BuryJob(Conn& c, int64_t id, const std::string& owner, const std::string& error, int64_t now) {
  return RequireOne(
      c.Exec("UPDATE jobs SET state = 'dead', last_error = ?, lease_owner = NULL, lease_until = NULL, "
             "updated_at = ? WHERE id = ? AND state = 'leased' AND lease_owner = ?",
             {error, now, id, owner}));
}

StatusOr<JobRow> GetJob(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?", {id}));
  if (!row) return NotFound("کار در صف پیدا نشد.");
  return JobFromRow(*row);
}

Status ReviveJob(Conn& c, int64_t id, int64_t now) {
  POL_ASSIGN_OR_RETURN(int64_t n,
                       c.Exec("UPDATE jobs SET state = 'ready', attempts = 0, run_at = ?, updated_at = ? "
                              "WHERE id = ? AND state IN ('dead', 'cancelled')",
                              {now, now, id}));
  if (n > 0) return Status::Ok();
  POL_RETURN_IF_ERROR(GetJob(c, id).status());  // NotFound for a missing job
  return FailedPrecondition(
      "job_not_retryable",
      "فقط کارهای شکست‌خورده یا لغوشده را می‌توان دوباره به صف "
      "فرستاد.");
}

StatusOr<std::vector<std::pair<std::string, int64_t>>> CountJobsByState(Conn& c) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT state, COUNT(*) FROM jobs GROUP BY state ORDER BY state"));
  std::vector<std::pair<std::string, int64_t>> out;
  for (const Row& r : rows) out.emplace_back(r.Text(0), r.Int(1));
  return out;
}

Status ExtendJobLease(Conn& c, int64_t id, const std::string& owner, int64_t lease_until, int64_t now) {
  return RequireOne(
      c.Exec("UPDATE jobs SET lease_until = ?, updated_at = ? "
             "WHERE id = ? AND state = 'leased' AND lease_owner = ?",
             {lease_until, now, id, owner}));
}

Status ReleaseJob(Conn& c, int64_t id, const std::string& owner, int64_t now) {
  return RequireOne(
      c.Exec("UPDATE jobs SET state = 'ready', "
             "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, "
             "lease_owner = NULL, lease_until = NULL, updated_at = ? "
             "WHERE id = ? AND state = 'leased' AND lease_owner = ?",
             {now, id, owner}));
}

Status CancelJob(Conn& c, int64_t id, int64_t now) {
  POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("UPDATE jobs SET state = 'cancelled', updated_at = ? "
                                         "WHERE id = ? AND state IN ('ready', 'dead')",
                                         {now, id}));
  if (n > 0) return Status::Ok();
  POL_RETURN_IF_ERROR(GetJob(c, id).status());  // NotFound for a missing job
  return FailedPrecondition(
      "job_not_cancellable",
      "این کار در حال اجرا یا پایان‌یافته است و لغو نمی‌شود.");
}

StatusOr<std::vector<JobRow>> ListJobs(Conn& c, const JobFilter& f) {
  std::string sql = std::string("SELECT ") + kJobColumns + " FROM jobs WHERE 1 = 1";
  Params params;
  if (f.queue) {
    sql += " AND queue = ?";
    params.emplace_back(*f.queue);
  }
  if (f.state) {
    sql += " AND state = ?";
    params.emplace_back(*f.state);
  }
  if (f.kind) {
    sql += " AND kind = ?";
    params.emplace_back(*f.kind);
  }
  if (f.before_id) {
    sql += " AND id < ?";
    params.emplace_back(*f.before_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(f.limit);
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  std::vector<JobRow> out;
  for (const Row& r : rows) out.push_back(JobFromRow(r));
  return out;
}

StatusOr<std::vector<JobCount>> CountJobsByQueueAndState(Conn& c) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT queue, state, COUNT(*), MIN(run_at) FROM jobs "
                                          "GROUP BY queue, state ORDER BY queue, state"));
  std::vector<JobCount> out;
  for (const Row& r : rows) {
    out.push_back(
        JobCount{.queue = r.Text(0), .state = r.Text(1), .count = r.Int(2), .oldest_run_at = r.Int(3)});
  }
  return out;
}

StatusOr<int64_t> PurgeFinishedJobs(Conn& c, int64_t before, int64_t limit) {
  return c.Exec(
      "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state IN ('done', 'cancelled') AND "
      "updated_at < ? ORDER BY id LIMIT ?)",
      {before, limit});
}

}  // namespace pol::store
