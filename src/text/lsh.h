// Locality-sensitive hashing index over MinHash signatures (banding).
//
// The 128 values are cut into `bands` bands of 128/bands rows; two texts
// become candidates when any band matches. With the default 32 bands × 4
// rows, pairs with Jaccard 0.5 are found with probability 0.87, 0.3 with
// 0.23, 0.7 with 0.9996 (1 - (1 - s^4)^32). Candidates are a superset to be
// checked with Containment/Jaccard on the shingles.
//
// Memory: 16 bytes per band entry plus a 4-byte bucket per entry (rounded up
// to a power of two): about 65 MB for 100,000 signatures with 32 bands, half
// that with 16 bands.
//
// Thread-safety: Candidates() is const and safe concurrently; Add() needs
// exclusive access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "text/minhash.h"

namespace pol::text {

class LshIndex {
 public:
  // `bands` must divide 128 (1, 2, 4, 8, 16, 32, 64, 128).
  explicit LshIndex(int bands = 32);

  void Add(uint64_t id, const MinHashSignature& signature);
  // Ids sharing at least one band with `signature`, sorted, without duplicates.
  std::vector<uint64_t> Candidates(const MinHashSignature& signature) const;
  // The band keys of `signature` (one per band; empty for an empty signature): what Add() files it under,
  // for callers that keep the bands elsewhere (a database table) and probe them there.
  std::vector<uint64_t> BandKeys(const MinHashSignature& signature) const;

  size_t size() const { return ids_.size(); }
  int bands() const { return bands_; }

 private:
  struct Entry {
    uint64_t key;   // band key
    uint32_t doc;   // index into ids_
    uint32_t next;  // 1 + next entry in the bucket, 0 at the end
  };
  uint64_t BandKey(int band, const MinHashSignature& s) const;
  void Insert(uint64_t key, uint32_t doc);
  void Grow();

  int bands_;
  int rows_;
  std::vector<uint64_t> ids_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> heads_;  // power of two; 1 + entry index, 0 empty
};

}  // namespace pol::text
