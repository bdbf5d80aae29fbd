// Housekeeping that `pol serve` runs on the job queue: deleting expired
// sessions, the citizens' SMS ledger rows past two days, monitoring's look-back probe keys past the
// look-back window, and purging finished jobs. Scheduled once per hour slot with a
// dedup key, so several nodes (or restarts) never run the same slot twice.
#pragma once

#include "accounts/sessions.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"

namespace pol::ops {

inline constexpr const char* kHousekeepingKind = "ops.housekeeping";

// Registers the handler on the pool (before Start()).
Status RegisterHousekeeping(jobs::WorkerPool& pool, store::Database* db, Env* env,
                            const accounts::SessionOptions& sessions);
// Deletes the look-back probe keys (media_item_probes) of items fetched more than
// store::kItemProbeKeepDays before `now`, in batches of one transaction each; how many.
StatusOr<int64_t> PruneItemProbes(store::Database* db, int64_t now);
// Enqueues the current hour's run if it is not queued yet.
Status ScheduleHousekeeping(jobs::Queue& queue, Env* env);

}  // namespace pol::ops
