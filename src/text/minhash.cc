#include "text/minhash.h"

#include "text/internal/mix.h"

namespace pol::text {

MinHashSignature MinHash(const std::vector<uint64_t>& shingles) {
  MinHashSignature sig;
  constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  sig.values.fill(kEmpty);
  // One permutation: the top 7 bits pick the bin, the next 32 bits are the value.
  for (uint64_t s : shingles) {
    uint64_t x = internal::Mix64(s ^ 0x5bd1e9955bd1e995ull);
    uint32_t bin = static_cast<uint32_t>(x >> 57);
    uint32_t v = static_cast<uint32_t>(x >> 25);
    if (v < sig.values[bin]) sig.values[bin] = v;
  }
  sig.empty = shingles.empty();
  if (sig.empty) return sig;
  // Optimal densification: an empty bin copies the bin chosen by a hash
  // sequence seeded with its own index, so all texts fill it the same way.
  // The sequences do not depend on the text: their first kSteps bins are
  // computed once (a short paragraph leaves most bins empty, and each
  // empty bin takes 128 / full attempts on average).
  constexpr int kSteps = 48;
  static const auto kSequence = [] {
    std::array<std::array<uint8_t, kSteps>, kMinHashSize> t{};
    for (int i = 0; i < kMinHashSize; ++i) {
      for (int a = 0; a < kSteps; ++a) {
        t[i][a] = static_cast<uint8_t>(
            internal::Mix64((static_cast<uint64_t>(i) << 32) ^ static_cast<uint64_t>(a + 1)) >> 57);
      }
    }
    return t;
  }();
  std::array<bool, kMinHashSize> full{};
  for (int i = 0; i < kMinHashSize; ++i) full[i] = sig.values[i] != kEmpty;
  std::array<uint32_t, kMinHashSize> dense = sig.values;
  for (int i = 0; i < kMinHashSize; ++i) {
    if (full[i]) continue;
    bool done = false;
    for (int a = 0; a < kSteps && !done; ++a) {
      const uint32_t j = kSequence[i][a];
      if (full[j]) {
        dense[i] = sig.values[j];
        done = true;
      }
    }
    for (uint64_t attempt = kSteps + 1; !done; ++attempt) {
      uint32_t j = static_cast<uint32_t>(internal::Mix64((static_cast<uint64_t>(i) << 32) ^ attempt) >> 57);
      if (full[j]) {
        dense[i] = sig.values[j];
        done = true;
      }
    }
  }
  sig.values = dense;
  return sig;
}

double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  if (a.empty || b.empty) return 0.0;
  int same = 0;
  for (int i = 0; i < kMinHashSize; ++i) same += a.values[i] == b.values[i];
  return static_cast<double>(same) / kMinHashSize;
}

}  // namespace pol::text
