// Retry delays for failed jobs: exponential backoff with full jitter.
//
//   delay(attempt) = uniform(0, min(cap, base * 2^(attempt - 1)))
//
// "Full jitter" spreads retries of jobs that failed together (e.g. while a mail server was down) over the
// whole window instead of bunching them up at the same instant.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

#include "base/env.h"

namespace pol::jobs {

struct BackoffPolicy {
  int64_t base_ms = 1000;    // the ceiling of the first retry's delay
  int64_t cap_ms = 3600000;  // no retry waits longer than this (1 h)
};

// The upper bound of the delay before retrying after `attempt` (1-based) failed: min(cap, base *
// 2^(attempt-1)).
int64_t BackoffCeilingMs(const BackoffPolicy& policy, int64_t attempt);

// The delay for `attempt` given `u`, a uniform random number in [0, 1): floor(u * (ceiling + 1)), at most
// ceiling.
int64_t BackoffDelayMs(const BackoffPolicy& policy, int64_t attempt, double u);

// A uniform random number in [0, 1) from the Env's random bytes.
double UniformRandom(Env* env);

}  // namespace pol::jobs
