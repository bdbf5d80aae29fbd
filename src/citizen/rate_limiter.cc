#include "citizen/rate_limiter.h"

#include <spdlog/spdlog.h>

#include "store/throttle_repo.h"

namespace pol::citizen {
namespace {

constexpr int64_t kDay = 24 * 3600 * 1000;
constexpr int64_t kSweepEvery = 10 * 60 * 1000;

void DropOlder(std::deque<int64_t>& q, int64_t before) {
  while (!q.empty() && q.front() <= before) q.pop_front();
}

}  // namespace

bool RateLimiter::Allow(const std::string& key, int64_t limit, int64_t window_ms, int64_t now) {
  if (limit <= 0) return true;
  if (shared_) {
    auto allowed = store::AllowEvent(*shared_, key, limit, window_ms, now);
    if (allowed.ok()) return *allowed;
    spdlog::warn("throttle {}: counted on this node only: {}", key, allowed.status().ToString());
  }
  return AllowLocal(key, limit, window_ms, now);
}

bool RateLimiter::AllowLocal(const std::string& key, int64_t limit, int64_t window_ms, int64_t now) {
  MutexLock lock(&mu_);
  auto& q = events_[key];
  DropOlder(q, now - window_ms);
  if (static_cast<int64_t>(q.size()) >= limit) return false;
  q.push_back(now);
  if (now - last_sweep_ > kSweepEvery) SweepIdle(now);
  return true;
}

void RateLimiter::SweepIdle(int64_t now) {
  last_sweep_ = now;
  for (auto it = events_.begin(); it != events_.end();) {
    if (it->second.empty() || it->second.back() <= now - kDay) {
      it = events_.erase(it);
    } else {
      ++it;
    }
  }
}

int64_t RateLimiter::Count(const std::string& key, int64_t window_ms, int64_t now) {
  if (shared_) {
    auto n = store::CountEvents(*shared_, key, window_ms, now);
    if (n.ok()) return *n;
    spdlog::warn("throttle {}: counted on this node only: {}", key, n.status().ToString());
  }
  return CountLocal(key, window_ms, now);
}

int64_t RateLimiter::CountLocal(const std::string& key, int64_t window_ms, int64_t now) {
  MutexLock lock(&mu_);
  auto it = events_.find(key);
  if (it == events_.end()) return 0;
  DropOlder(it->second, now - window_ms);
  return static_cast<int64_t>(it->second.size());
}

void RateLimiter::Record(const std::string& key, int64_t now, int64_t count) {
  if (shared_) {
    Status s = store::RecordEvents(*shared_, key, now, count);
    if (s.ok()) return;
    spdlog::warn("throttle {}: counted on this node only: {}", key, s.ToString());
  }
  RecordLocal(key, now, count);
}

void RateLimiter::RecordLocal(const std::string& key, int64_t now, int64_t count) {
  MutexLock lock(&mu_);
  auto& q = events_[key];
  for (int64_t i = 0; i < count; ++i) q.push_back(now);
}

}  // namespace pol::citizen
