#include "text/lsh.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "text/internal/mix.h"

namespace pol::text {

LshIndex::LshIndex(int bands) : bands_(bands), rows_(bands > 0 ? kMinHashSize / bands : 0) {
  if (bands <= 0 || bands > kMinHashSize || kMinHashSize % bands != 0) {
    throw std::invalid_argument("LshIndex: bands must divide 128");
  }
  heads_.assign(1024, 0);
}

uint64_t LshIndex::BandKey(int band, const MinHashSignature& s) const {
  uint64_t h = internal::Mix64(0x243f6a8885a308d3ull + static_cast<uint64_t>(band));
  const uint32_t* v = s.values.data() + band * rows_;
  for (int r = 0; r < rows_; ++r) h = internal::Mix64(h ^ v[r]);
  return h;
}

void LshIndex::Insert(uint64_t key, uint32_t doc) {
  uint32_t idx = static_cast<uint32_t>(entries_.size());
  size_t bucket = key & (heads_.size() - 1);
  entries_.push_back(Entry{key, doc, heads_[bucket]});
  heads_[bucket] = idx + 1;
}

void LshIndex::Grow() {
  heads_.assign(heads_.size() * 2, 0);
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    size_t bucket = entries_[i].key & (heads_.size() - 1);
    entries_[i].next = heads_[bucket];
    heads_[bucket] = i + 1;
  }
}

void LshIndex::Add(uint64_t id, const MinHashSignature& signature) {
  if (signature.empty) return;
  uint32_t doc = static_cast<uint32_t>(ids_.size());
  ids_.push_back(id);
  if (entries_.size() + static_cast<size_t>(bands_) > heads_.size()) Grow();
  for (int b = 0; b < bands_; ++b) Insert(BandKey(b, signature), doc);
}

std::vector<uint64_t> LshIndex::BandKeys(const MinHashSignature& signature) const {
  std::vector<uint64_t> out;
  if (signature.empty) return out;
  out.reserve(static_cast<size_t>(bands_));
  for (int b = 0; b < bands_; ++b) out.push_back(BandKey(b, signature));
  return out;
}

std::vector<uint64_t> LshIndex::Candidates(const MinHashSignature& signature) const {
  std::vector<uint64_t> out;
  if (signature.empty || ids_.empty()) return out;
  std::vector<uint32_t> docs;
  const size_t mask = heads_.size() - 1;
  // The index is tens of megabytes: every band is a cache miss in heads_ and another in entries_. All
  // keys first with their heads prefetched, then the first entries prefetched, then the walks — the
  // misses overlap instead of following one another.
  std::array<uint64_t, kMinHashSize> keys;
  std::array<uint32_t, kMinHashSize> first;
  for (int b = 0; b < bands_; ++b) {
    keys[b] = BandKey(b, signature);
    __builtin_prefetch(&heads_[keys[b] & mask]);
  }
  for (int b = 0; b < bands_; ++b) {
    first[b] = heads_[keys[b] & mask];
    if (first[b] != 0) __builtin_prefetch(&entries_[first[b] - 1]);
  }
  for (int b = 0; b < bands_; ++b) {
    for (uint32_t e = first[b]; e != 0; e = entries_[e - 1].next) {
      const Entry& en = entries_[e - 1];
      if (en.key == keys[b]) docs.push_back(en.doc);
    }
  }
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  out.reserve(docs.size());
  for (uint32_t d : docs) out.push_back(ids_[d]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace pol::text
