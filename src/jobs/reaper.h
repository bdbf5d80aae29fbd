// The reaper of expired job leases: jobs whose worker's node died (kill -9, power loss) or stalled past
// its lease go back to 'ready' (or 'dead' with their attempts spent), so that any node's pool picks them
// up and the console shows them as waiting rather than running. `pol serve` runs it as a
// once-per-cluster periodic task ("jobs reaper", app/app.cc); claims also take expired leases over, so
// the reaper is the tidy path, not the only one.
//
// Thread-safety: blocks on the database; any thread but a network one.
#pragma once

#include <cstdint>

#include "base/status.h"
#include "jobs/queue.h"

namespace pol::jobs {

inline constexpr int64_t kReaperEveryMs = 15000;

// Moves up to `limit` expired leases; returns how many.
StatusOr<int64_t> ReapExpiredLeases(Queue& queue, int64_t limit = 1000);

}  // namespace pol::jobs
