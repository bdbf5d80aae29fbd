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

// The document-frequency sketch: two rows of 2^19 saturating counters, indexed by two hashes of a bigram.
// Collisions only overcount, which makes a bigram look common (no evidence), never rare.
constexpr size_t kDfCells = size_t{1} << 19;
size_t DfCell(uint32_t key, size_t row) {
  const uint32_t h = row == 0 ? key * 0x85EBCA6Bu : (key ^ 0x5BD1E995u) * 0xC2B2AE35u;
  return row * kDfCells + ((h >> 13) & (kDfCells - 1));
}

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
  // Term bigrams in text order, sentence by sentence (at most 0xFFFF positions).
  std::vector<std::pair<uint32_t, uint16_t>> bigrams;  // hash, position
  uint32_t pos = 0;
  for (size_t p = 0; p < np && r.sentence_paragraph.size() < 0xFFFE; ++p) {
    for (std::string_view sentence : text::SplitSentences(paragraphs[p])) {
      const std::vector<std::string> terms = text::SearchTerms(sentence);
      if (terms.size() < 2 || pos + terms.size() > 0xFFFF) continue;
      r.sentence_paragraph.push_back(static_cast<uint16_t>(p));
      r.sentence_begin.push_back(static_cast<uint16_t>(pos));
      for (uint64_t h : text::Shingles(terms, 2))
        bigrams.emplace_back(Fold32(h), static_cast<uint16_t>(pos++));
      if (r.sentence_paragraph.size() >= 0xFFFE) break;
    }
  }
  r.sentence_begin.push_back(static_cast<uint16_t>(pos));
  std::sort(bigrams.begin(), bigrams.end());
  std::vector<uint32_t> anchors;
  std::vector<uint8_t> anchored(r.sentence_paragraph.size(), 0);
  for (size_t i = 0; i < bigrams.size(); ++i) {
    r.bigrams.push_back(bigrams[i].first);  // every occurrence: a repeated bigram does not break a run
    r.bigram_pos.push_back(bigrams[i].second);
    if (i > 0 && bigrams[i].first == bigrams[i - 1].first) continue;  // one anchor per bigram
    const auto sentence = static_cast<size_t>(
        std::upper_bound(r.sentence_begin.begin(), r.sentence_begin.end() - 1, bigrams[i].second) -
        r.sentence_begin.begin() - 1);
    // Ascending order: the first two bigrams of a sentence met here are its two smallest. One bigram in
    // eight (by hash) is an anchor too, so part of a long sentence is found.
    if (anchored[sentence] < 2) {
      anchored[sentence]++;
      anchors.push_back(bigrams[i].first);
    } else if ((bigrams[i].first & 7) == 0) {
      anchors.push_back(bigrams[i].first);
    }
  }
  const text::MinHashSignature whole = text::MinHash(all);
  WriterLock lock(&mu_);
  const uint64_t slot = releases_.size();
  if (df_.empty()) df_.assign(2 * kDfCells, 0);
  for (size_t i = 0; i < r.bigrams.size(); ++i) {
    if (i > 0 && r.bigrams[i] == r.bigrams[i - 1]) continue;  // document frequency: once per release
    const uint32_t key = r.bigrams[i];
    for (size_t row = 0; row < 2; ++row) {
      uint16_t& cell = df_[DfCell(key, row)];
      if (cell < 0xFFFF) ++cell;
    }
  }
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

bool PickupIndex::CommonLocked(uint32_t bigram) const {
  if (df_.empty()) return false;
  const uint32_t df = std::min(df_[DfCell(bigram, 0)], df_[DfCell(bigram, 1)]);
  const double line = std::max(static_cast<double>(options_.common_min_df),
                               options_.common_share * static_cast<double>(releases_.size()));
  return df > line;
}

void PickupIndex::Words(const Release& r, const std::vector<uint32_t>& item_bigrams,
                        PickupEvidence* e) const {
  if (r.bigrams.empty()) return;
  // mark[position]: bit 0 the bigram is in the item, bit 1 it is common among the releases (no evidence;
  // looked up for bigrams in the item only, the others when a paragraph's share is needed).
  const size_t n = r.sentence_begin.back();
  std::vector<uint8_t> mark(n, 0);
  std::vector<uint32_t> hash_at(n, 0);
  size_t j = 0, found = 0, hits_all = 0;
  for (size_t i = 0; i < r.bigrams.size(); ++i) {
    hash_at[r.bigram_pos[i]] = r.bigrams[i];
    while (j < item_bigrams.size() && item_bigrams[j] < r.bigrams[i]) ++j;
    if (j == item_bigrams.size() || item_bigrams[j] != r.bigrams[i]) continue;
    ++hits_all;
    const bool common = CommonLocked(r.bigrams[i]);
    mark[r.bigram_pos[i]] = static_cast<uint8_t>(common ? 3 : 1);
    if (!common) ++found;
  }
  e->bigram_containment = static_cast<double>(found) / static_cast<double>(r.bigrams.size());
  if (hits_all < 4) return;  // no rule below can hold with fewer
  const size_t np = r.paragraph_sizes.size();
  uint32_t lead_size = 0, lead_hits = 0, taken = 0, taken_bigrams = 0, body_taken = 0;
  // Per paragraph: bigrams, its positions, uncommon bigrams in the item, uncommon ones in runs.
  std::vector<uint32_t> para_size(np, 0), para_begin(np, 0), para_end(np, 0), para_hits(np, 0),
      para_run(np, 0);
  for (size_t s = 0; s + 1 < r.sentence_begin.size(); ++s) {
    const uint16_t para = r.sentence_paragraph[s];
    const uint32_t size = r.sentence_begin[s + 1] - r.sentence_begin[s];
    if (para_size[para] == 0) para_begin[para] = r.sentence_begin[s];
    para_end[para] = r.sentence_begin[s + 1];
    uint32_t hits = 0, run = 0, run_uncommon = 0;
    auto close_run = [&] {
      e->longest_run = std::max(e->longest_run, static_cast<int>(run));
      if (run >= static_cast<uint32_t>(options_.min_run)) para_run[para] += run_uncommon;
      run = run_uncommon = 0;
    };
    for (uint32_t k = r.sentence_begin[s]; k < r.sentence_begin[s + 1]; ++k) {
      if ((mark[k] & 1) == 0) {
        close_run();
        continue;
      }
      const bool uncommon = (mark[k] & 2) == 0;
      ++hits;
      ++run;
      run_uncommon += uncommon;
      para_hits[para] += uncommon;
    }
    close_run();
    para_size[para] += size;
    if (para == 1) {
      lead_size += size;
      lead_hits += hits;
    }
    if (size < static_cast<uint32_t>(options_.min_sentence_bigrams)) continue;
    if (hits < options_.sentence_containment * size) continue;
    ++taken;
    taken_bigrams += size;
    if (para >= 2) ++body_taken;
  }
  e->summary = lead_size >= 6 && lead_hits >= options_.lead_containment * lead_size && body_taken >= 1;
  e->partial = taken >= 2 && taken_bigrams >= static_cast<uint32_t>(options_.min_taken_bigrams);
  // Part of one paragraph (the lead or the body) taken: enough of its uncommon bigrams, at least half of
  // all its bigrams.
  for (size_t p = 1; p < np && !e->partial; ++p) {
    e->partial = para_hits[p] >= static_cast<uint32_t>(options_.min_paragraph_bigrams) &&
                 para_hits[p] >= options_.paragraph_bigram_containment * para_size[p];
  }
  // Runs of words in one body paragraph. Not the title, and not the lead: leads are formulaic («مدیرکل
  // … استان … گفت:») and same-subject stories share their first words; a lead taken counts as a summary.
  for (size_t p = 2; p < np; ++p) {
    if (para_run[p] == 0) continue;
    uint32_t uncommon = 0;
    for (uint32_t k = para_begin[p]; k < para_end[p]; ++k) {
      uncommon += (mark[k] & 1) != 0 ? (mark[k] & 2) == 0 : !CommonLocked(hash_at[k]);
    }
    const double share = uncommon == 0 ? 0 : static_cast<double>(para_run[p]) / static_cast<double>(uncommon);
    if (static_cast<int>(para_run[p]) > e->run_bigrams ||
        (static_cast<int>(para_run[p]) == e->run_bigrams && share > e->run_share)) {
      e->run_bigrams = static_cast<int>(para_run[p]);
      e->run_share = share;
    }
    if ((para_run[p] >= static_cast<uint32_t>(options_.min_run_bigrams) && share >= options_.run_share) ||
        para_run[p] >= static_cast<uint32_t>(options_.long_run_bigrams)) {
      e->run_partial = true;
    }
  }
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

std::vector<PickupEvidence> PickupIndex::Explain(const std::vector<std::string>& item_paragraphs) const {
  std::vector<std::vector<std::string>> terms;
  terms.reserve(item_paragraphs.size());
  for (const auto& p : item_paragraphs) terms.push_back(text::SearchTerms(p));
  std::vector<PickupEvidence> out;
  (void)Evaluate(terms, &out);
  return out;
}

std::vector<PickupMatch> PickupIndex::CheckTerms(
    const std::vector<std::vector<std::string>>& item_terms) const {
  return Evaluate(item_terms, nullptr);
}

std::vector<PickupMatch> PickupIndex::Evaluate(const std::vector<std::vector<std::string>>& item_terms,
                                               std::vector<PickupEvidence>* explain) const {
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
    PickupEvidence e;
    e.release_id = r.id;
    e.containment = static_cast<double>(found) / static_cast<double>(r.shingles.size());
    PickupMatch m;
    m.release_id = r.id;
    m.containment = e.containment;
    m.paragraph_containment.resize(hits.size());
    for (size_t p = 0; p < hits.size(); ++p) {
      const double c = r.paragraph_sizes[p] == 0 ? 0 : static_cast<double>(hits[p]) / r.paragraph_sizes[p];
      m.paragraph_containment[p] = c;
      if (c >= 0.5 && r.paragraph_sizes[p] > 0) m.paragraphs.push_back(static_cast<int>(p));
      if (c >= options_.paragraph_containment &&
          r.paragraph_sizes[p] >= static_cast<uint32_t>(options_.min_paragraph_shingles)) {
        e.paragraph_taken = true;
      }
    }
    bool by_bigrams = false;
    if (explain != nullptr || (e.containment < options_.min_containment && !e.paragraph_taken)) {
      Words(r, item_bigrams, &e);
      by_bigrams = e.bigram_containment >= options_.min_bigram_containment;
    }
    e.picked = e.containment >= options_.min_containment || e.paragraph_taken || by_bigrams || e.summary ||
               e.partial || e.run_partial;
    if (explain != nullptr) explain->push_back(e);
    if (!e.picked) continue;
    const bool shingle_evidence = e.containment >= options_.min_containment || e.paragraph_taken;
    m.kind = m.containment >= 0.9                                        ? "verbatim"
             : m.containment >= 0.5 || (!shingle_evidence && by_bigrams) ? "edited"
                                                                         : "partial";
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const PickupMatch& a, const PickupMatch& b) {
    return a.containment != b.containment ? a.containment > b.containment : a.release_id < b.release_id;
  });
  return out;
}

}  // namespace pol::monitor
