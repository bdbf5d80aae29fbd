#include "ops/housekeeping.h"

#include <spdlog/spdlog.h>

#include "store/citizen_repo.h"
#include "store/monitor_probe_repo.h"
#include "store/user_repo.h"

namespace pol::ops {

namespace {
constexpr int64_t kHourMs = 3600LL * 1000;
constexpr int64_t kKeepFinishedJobsMs = 14LL * 24 * kHourMs;
constexpr int64_t kProbePruneBatch = 20000;
}  // namespace

StatusOr<int64_t> PruneItemProbes(store::Database* db, int64_t now) {
  const int64_t before = now - store::kItemProbeKeepDays * 24 * kHourMs;
  int64_t total = 0;
  for (;;) {  // one short transaction per batch: the writer is never held for long
    int64_t n = 0;
    POL_RETURN_IF_ERROR(db->Write([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(n, store::PruneItemProbes(c, before, kProbePruneBatch));
      return Status::Ok();
    }));
    total += n;
    if (n < kProbePruneBatch) return total;
  }
}

Status RegisterHousekeeping(jobs::WorkerPool& pool, store::Database* db, Env* env,
                            const accounts::SessionOptions& sessions) {
  return pool.Register(kHousekeepingKind, [db, env, sessions](const jobs::Job&, jobs::JobContext&) -> Status {
    const int64_t now = env->NowMillis();
    int64_t removed = 0, sends = 0;
    POL_RETURN_IF_ERROR(db->Write([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(removed, store::DeleteExpiredSessions(c, now, now - sessions.idle_ms));
      POL_ASSIGN_OR_RETURN(sends, store::PruneSmsSends(c, now - store::kSmsSendKeepMs));
      return Status::Ok();
    }));
    spdlog::info("housekeeping: {} expired session(s) and {} SMS ledger row(s) past two days removed",
                 removed, sends);
    POL_ASSIGN_OR_RETURN(int64_t probes, PruneItemProbes(db, now));
    if (probes > 0) spdlog::info("housekeeping: {} look-back probe key(s) past the window removed", probes);
    return Status::Ok();
  });
}

Status ScheduleHousekeeping(jobs::Queue& queue, Env* env) {
  const int64_t slot = env->NowMillis() / kHourMs;
  POL_RETURN_IF_ERROR(queue
                          .Enqueue(jobs::JobSpec{.queue = "default",
                                                 .kind = kHousekeepingKind,
                                                 .payload_json = "{}",
                                                 .max_attempts = 3,
                                                 .dedup_key = "housekeeping:" + std::to_string(slot)})
                          .status());
  return queue.PurgeFinished(kKeepFinishedJobsMs).status();
}

}  // namespace pol::ops
