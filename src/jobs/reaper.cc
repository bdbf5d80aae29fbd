#include "jobs/reaper.h"

#include <spdlog/spdlog.h>

#include "store/job_lease_repo.h"
#include "store/row_locked_write.h"

namespace pol::jobs {

StatusOr<int64_t> ReapExpiredLeases(Queue& queue, int64_t limit) {
  store::Database& db = *queue.db();
  const bool row_locks = store::SupportsRowLocks(db);
  int64_t n = 0;
  POL_RETURN_IF_ERROR(store::WriteRowLocked(db, [&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(n, store::ReapExpiredJobLeases(c, row_locks, queue.env()->NowMillis(), limit));
    return Status::Ok();
  }));
  if (n > 0) {
    spdlog::warn("jobs: {} expired leases reaped (their workers stopped before finishing)", n);
    queue.Notify();
  }
  return n;
}

}  // namespace pol::jobs
