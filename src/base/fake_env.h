// A controllable Env for tests: time moves only when the test says so.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

#include "base/env.h"

namespace pol {

class FakeEnv final : public Env {
 public:
  explicit FakeEnv(int64_t now_ms = 1764000000000) : now_ms_(now_ms) {}
  int64_t NowMillis() override { return now_ms_.load(); }
  int64_t MonotonicNanos() override { return now_ms_.load() * 1000000; }
  // Scripted bytes first (each ScriptRandom call answers one RandomBytes call, cut or padded to its
  // size with real random bytes), then real random bytes.
  std::string RandomBytes(size_t n) override {
    std::string out;
    {
      std::lock_guard<std::mutex> l(random_mu_);
      if (!random_script_.empty()) {
        out = std::move(random_script_.front());
        random_script_.pop_front();
      }
    }
    out.resize(std::min(out.size(), n));
    return out + Env::Default()->RandomBytes(n - out.size());
  }
  void ScriptRandom(std::string bytes) {
    std::lock_guard<std::mutex> l(random_mu_);
    random_script_.push_back(std::move(bytes));
  }
  void Advance(int64_t ms) { now_ms_ += ms; }
  void Set(int64_t ms) { now_ms_ = ms; }

 private:
  std::atomic<int64_t> now_ms_;
  std::mutex random_mu_;
  std::deque<std::string> random_script_;
};

}  // namespace pol
