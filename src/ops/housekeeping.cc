#include "ops/housekeeping.h"

#include <spdlog/spdlog.h>

#include "store/user_repo.h"

namespace pol::ops {

namespace {
constexpr int64_t kHourMs = 3600LL * 1000;
constexpr int64_t kKeepFinishedJobsMs = 14LL * 24 * kHourMs;
}  // namespace

Status RegisterHousekeeping(jobs::WorkerPool& pool, store::Database* db, Env* env,
                            const accounts::SessionOptions& sessions) {
  return pool.Register(kHousekeepingKind, [db, env, sessions](const jobs::Job&, jobs::JobContext&) -> Status {
    const int64_t now = env->NowMillis();
    int64_t removed = 0;
    POL_RETURN_IF_ERROR(db->Write([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(removed, store::DeleteExpiredSessions(c, now, now - sessions.idle_ms));
      return Status::Ok();
    }));
    spdlog::info("housekeeping: {} expired session(s) removed", removed);
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
