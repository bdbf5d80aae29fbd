#include "monitor/pickup_probe.h"

#include <algorithm>

#include "text/lsh.h"
#include "text/minhash.h"
#include "text/search_terms.h"
#include "text/sentences.h"
#include "text/shingles.h"

namespace pol::monitor {
namespace {

// As in pickup.cc: a term bigram's 64-bit hash folded to the 32 bits the anchors use.
uint32_t Fold32(uint64_t h) { return static_cast<uint32_t>(h ^ (h >> 32)); }

// The look-back probe's whole-text bands (16 × 8 rows): near-copies (Jaccard 0.8 found with p ≥ 0.98).
const text::LshIndex& ProbeBands() {
  static const text::LshIndex bands(16);
  return bands;
}

void AddBandKeys(const std::vector<uint64_t>& shingles, std::vector<uint64_t>* out) {
  if (shingles.empty()) return;
  for (uint64_t k : ProbeBands().BandKeys(text::MinHash(shingles))) out->push_back(k | 1);
}

void AddAnchorKey(uint32_t bigram, std::vector<uint64_t>* out) {
  if ((bigram & 1) == 0) out->push_back(static_cast<uint64_t>(bigram) << 1);
}

void SortUnique(std::vector<uint64_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

std::vector<uint64_t> ItemProbeKeys(const std::vector<std::vector<std::string>>& item_terms) {
  std::vector<uint64_t> out, all;
  for (const auto& t : item_terms) {
    std::vector<uint64_t> sh = text::Shingles(t, 4);
    all.insert(all.end(), sh.begin(), sh.end());
    if (t.size() < 2) continue;
    for (uint64_t h : text::Shingles(t, 2)) AddAnchorKey(Fold32(h), &out);
  }
  AddBandKeys(all, &out);
  SortUnique(&out);
  return out;
}

ReleaseProbe ReleaseProbeKeys(const std::vector<std::string>& paragraphs) {
  ReleaseProbe p;
  std::vector<uint64_t> all;
  for (const std::string& para : paragraphs) {
    std::vector<uint64_t> sh = text::Shingles(text::SearchTerms(para), 4);
    all.insert(all.end(), sh.begin(), sh.end());
    for (std::string_view sentence : text::SplitSentences(para)) {
      const std::vector<std::string> terms = text::SearchTerms(sentence);
      if (terms.size() < 2) continue;
      for (uint64_t h : text::Shingles(terms, 2)) AddAnchorKey(Fold32(h), &p.keys);
    }
  }
  SortUnique(&p.keys);
  p.anchors = p.keys.size();  // only anchors so far
  AddBandKeys(all, &p.keys);
  SortUnique(&p.keys);
  return p;
}

bool IsProbeCandidate(const std::vector<uint64_t>& shared) {
  size_t anchors = 0;
  for (uint64_t k : shared) {
    if ((k & 1) != 0) return true;
    ++anchors;
  }
  return anchors >= 2;
}

}  // namespace pol::monitor
