// A sliding-window counter of events per key ("ip:1.2.3.4", "mobile:0912…"), in memory: the
// throttle of submissions, one-time-code attempts and status lookups. Keys idle for a day are
// forgotten now and then, so memory stays bounded by the keys of the last day.
//
// Shared (constructed with a database): when several `pol serve` nodes share one database, the events
// are counted there instead (store/throttle_repo.h, one row per event), so a client whose requests a
// balancer spreads over the nodes meets the same limit at the same count as on one node. Should the
// database fail, the node falls back to its own memory for that call (a per-node budget) and logs it.
//
// Thread-safety: thread-safe (one mutex; the database is thread-safe).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "base/mutex.h"
#include "store/db.h"

namespace pol::citizen {

class RateLimiter {
 public:
  // `shared`: count in that database (it must outlive the limiter); null: in this process's memory.
  explicit RateLimiter(store::Database* shared = nullptr) : shared_(shared) {}

  // True when another event under `key` fits in `limit` per `window_ms` (and records it).
  bool Allow(const std::string& key, int64_t limit, int64_t window_ms, int64_t now) EXCLUDES(mu_);
  // Counts without recording.
  int64_t Count(const std::string& key, int64_t window_ms, int64_t now) EXCLUDES(mu_);
  // Records `count` events.
  void Record(const std::string& key, int64_t now, int64_t count = 1) EXCLUDES(mu_);

 private:
  void SweepIdle(int64_t now) REQUIRES(mu_);
  bool AllowLocal(const std::string& key, int64_t limit, int64_t window_ms, int64_t now) EXCLUDES(mu_);
  int64_t CountLocal(const std::string& key, int64_t window_ms, int64_t now) EXCLUDES(mu_);
  void RecordLocal(const std::string& key, int64_t now, int64_t count) EXCLUDES(mu_);

  store::Database* const shared_;

  Mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> events_ GUARDED_BY(mu_);
  int64_t last_sweep_ GUARDED_BY(mu_) = 0;
};

}  // namespace pol::citizen
