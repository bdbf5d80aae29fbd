#include "text/shingles.h"

#include <algorithm>

#include "text/internal/mix.h"
#include "text/internal/static_set.h"
#include "text/search_terms.h"

namespace pol::text {

uint64_t TermHash(std::string_view term) { return internal::HashBytes(term); }

std::vector<uint64_t> Shingles(const std::vector<std::string>& terms, int k) {
  std::vector<uint64_t> out;
  if (terms.empty()) return out;
  if (k < 1) k = 1;
  std::vector<uint64_t> th(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) th[i] = TermHash(terms[i]);
  size_t n = terms.size();
  size_t window = std::min<size_t>(static_cast<size_t>(k), n);
  out.reserve(n - window + 1);
  for (size_t i = 0; i + window <= n; ++i) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ window;
    for (size_t j = 0; j < window; ++j) h = internal::Mix64(h ^ th[i + j]) + j;
    out.push_back(h);
  }
  return out;
}

std::vector<uint64_t> TextShingles(std::string_view utf8, int k) { return Shingles(SearchTerms(utf8), k); }

ShingleSet MakeShingleSet(std::vector<uint64_t> shingles) {
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  return ShingleSet{std::move(shingles)};
}

namespace {
size_t Intersection(const ShingleSet& a, const ShingleSet& b) {
  size_t i = 0, j = 0, n = 0;
  while (i < a.hashes.size() && j < b.hashes.size()) {
    if (a.hashes[i] < b.hashes[j]) {
      ++i;
    } else if (b.hashes[j] < a.hashes[i]) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}
}  // namespace

double Containment(const ShingleSet& a, const ShingleSet& b) {
  if (a.empty()) return 0.0;
  return static_cast<double>(Intersection(a, b)) / static_cast<double>(a.size());
}

double Jaccard(const ShingleSet& a, const ShingleSet& b) {
  if (a.empty() && b.empty()) return 0.0;
  size_t inter = Intersection(a, b);
  return static_cast<double>(inter) / static_cast<double>(a.size() + b.size() - inter);
}

}  // namespace pol::text
