#include "monitor/pickup.h"

#include <algorithm>

#include "text/minhash.h"
#include "text/search_terms.h"
#include "text/sentences.h"
#include "text/shingles.h"

namespace pol::monitor {
namespace {

uint32_t Fold32(uint64_t h) { return static_cast<uint32_t>(h ^ (h >> 32)); }

uint32_t Bucket(uint32_t key, size_t mask) { return static_cast<uint32_t>((key * 0x9E3779B1u) & mask); }

// An anchor key naming more releases than this is too common to tell them apart: ignored.
constexpr int kMaxAnchorPostings = 64;

// The term bigrams of paragraphs' terms, as sorted unique 32-bit hashes.
std::vector<uint32_t> ItemBigrams(const std::vector<std::vector<std::string>>& item_terms) {
  std::vector<uint32_t> out;
  for (const auto& t : item_terms) {
    if (t.size() < 2) continue;
    for (uint64_t h : text::Shingles(t, 2)) out.push_back(Fold32(h));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

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
  // Term bigrams per sentence (first sentence wins a bigram found twice).
  std::vector<std::pair<uint32_t, uint16_t>> bigrams;
  for (size_t p = 0; p < np && r.sentence_paragraph.size() < 0xFFFE; ++p) {
    for (std::string_view sentence : text::SplitSentences(paragraphs[p])) {
      const std::vector<std::string> terms = text::SearchTerms(sentence);
      if (terms.size() < 2) continue;
      const auto index = static_cast<uint16_t>(r.sentence_paragraph.size());
      r.sentence_paragraph.push_back(static_cast<uint16_t>(p));
      for (uint64_t h : text::Shingles(terms, 2)) bigrams.emplace_back(Fold32(h), index);
      if (r.sentence_paragraph.size() >= 0xFFFE) break;
    }
  }
  std::sort(bigrams.begin(), bigrams.end());
  r.sentence_sizes.assign(r.sentence_paragraph.size(), 0);
  std::vector<uint32_t> anchors;
  std::vector<uint8_t> anchored(r.sentence_paragraph.size(), 0);
  for (size_t i = 0; i < bigrams.size(); ++i) {
    if (i > 0 && bigrams[i].first == bigrams[i - 1].first) continue;
    r.bigrams.push_back(bigrams[i].first);
    r.bigram_sentence.push_back(bigrams[i].second);
    r.sentence_sizes[bigrams[i].second]++;
    // Ascending order: the first two bigrams of a sentence met here are its two smallest. One bigram in
    // eight (by hash) is an anchor too, so part of a long sentence is found.
    if (anchored[bigrams[i].second] < 2) {
      anchored[bigrams[i].second]++;
      anchors.push_back(bigrams[i].first);
    } else if ((bigrams[i].first & 7) == 0) {
      anchors.push_back(bigrams[i].first);
    }
  }
  const text::MinHashSignature whole = text::MinHash(all);
  WriterLock lock(&mu_);
  const uint64_t slot = releases_.size();
  for (uint32_t key : anchors) AddAnchorLocked(key, static_cast<uint32_t>(slot));
  whole_.Add(slot, whole);
  for (size_t p = 0; p < para_sigs.size(); ++p) {
    if (!para_sigs[p].empty) paragraphs_.Add((slot << 16) | p, para_sigs[p]);
  }
  releases_.push_back(std::move(r));
  ids_.insert(std::upper_bound(ids_.begin(), ids_.end(), release_id), release_id);
}

void PickupIndex::AddAnchorLocked(uint32_t key, uint32_t slot) {
  if (anchors_.size() + 1 > anchor_heads_.size() / 2) {
    anchor_heads_.assign(std::max<size_t>(1024, anchor_heads_.size() * 2), 0);
    const size_t mask = anchor_heads_.size() - 1;
    for (size_t i = 0; i < anchors_.size(); ++i) {
      uint32_t& head = anchor_heads_[Bucket(anchors_[i].key, mask)];
      anchors_[i].next = head;
      head = static_cast<uint32_t>(i + 1);
    }
  }
  uint32_t& head = anchor_heads_[Bucket(key, anchor_heads_.size() - 1)];
  anchors_.push_back({key, slot, head});
  head = static_cast<uint32_t>(anchors_.size());
}

std::vector<uint64_t> PickupIndex::AnchorCandidatesLocked(const std::vector<uint32_t>& item_bigrams) const {
  std::vector<uint64_t> named;
  if (anchor_heads_.empty()) return named;
  const size_t mask = anchor_heads_.size() - 1;
  std::vector<uint64_t> postings;
  for (uint32_t key : item_bigrams) {
    postings.clear();
    for (uint32_t e = anchor_heads_[Bucket(key, mask)]; e != 0; e = anchors_[e - 1].next) {
      if (anchors_[e - 1].key != key) continue;
      postings.push_back(anchors_[e - 1].slot);
      if (postings.size() > kMaxAnchorPostings) break;
    }
    if (postings.size() > kMaxAnchorPostings) continue;
    // A key that few releases have is evidence enough on its own: counted twice.
    if (postings.size() <= 2) named.insert(named.end(), postings.begin(), postings.end());
    named.insert(named.end(), postings.begin(), postings.end());
  }
  std::sort(named.begin(), named.end());
  std::vector<uint64_t> out;
  for (size_t i = 0; i < named.size();) {
    size_t j = i;
    while (j < named.size() && named[j] == named[i]) ++j;
    if (j - i >= 2) out.push_back(named[i]);
    i = j;
  }
  return out;
}

PickupIndex::WordEvidence PickupIndex::Words(const Release& r,
                                             const std::vector<uint32_t>& item_bigrams) const {
  WordEvidence w;
  if (r.bigrams.empty()) return w;
  std::vector<uint16_t> hits(r.sentence_sizes.size(), 0);
  size_t i = 0, j = 0, found = 0;
  while (i < r.bigrams.size() && j < item_bigrams.size()) {
    if (r.bigrams[i] < item_bigrams[j]) {
      ++i;
    } else if (item_bigrams[j] < r.bigrams[i]) {
      ++j;
    } else {
      hits[r.bigram_sentence[i]]++;
      ++found;
      ++i;
      ++j;
    }
  }
  w.bigram_containment = static_cast<double>(found) / static_cast<double>(r.bigrams.size());
  uint32_t lead_size = 0, lead_hits = 0, taken = 0, taken_bigrams = 0, body_taken = 0;
  std::vector<uint32_t> para_size(r.paragraph_sizes.size(), 0), para_hits(r.paragraph_sizes.size(), 0);
  for (size_t s = 0; s < hits.size(); ++s) {
    const uint16_t para = r.sentence_paragraph[s];
    para_size[para] += r.sentence_sizes[s];
    para_hits[para] += hits[s];
    if (para == 1) {
      lead_size += r.sentence_sizes[s];
      lead_hits += hits[s];
    }
    if (r.sentence_sizes[s] < options_.min_sentence_bigrams) continue;
    if (hits[s] < options_.sentence_containment * r.sentence_sizes[s]) continue;
    ++taken;
    taken_bigrams += r.sentence_sizes[s];
    if (para >= 2) ++body_taken;
  }
  w.summary = lead_size >= 6 && lead_hits >= options_.lead_containment * lead_size && body_taken >= 1;
  w.partial = taken >= 2 && taken_bigrams >= static_cast<uint32_t>(options_.min_taken_bigrams);
  // Part of one paragraph (the lead or the body) taken: enough of its bigrams, at least half of them.
  for (size_t p = 1; p < para_size.size() && !w.partial; ++p) {
    w.partial = para_hits[p] >= static_cast<uint32_t>(options_.min_paragraph_bigrams) &&
                para_hits[p] >= options_.paragraph_bigram_containment * para_size[p];
  }
  return w;
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

  const std::vector<uint32_t> item_bigrams = ItemBigrams(item_terms);

  ReaderLock lock(&mu_);
  std::vector<uint64_t> slots = whole_.Candidates(whole);
  for (uint64_t slot : AnchorCandidatesLocked(item_bigrams)) slots.push_back(slot);
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
    bool by_bigrams = false;
    if (m.containment < options_.min_containment && !paragraph_taken) {
      const WordEvidence w = Words(r, item_bigrams);
      by_bigrams = w.bigram_containment >= options_.min_bigram_containment;
      if (!by_bigrams && !w.summary && !w.partial) continue;
    }
    m.kind = m.containment >= 0.9 ? "verbatim" : m.containment >= 0.5 || by_bigrams ? "edited" : "partial";
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const PickupMatch& a, const PickupMatch& b) {
    return a.containment != b.containment ? a.containment > b.containment : a.release_id < b.release_id;
  });
  return out;
}

}  // namespace pol::monitor
