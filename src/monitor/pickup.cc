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

// A set of well-mixed hashes (shingles, term bigrams) for membership tests: open addressing, linear
// probing, load ≤ 1/2; 0 marks an empty slot and is kept aside. In front of it, a one-hash bit filter of
// 16 bits per key: most keys asked about (a candidate release's shingles and bigrams) are not in the item,
// and the filter answers those with one load instead of a probe sequence.
template <typename T>
class HashSet {
 public:
  explicit HashSet(const std::vector<T>& keys) {
    size_t n = 16;
    while (n < 2 * keys.size()) n *= 2;
    slots_.assign(n, 0);
    mask_ = n - 1;
    while ((size_t{1} << filter_bits_) < 16 * keys.size()) ++filter_bits_;
    filter_.assign((size_t{1} << filter_bits_) / 64, 0);
    for (T k : keys) {
      if (k == 0) {
        zero_ = true;
        continue;
      }
      const size_t f = FilterBit(k);
      filter_[f >> 6] |= uint64_t{1} << (f & 63);
      size_t b = Home(k);
      while (slots_[b] != 0 && slots_[b] != k) b = (b + 1) & mask_;
      slots_[b] = k;
    }
  }
  bool Contains(T k) const {
    if (k == 0) return zero_;
    const size_t f = FilterBit(k);
    if ((filter_[f >> 6] >> (f & 63) & 1) == 0) return false;
    for (size_t b = Home(k);; b = (b + 1) & mask_) {
      if (slots_[b] == k) return true;
      if (slots_[b] == 0) return false;
    }
  }

 private:
  size_t Home(T k) const {
    return static_cast<size_t>((static_cast<uint64_t>(k) * 0x9E3779B97F4A7C15ull) >> 40) & mask_;
  }
  size_t FilterBit(T k) const {
    return static_cast<size_t>((static_cast<uint64_t>(k) * 0xD6E8FEB86659FD93ull) >> (64 - filter_bits_));
  }
  std::vector<T> slots_;
  size_t mask_ = 0;
  std::vector<uint64_t> filter_;
  int filter_bits_ = 10;
  bool zero_ = false;
};

}  // namespace

struct PickupIndex::ItemKeys {
  HashSet<uint64_t> shingles;
  HashSet<uint32_t> bigrams;
};

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

bool PickupIndex::SaturatedLocked(uint32_t key) const {
  if (saturated_.empty()) return false;
  const size_t mask = saturated_.size() - 1;
  const uint64_t want = uint64_t{1} << 32 | key;
  for (size_t b = Bucket(key, mask);; b = (b + 1) & mask) {
    if (saturated_[b] == want) return true;
    if (saturated_[b] == 0) return false;
  }
}

void PickupIndex::SaturateLocked(uint32_t key) {
  if (saturated_count_ + 1 > saturated_.size() / 2) {
    std::vector<uint64_t> old = std::move(saturated_);
    saturated_.assign(std::max<size_t>(256, old.size() * 2), 0);
    saturated_count_ = 0;
    for (uint64_t k : old) {
      if (k != 0) SaturateLocked(static_cast<uint32_t>(k));
    }
  }
  const size_t mask = saturated_.size() - 1;
  size_t b = Bucket(key, mask);
  while (saturated_[b] != 0) b = (b + 1) & mask;
  saturated_[b] = uint64_t{1} << 32 | key;
  ++saturated_count_;
}

void PickupIndex::AddAnchorLocked(uint32_t key, uint32_t slot) {
  // A key with more postings than kMaxAnchorPostings names too many releases to tell them apart, and a
  // check ignores it: once it has that many plus one, it goes to the saturated set (checked first, so
  // the check does not walk its chain) and takes no more postings.
  if (SaturatedLocked(key)) return;
  if (!anchor_heads_.empty()) {
    size_t have = 0;
    for (uint32_t e = anchor_heads_[Bucket(key, anchor_heads_.size() - 1)]; e != 0;
         e = anchors_[e - 1].next) {
      have += anchors_[e - 1].key == key;
    }
    if (have > kMaxAnchorPostings) {
      SaturateLocked(key);
      return;
    }
  }
  if (anchors_.size() + 1 > anchor_heads_.size() / 2) {
    // Rehash into twice the buckets, and lay the entries out bucket by bucket (a counting sort): a chain
    // is then one run of memory, read at the cost of one or two cache misses instead of one per entry.
    // Which postings a chain holds is unchanged; only their order, which no check depends on.
    anchor_heads_.assign(std::max<size_t>(1024, anchor_heads_.size() * 2), 0);
    const size_t mask = anchor_heads_.size() - 1;
    std::vector<uint32_t> start(anchor_heads_.size() + 1, 0);
    for (const Anchor& a : anchors_) ++start[Bucket(a.key, mask) + 1];
    for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    std::vector<Anchor> sorted(anchors_.size());
    for (const Anchor& a : anchors_) sorted[start[Bucket(a.key, mask)]++] = a;  // start[b]: end of b now
    uint32_t begin = 0;
    for (size_t b = 0; b < anchor_heads_.size(); ++b) {
      const uint32_t end = start[b];
      for (uint32_t k = begin; k < end; ++k) sorted[k].next = k + 1 < end ? k + 2 : 0;
      anchor_heads_[b] = begin < end ? begin + 1 : 0;
      begin = end;
    }
    anchors_ = std::move(sorted);
  }
  uint32_t& head = anchor_heads_[Bucket(key, anchor_heads_.size() - 1)];
  anchors_.push_back({key, slot, head});
  head = static_cast<uint32_t>(anchors_.size());
}

std::vector<uint64_t> PickupIndex::AnchorCandidatesLocked(const std::vector<uint32_t>& item_bigrams) const {
  std::vector<uint64_t> out;
  if (anchor_heads_.empty()) return out;
  const size_t mask = anchor_heads_.size() - 1;
  // Votes per release slot in a small open-addressing table (slot + 1, votes), instead of sorting every
  // posting: a release named twice (or once by a key at most two releases have) is a candidate.
  thread_local std::vector<std::pair<uint32_t, uint32_t>> votes;
  thread_local std::vector<uint32_t> postings;
  thread_local std::vector<uint32_t> buckets;
  votes.assign(4096, {0, 0});
  size_t used = 0;
  // The heads first, each prefetched: the table is tens of megabytes and every key is a cache miss; then
  // the first entry of each chain (a chain is mostly one run of memory, see AddAnchorLocked); then the walks.
  buckets.resize(item_bigrams.size());
  for (size_t i = 0; i < item_bigrams.size(); ++i) {
    buckets[i] = Bucket(item_bigrams[i], mask);
    __builtin_prefetch(&anchor_heads_[buckets[i]]);
  }
  for (size_t i = 0; i < item_bigrams.size(); ++i) {
    buckets[i] = anchor_heads_[buckets[i]];  // now the chain's first entry (1 + index), 0 for none
    if (buckets[i] != 0) __builtin_prefetch(&anchors_[buckets[i] - 1]);
  }
  for (size_t i = 0; i < item_bigrams.size(); ++i) {
    const uint32_t key = item_bigrams[i];
    if (buckets[i] == 0 || SaturatedLocked(key)) continue;
    postings.clear();
    for (uint32_t e = buckets[i]; e != 0; e = anchors_[e - 1].next) {
      if (anchors_[e - 1].key != key) continue;
      postings.push_back(anchors_[e - 1].slot);
      if (postings.size() > kMaxAnchorPostings) break;
    }
    if (postings.size() > kMaxAnchorPostings) continue;
    // A key that few releases have is evidence enough on its own: counted twice.
    const uint32_t weight = postings.size() <= 2 ? 2 : 1;
    if (used + postings.size() > votes.size() / 2) {  // grow (rare): re-insert the votes so far
      std::vector<std::pair<uint32_t, uint32_t>> old = votes;
      votes.assign(votes.size() * 4, {0, 0});
      used = 0;
      const size_t m = votes.size() - 1;
      for (const auto& [s1, n] : old) {
        if (s1 == 0) continue;
        size_t b = Bucket(s1 - 1, m);
        while (votes[b].first != 0) b = (b + 1) & m;
        votes[b] = {s1, n};
        ++used;
      }
    }
    const size_t vm = votes.size() - 1;
    for (uint32_t slot : postings) {
      for (size_t b = Bucket(slot, vm);; b = (b + 1) & vm) {
        if (votes[b].first == slot + 1) {
          votes[b].second += weight;
          break;
        }
        if (votes[b].first == 0) {
          votes[b] = {slot + 1, weight};
          ++used;
          break;
        }
      }
    }
  }
  for (const auto& [s1, n] : votes) {
    if (s1 != 0 && n >= 2) out.push_back(s1 - 1);
  }
  std::sort(out.begin(), out.end());
  return out;
}

uint32_t PickupIndex::CommonLineLocked() const {
  // df > line for a whole df is df > floor(line): the line as a whole number, worked out once per check.
  return static_cast<uint32_t>(std::max(static_cast<double>(options_.common_min_df),
                                        options_.common_share * static_cast<double>(releases_.size())));
}

bool PickupIndex::CommonLocked(uint32_t bigram, uint32_t line) const {
  if (df_.empty()) return false;
  return std::min(df_[DfCell(bigram, 0)], df_[DfCell(bigram, 1)]) > line;
}

void PickupIndex::Words(const Release& r, const ItemKeys& item, uint32_t line, PickupEvidence* e) const {
  if (r.bigrams.empty()) return;
  // First pass, allocation-free: which release positions the item has (index i into r.bigrams, and
  // whether the bigram is common among the releases — no evidence). Most candidates stop here.
  thread_local std::vector<uint32_t> hit_at;  // i << 1 | common
  hit_at.clear();
  size_t found = 0;
  for (size_t i = 0; i < r.bigrams.size(); ++i) {
    const uint32_t a = r.bigrams[i];
    if (!item.bigrams.Contains(a)) continue;
    const bool common = CommonLocked(a, line);
    hit_at.push_back(static_cast<uint32_t>(i << 1) | (common ? 1u : 0u));
    if (!common) ++found;
  }
  e->bigram_containment = static_cast<double>(found) / static_cast<double>(r.bigrams.size());
  if (hit_at.size() < 4) return;  // no rule below can hold with fewer
  // mark[position]: bit 0 the bigram is in the item, bit 1 it is common among the releases (looked up for
  // bigrams in the item only, the others when a paragraph's share is needed).
  const size_t n = r.sentence_begin.back();
  thread_local std::vector<uint8_t> mark;
  mark.assign(n, 0);
  for (uint32_t h : hit_at) mark[r.bigram_pos[h >> 1]] = static_cast<uint8_t>((h & 1) != 0 ? 3 : 1);
  const size_t np = r.paragraph_sizes.size();
  uint32_t lead_size = 0, lead_hits = 0, taken = 0, taken_bigrams = 0, body_taken = 0;
  // Per paragraph: bigrams, its positions, uncommon bigrams in the item, uncommon ones in runs.
  thread_local std::vector<uint32_t> para;
  para.assign(5 * np, 0);
  uint32_t* const para_size = para.data();
  uint32_t* const para_begin = para_size + np;
  uint32_t* const para_end = para_begin + np;
  uint32_t* const para_hits = para_end + np;
  uint32_t* const para_run = para_hits + np;
  bool any_run = false;
  for (size_t s = 0; s + 1 < r.sentence_begin.size(); ++s) {
    const uint16_t pa = r.sentence_paragraph[s];
    const uint32_t size = r.sentence_begin[s + 1] - r.sentence_begin[s];
    if (para_size[pa] == 0) para_begin[pa] = r.sentence_begin[s];
    para_end[pa] = r.sentence_begin[s + 1];
    uint32_t hits = 0, run = 0, run_uncommon = 0;
    auto close_run = [&] {
      e->longest_run = std::max(e->longest_run, static_cast<int>(run));
      if (run >= static_cast<uint32_t>(options_.min_run)) {
        para_run[pa] += run_uncommon;
        any_run = any_run || (pa >= 2 && run_uncommon > 0);
      }
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
      para_hits[pa] += uncommon;
    }
    close_run();
    para_size[pa] += size;
    if (pa == 1) {
      lead_size += size;
      lead_hits += hits;
    }
    if (size < static_cast<uint32_t>(options_.min_sentence_bigrams)) continue;
    if (hits < options_.sentence_containment * size) continue;
    ++taken;
    taken_bigrams += size;
    if (pa >= 2) ++body_taken;
  }
  e->summary = lead_size >= 6 && lead_hits >= options_.lead_containment * lead_size && body_taken >= 1;
  e->partial = taken >= 2 && taken_bigrams >= static_cast<uint32_t>(options_.min_taken_bigrams);
  // Part of one paragraph (the lead or the body) taken: enough of its uncommon bigrams, at least half of
  // all its bigrams.
  for (size_t p = 1; p < np && !e->partial; ++p) {
    e->partial = para_hits[p] >= static_cast<uint32_t>(options_.min_paragraph_bigrams) &&
                 para_hits[p] >= options_.paragraph_bigram_containment * para_size[p];
  }
  if (!any_run) return;
  // The hash at each position, for the share of uncommon bigrams of a paragraph with runs.
  thread_local std::vector<uint32_t> hash_at;
  hash_at.resize(n);
  for (size_t k = 0; k < r.bigrams.size(); ++k) hash_at[r.bigram_pos[k]] = r.bigrams[k];
  // Runs of words in one body paragraph. Not the title, and not the lead: leads are formulaic («مدیرکل
  // … استان … گفت:») and same-subject stories share their first words; a lead taken counts as a summary.
  for (size_t p = 2; p < np; ++p) {
    if (para_run[p] == 0) continue;
    uint32_t uncommon = 0;
    for (uint32_t k = para_begin[p]; k < para_end[p]; ++k) {
      uncommon += (mark[k] & 1) != 0 ? (mark[k] & 2) == 0 : !CommonLocked(hash_at[k], line);
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
  const ItemKeys item{HashSet<uint64_t>(all), HashSet<uint32_t>(item_bigrams)};

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
  const uint32_t common_line = CommonLineLocked();
  for (size_t si = 0; si < slots.size(); ++si) {
    // The candidates are scattered over the index: the release two ahead and the arrays of the next one
    // are fetched while this one is read.
    if (si + 2 < slots.size()) __builtin_prefetch(&releases_[slots[si + 2]]);
    if (si + 1 < slots.size()) {
      const Release& next = releases_[slots[si + 1]];
      __builtin_prefetch(next.shingles.data());
      __builtin_prefetch(next.paragraph.data());
      __builtin_prefetch(next.bigrams.data());
    }
    const Release& r = releases_[slots[si]];
    hits.assign(r.paragraph_sizes.size(), 0);
    // The release's shingles found in the item (both are sets).
    size_t found = 0;
    for (size_t i = 0; i < r.shingles.size(); ++i) {
      if (!item.shingles.Contains(r.shingles[i])) continue;
      hits[r.paragraph[i]]++;
      ++found;
    }
    PickupEvidence e;
    e.release_id = r.id;
    e.containment = static_cast<double>(found) / static_cast<double>(r.shingles.size());
    for (size_t p = 0; p < hits.size() && !e.paragraph_taken; ++p) {
      const double c = r.paragraph_sizes[p] == 0 ? 0 : static_cast<double>(hits[p]) / r.paragraph_sizes[p];
      e.paragraph_taken = c >= options_.paragraph_containment &&
                          r.paragraph_sizes[p] >= static_cast<uint32_t>(options_.min_paragraph_shingles);
    }
    bool by_bigrams = false;
    if (explain != nullptr || (e.containment < options_.min_containment && !e.paragraph_taken)) {
      Words(r, item, common_line, &e);
      by_bigrams = e.bigram_containment >= options_.min_bigram_containment;
    }
    e.picked = e.containment >= options_.min_containment || e.paragraph_taken || by_bigrams || e.summary ||
               e.partial || e.run_partial;
    if (explain != nullptr) explain->push_back(e);
    if (!e.picked) continue;
    // The match (built for pickups only: most candidates are not).
    PickupMatch m;
    m.release_id = r.id;
    m.containment = e.containment;
    m.paragraph_containment.resize(hits.size());
    for (size_t p = 0; p < hits.size(); ++p) {
      const double c = r.paragraph_sizes[p] == 0 ? 0 : static_cast<double>(hits[p]) / r.paragraph_sizes[p];
      m.paragraph_containment[p] = c;
      if (c >= 0.5 && r.paragraph_sizes[p] > 0) m.paragraphs.push_back(static_cast<int>(p));
    }
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
