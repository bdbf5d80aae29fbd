#include "monitor/pickup.h"

#include <algorithm>

#include "text/minhash.h"
#include "text/search_terms.h"
#include "text/shingles.h"

namespace pol::monitor {

std::vector<std::string> Paragraphs(const std::string& title, const std::string& lead,
                                    const std::string& body) {
  std::vector<std::string> out{title, lead};
  size_t i = 0;
  while (i < body.size()) {
    size_t j = body.find('\n', i);
    if (j == std::string::npos) j = body.size();
    if (j > i) out.push_back(body.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

PickupIndex::PickupIndex(PickupOptions options) : options_(options), whole_(32), paragraphs_(16) {}

void PickupIndex::Add(int64_t release_id, const std::vector<std::string>& paragraphs) {
  Release r;
  r.id = release_id;
  std::vector<std::pair<uint64_t, uint16_t>> tagged;
  std::vector<text::MinHashSignature> para_sigs;
  std::vector<uint64_t> all;
  const size_t np = std::min<size_t>(paragraphs.size(), 0xFFFE);
  for (size_t p = 0; p < np; ++p) {
    std::vector<uint64_t> sh = text::Shingles(text::SearchTerms(paragraphs[p]), options_.shingle_k);
    para_sigs.push_back(sh.size() >= 3 ? text::MinHash(sh) : text::MinHashSignature{});
    for (uint64_t h : sh) tagged.emplace_back(h, static_cast<uint16_t>(p));
    all.insert(all.end(), sh.begin(), sh.end());
  }
  std::sort(tagged.begin(), tagged.end());
  r.paragraph_sizes.assign(np, 0);
  for (size_t i = 0; i < tagged.size(); ++i) {
    if (i > 0 && tagged[i].first == tagged[i - 1].first) continue;  // first paragraph wins
    r.shingles.push_back(tagged[i].first);
    r.paragraph.push_back(tagged[i].second);
    r.paragraph_sizes[tagged[i].second]++;
  }
  if (r.shingles.empty()) return;
  const text::MinHashSignature whole = text::MinHash(all);
  WriterLock lock(&mu_);
  const uint64_t slot = releases_.size();
  whole_.Add(slot, whole);
  for (size_t p = 0; p < para_sigs.size(); ++p) {
    if (!para_sigs[p].empty) paragraphs_.Add((slot << 16) | p, para_sigs[p]);
  }
  releases_.push_back(std::move(r));
  ids_.insert(std::upper_bound(ids_.begin(), ids_.end(), release_id), release_id);
}

size_t PickupIndex::size() const {
  ReaderLock lock(&mu_);
  return releases_.size();
}

bool PickupIndex::Contains(int64_t release_id) const {
  ReaderLock lock(&mu_);
  return std::binary_search(ids_.begin(), ids_.end(), release_id);
}

std::vector<PickupMatch> PickupIndex::Check(const std::vector<std::string>& item_paragraphs) const {
  std::vector<std::vector<std::string>> terms;
  terms.reserve(item_paragraphs.size());
  for (const auto& p : item_paragraphs) terms.push_back(text::SearchTerms(p));
  return CheckTerms(terms);
}

std::vector<PickupMatch> PickupIndex::CheckTerms(
    const std::vector<std::vector<std::string>>& item_terms) const {
  std::vector<uint64_t> all;
  std::vector<text::MinHashSignature> sigs;
  for (const auto& t : item_terms) {
    std::vector<uint64_t> sh = text::Shingles(t, options_.shingle_k);
    // Paragraph probes only for paragraphs long enough to be "taken" on their own; short lines (titles,
    // datelines, boilerplate) count through the whole-text signature and the exact check.
    if (sh.size() >= 8) sigs.push_back(text::MinHash(sh));
    all.insert(all.end(), sh.begin(), sh.end());
  }
  if (all.empty()) return {};
  const text::MinHashSignature whole = text::MinHash(all);
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());

  ReaderLock lock(&mu_);
  std::vector<uint64_t> slots = whole_.Candidates(whole);
  for (const auto& s : sigs) {
    for (uint64_t id : paragraphs_.Candidates(s)) slots.push_back(id >> 16);
  }
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());

  std::vector<PickupMatch> out;
  std::vector<uint32_t> hits;
  for (uint64_t slot : slots) {
    const Release& r = releases_[slot];
    hits.assign(r.paragraph_sizes.size(), 0);
    // Merge of two sorted sets.
    size_t i = 0, j = 0, found = 0;
    while (i < r.shingles.size() && j < all.size()) {
      if (r.shingles[i] < all[j]) {
        ++i;
      } else if (all[j] < r.shingles[i]) {
        ++j;
      } else {
        hits[r.paragraph[i]]++;
        ++found;
        ++i;
        ++j;
      }
    }
    PickupMatch m;
    m.release_id = r.id;
    m.containment = static_cast<double>(found) / static_cast<double>(r.shingles.size());
    bool paragraph_taken = false;
    m.paragraph_containment.resize(hits.size());
    for (size_t p = 0; p < hits.size(); ++p) {
      const double c = r.paragraph_sizes[p] == 0 ? 0 : static_cast<double>(hits[p]) / r.paragraph_sizes[p];
      m.paragraph_containment[p] = c;
      if (c >= 0.5 && r.paragraph_sizes[p] > 0) m.paragraphs.push_back(static_cast<int>(p));
      if (c >= options_.paragraph_containment &&
          r.paragraph_sizes[p] >= static_cast<uint32_t>(options_.min_paragraph_shingles)) {
        paragraph_taken = true;
      }
    }
    if (m.containment < options_.min_containment && !paragraph_taken) continue;
    m.kind = m.containment >= 0.9 ? "verbatim" : m.containment >= 0.5 ? "edited" : "partial";
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const PickupMatch& a, const PickupMatch& b) {
    return a.containment != b.containment ? a.containment > b.containment : a.release_id < b.release_id;
  });
  return out;
}

}  // namespace pol::monitor
