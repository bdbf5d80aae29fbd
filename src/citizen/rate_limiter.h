// A sliding-window counter of events per key ("ip:1.2.3.4", "mobile:0912…"), in memory: the
// throttle of submissions, one-time-code attempts and status lookups. Keys idle for a day are
// forgotten now and then, so memory stays bounded by the keys of the last day.
//
// Thread-safety: thread-safe (one mutex).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "base/mutex.h"

namespace pol::citizen {

class RateLimiter {
 public:
  // True when another event under `key` fits in `limit` per `window_ms` (and records it).
  bool Allow(const std::string& key, int64_t limit, int64_t window_ms, int64_t now) EXCLUDES(mu_);
  // Counts without recording.
  int64_t Count(const std::string& key, int64_t window_ms, int64_t now) EXCLUDES(mu_);
  void Record(const std::string& key, int64_t now) EXCLUDES(mu_);

 private:
  void SweepIdle(int64_t now) REQUIRES(mu_);

  Mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> events_ GUARDED_BY(mu_);
  int64_t last_sweep_ GUARDED_BY(mu_) = 0;
};

}  // namespace pol::citizen
