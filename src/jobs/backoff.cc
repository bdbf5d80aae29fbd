#include "jobs/backoff.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace pol::jobs {

int64_t BackoffCeilingMs(const BackoffPolicy& policy, int64_t attempt) {
  const int64_t base = std::max<int64_t>(policy.base_ms, 0);
  const int64_t cap = std::max<int64_t>(policy.cap_ms, 0);
  int64_t ceiling = std::min(base, cap);
  // Double until the cap; stops early so the product never overflows.
  for (int64_t i = 1; i < attempt && ceiling < cap; ++i) {
    ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
  }
  return std::min(ceiling, cap);
}

int64_t BackoffDelayMs(const BackoffPolicy& policy, int64_t attempt, double u) {
  const int64_t ceiling = BackoffCeilingMs(policy, attempt);
  u = std::clamp(u, 0.0, 1.0);
  const auto delay = static_cast<int64_t>(u * static_cast<double>(ceiling + 1));
  return std::clamp<int64_t>(delay, 0, ceiling);
}

double UniformRandom(Env* env) {
  std::string bytes = env->RandomBytes(sizeof(uint64_t));
  uint64_t x = 0;
  std::memcpy(&x, bytes.data(), std::min(bytes.size(), sizeof(x)));
  return static_cast<double>(x >> 11) * 0x1.0p-53;  // 53 random bits → [0, 1)
}

}  // namespace pol::jobs
