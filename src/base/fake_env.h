// A controllable Env for tests: time moves only when the test says so.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "base/env.h"

namespace pol {

class FakeEnv final : public Env {
 public:
  explicit FakeEnv(int64_t now_ms = 1764000000000) : now_ms_(now_ms) {}
  int64_t NowMillis() override { return now_ms_.load(); }
  int64_t MonotonicNanos() override { return now_ms_.load() * 1000000; }
  std::string RandomBytes(size_t n) override { return Env::Default()->RandomBytes(n); }
  void Advance(int64_t ms) { now_ms_ += ms; }
  void Set(int64_t ms) { now_ms_ = ms; }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace pol
