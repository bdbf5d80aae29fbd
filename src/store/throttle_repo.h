// Throttles every node counts alike (migration 71): sliding windows of events per key in `rate_events`
// (the citizens' per-address and per-mobile limits, when several nodes share the database) and
// single-use tokens in `spent_tokens` (the citizens' portal challenge). On PostgreSQL each changing
// function is one Write, which holds the cluster's writer lock (docs/postgresql.md), so a count and the
// insert that follows it are never interleaved with another node's: the limit is reached at the same
// count as on one node. Rows older than what any window looks at are deleted by PruneThrottles, a
// once-per-cluster periodic task.
//
// Times are wall-clock unix milliseconds from the caller's Env (nodes keep their clocks in sync).
//
// Thread-safety: each function runs its own transaction on the thread-safe Database.
#pragma once

#include <cstdint>
#include <string>

#include "store/db.h"

namespace pol::store {

// Records an event under `key` at `now` when fewer than `limit` were recorded after now - window_ms
// (events stamped later than `now` by a node whose clock is ahead count too); returns whether it was
// recorded (allowed).
StatusOr<bool> AllowEvent(Database& db, const std::string& key, int64_t limit, int64_t window_ms,
                          int64_t now);
// The events under `key` after now - window_ms.
StatusOr<int64_t> CountEvents(Database& db, const std::string& key, int64_t window_ms, int64_t now);
// Records `count` events under `key` at `now` (without a limit).
Status RecordEvents(Database& db, const std::string& key, int64_t now, int64_t count = 1);

// Spends `token` (kept until `expires_at`): true the first time, false when it was spent before, on
// any node.
StatusOr<bool> SpendToken(Database& db, const std::string& token, int64_t expires_at);

struct PrunedThrottles {
  int64_t events = 0, tokens = 0;
};
// Deletes events at or before `events_before` and tokens expired at `now`.
StatusOr<PrunedThrottles> PruneThrottles(Database& db, int64_t events_before, int64_t now);

}  // namespace pol::store
