// Env: every access to the operating system that matters for correctness or
// tests — the clock, randomness — goes through this interface (leveldb-style),
// so tests can inject a fake clock and deterministic randomness.
//
// Thread-safety: implementations must be safe for concurrent use.
#pragma once

#include <cstdint>
#include <string>

namespace pol {

class Env {
 public:
  virtual ~Env() = default;

  // Wall-clock time, milliseconds since the Unix epoch.
  virtual int64_t NowMillis() = 0;
  // Monotonic time in nanoseconds, for latencies.
  virtual int64_t MonotonicNanos() = 0;
  // Cryptographically secure random bytes.
  virtual std::string RandomBytes(size_t n) = 0;

  // The process-wide real environment.
  static Env* Default();
};

// Random bytes encoded as lowercase hex / URL-safe base64 (no padding).
std::string RandomHex(Env* env, size_t bytes);
std::string RandomToken(Env* env, size_t bytes);

}  // namespace pol
