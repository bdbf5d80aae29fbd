// MinHash signatures (128 values) by one-permutation hashing with optimal
// densification (Shrivastava, ICML 2017): one hash per shingle instead of 128,
// so a 3 KB article takes about a microsecond.
//
// Equal values at position i happen with probability ≈ Jaccard(A, B);
// EstimateJaccard averages that over the 128 positions.
//
// Thread-safety: pure functions / value types.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace pol::text {

inline constexpr int kMinHashSize = 128;

struct MinHashSignature {
  std::array<uint32_t, kMinHashSize> values;
  bool empty = true;  // no shingles: matches nothing
  friend bool operator==(const MinHashSignature&, const MinHashSignature&) = default;
};

// Signature of a set of shingle hashes (order and duplicates do not matter).
MinHashSignature MinHash(const std::vector<uint64_t>& shingles);

double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b);

}  // namespace pol::text
