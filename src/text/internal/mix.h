// 64-bit mixing (splitmix64 finalizer). Thread-safety: pure.
#pragma once

#include <cstdint>

namespace pol::text::internal {

constexpr uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

}  // namespace pol::text::internal
