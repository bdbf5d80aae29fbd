// Word shingles over search terms, and exact containment between shingle sets.
//
// A shingle is a 64-bit hash of k consecutive search terms. Because terms are
// folded and stemmed, a text re-typed with Arabic letters, other digits or
// other ZWNJ habits gives the same shingles.
//
// Thread-safety: pure functions / value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pol::text {

// 64-bit hash of one term (stable across runs and platforms).
uint64_t TermHash(std::string_view term);

// Hashes of every window of k consecutive terms, in order (duplicates kept).
// Fewer than k terms (but at least one) give a single shingle of them all.
std::vector<uint64_t> Shingles(const std::vector<std::string>& terms, int k);

// Shingles(SearchTerms(utf8), k).
std::vector<uint64_t> TextShingles(std::string_view utf8, int k = 4);

// A sorted set of distinct shingle hashes.
struct ShingleSet {
  std::vector<uint64_t> hashes;  // sorted, unique
  size_t size() const { return hashes.size(); }
  bool empty() const { return hashes.empty(); }
};
ShingleSet MakeShingleSet(std::vector<uint64_t> shingles);

// |a ∩ b| / |a|: how much of `a` appears in `b` (0 when a is empty). A press
// release fully reprinted inside a longer article has containment 1.
double Containment(const ShingleSet& a, const ShingleSet& b);
// |a ∩ b| / |a ∪ b|.
double Jaccard(const ShingleSet& a, const ShingleSet& b);

}  // namespace pol::text
