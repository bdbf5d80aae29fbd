// Press pickup ("reflection"): which media items reuse a release's text —
// verbatim, edited, or in part.
//
// Each release is kept in memory as the sorted set of its 4-term shingles over
// search terms (so re-typing with Arabic letters, other digits or ZWNJ habits
// changes nothing), each shingle tagged with the paragraph it comes from, plus
// MinHash signatures in two LSH indexes: the whole text (32 bands × 4 rows:
// Jaccard 0.5 found with p = 0.87, for edited copies) and every paragraph
// (16 bands × 8 rows: a paragraph taken nearly as is, Jaccard ≥ 0.8, found
// with p ≥ 0.98; half the probes of 32 bands). Checking an item:
//   1. MinHash of the item and of each of its paragraphs → LSH candidates
//      (a release whose whole text or any paragraph is similar);
//   2. exact containment per candidate: the share of the release's shingles
//      found in the item, overall and per paragraph;
//   3. a pickup when overall containment ≥ min_containment, or when a
//      substantial paragraph (≥ min_paragraph_shingles) is taken at
//      ≥ paragraph_containment.
//   4. since issue 18, word-level evidence on term bigrams for candidates found by the LSH or by
//      sentence anchors (two smallest bigram hashes of each release sentence): a pickup also when the
//      release's bigrams are ≥ min_bigram_containment in the item (heavily edited copies), when its
//      lead is taken (≥ lead_containment) with at least one body sentence (summaries), or when two or
//      more of its sentences with min_taken_bigrams bigrams between them are taken, or half of one
//      paragraph's bigrams and at least min_paragraph_bigrams (partial takes). Bigram containment and
//      the paragraph rule count only bigrams that are not common among the releases (see 5).
//   5. since issue 18 (second wave), runs of words: the release's bigrams are kept in text order, and a
//      body paragraph of the release counts as taken in part when the item repeats runs of at
//      least min_run consecutive bigrams covering ≥ min_run_bigrams and ≥ run_share of it (or
//      ≥ long_run_bigrams whatever the share). Only bigrams
//      that are not common among the indexed releases (document frequency above common_share of them,
//      at least common_min_df; a count-min sketch) count toward a run's size, so agency boilerplate and
//      titles that every release of an office repeats («به گزارش … به نقل از روابط عمومی اداره کل …»)
//      are not evidence on their own. Evidence is about runs of words, never bags: same-subject articles
//      share many words but few long runs.
// Kind: "verbatim" (containment ≥ 0.9), "edited" (≥ 0.5 or by bigrams), else "partial".
//
// Memory: about 10 bytes per release shingle, 6 per term bigram, 12 per anchor (two per sentence and one
// bigram in eight) plus the LSH indexes (lsh.h) and 2 MB for the document-frequency sketch (allocated on
// the first Add).
// Thread-safety: Add() and Check() may be called from any thread (a
// SharedMutex: many checks at once, Add exclusive).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/mutex.h"
#include "base/thread_annotations.h"
#include "text/lsh.h"

namespace pol::monitor {

struct PickupOptions {
  int shingle_k = 4;
  double min_containment = 0.3;
  double paragraph_containment = 0.6;
  int min_paragraph_shingles = 12;
  // Word-level evidence (issue 18), on term bigrams of the candidates:
  double min_bigram_containment = 0.45;       // the whole release, heavily edited
  double sentence_containment = 0.6;          // a release sentence counts as taken
  int min_sentence_bigrams = 4;               // …if it has at least this many bigrams
  double lead_containment = 0.6;              // the lead taken, plus one body sentence: a summary
  int min_taken_bigrams = 24;                 // taken sentences (two or more) this large: a partial take
  int min_paragraph_bigrams = 12;             // …or this many bigrams of one paragraph
  double paragraph_bigram_containment = 0.5;  // …being at least this share of it
  // Runs of words (issue 18, second wave):
  int min_run = 4;             // consecutive bigrams of a release sentence repeated by the item: a run
  int min_run_bigrams = 5;     // uncommon bigrams in runs within one body paragraph of the release…
  double run_share = 0.4;      // …being at least this share of its uncommon bigrams: a partial take
  int long_run_bigrams = 19;   // …or this many, whatever the share (a passage of a long paragraph)
  double common_share = 0.01;  // a bigram in more than this share of the releases is common…
  int common_min_df = 3;       // …and in more than this many
};

// Why a candidate release was (or was not) taken as a pickup: the figures each rule looks at.
struct PickupEvidence {
  int64_t release_id = 0;
  double containment = 0;         // 4-shingle containment of the release in the item
  bool paragraph_taken = false;   // a substantial paragraph at ≥ paragraph_containment
  double bigram_containment = 0;  // share of the release's bigrams (uncommon ones) found in the item
  bool summary = false;           // the lead and a body sentence taken
  bool partial = false;           // sentences or half a paragraph taken (bigram hits)
  int longest_run = 0;            // longest run of consecutive release bigrams in the item
  int run_bigrams = 0;            // uncommon bigrams in runs, in the body paragraph with most of them
  double run_share = 0;           // …as a share of that paragraph's uncommon bigrams
  bool run_partial = false;       // rule 5
  bool picked = false;
};

struct PickupMatch {
  int64_t release_id = 0;
  double containment = 0;                     // share of the release's shingles found in the item
  std::vector<int> paragraphs;                // release paragraphs taken (own containment ≥ 0.5)
  std::vector<double> paragraph_containment;  // per release paragraph
  std::string kind;                           // verbatim, edited, partial
};

// The paragraph list Add() and Check() take: title, lead, then each non-empty line of the body.
std::vector<std::string> Paragraphs(const std::string& title, const std::string& lead,
                                    const std::string& body);

class PickupIndex {
 public:
  explicit PickupIndex(PickupOptions options = {});
  // Paragraphs of the release: title, lead, then body paragraphs (empty ones are fine). Adding an id again
  // replaces nothing: call it once per release.
  void Add(int64_t release_id, const std::vector<std::string>& paragraphs);
  // Releases reused by an item (title, lead, paragraphs), best first.
  std::vector<PickupMatch> Check(const std::vector<std::string>& item_paragraphs) const;
  // The same on precomputed search terms per paragraph.
  std::vector<PickupMatch> CheckTerms(const std::vector<std::vector<std::string>>& item_terms) const;
  // Every candidate of an item with its evidence, picked or not (tests and tuning; slower than Check).
  std::vector<PickupEvidence> Explain(const std::vector<std::string>& item_paragraphs) const;
  size_t size() const;
  bool Contains(int64_t release_id) const;

 private:
  struct Release {
    int64_t id = 0;
    std::vector<uint64_t> shingles;   // sorted, unique
    std::vector<uint16_t> paragraph;  // paragraph of each shingle
    std::vector<uint32_t> paragraph_sizes;
    std::vector<uint32_t> bigrams;             // term bigrams (32-bit hashes) of every position, sorted
    std::vector<uint16_t> bigram_pos;          // text position of each
    std::vector<uint16_t> sentence_begin;      // position of each sentence's first bigram, then the end
    std::vector<uint16_t> sentence_paragraph;  // paragraph of each sentence
  };
  // Anchors: for each release sentence, its two smallest bigram hashes, and every bigram whose hash is
  // 0 mod 8, in an open-addressing multimap (hash → release slot). An item naming two anchors of a
  // release (or one that at most two releases have) makes it a candidate, however much it edits.
  struct Anchor {
    uint32_t key;
    uint32_t slot;
    uint32_t next;  // 1 + next entry in the bucket, 0 at the end
  };
  // An item's shingles and term bigrams as small hash sets (pickup.cc): each candidate's are looked up
  // in them, instead of merged with them.
  struct ItemKeys;
  // Fills the word-level fields of *e (bigram containment, summary, partial, runs); `common_line` is
  // CommonLineLocked(), worked out once per check.
  void Words(const Release& r, const ItemKeys& item, uint32_t common_line, PickupEvidence* e) const
      REQUIRES_SHARED(mu_);
  // A bigram is common among the releases when its document frequency is over the line (options).
  uint32_t CommonLineLocked() const REQUIRES_SHARED(mu_);
  bool CommonLocked(uint32_t bigram, uint32_t line) const REQUIRES_SHARED(mu_);
  // The pickups of an item; with `explain`, also every candidate's evidence, picked or not.
  std::vector<PickupMatch> Evaluate(const std::vector<std::vector<std::string>>& item_terms,
                                    std::vector<PickupEvidence>* explain) const;
  void AddAnchorLocked(uint32_t key, uint32_t slot) REQUIRES(mu_);
  bool SaturatedLocked(uint32_t key) const REQUIRES_SHARED(mu_);
  void SaturateLocked(uint32_t key) REQUIRES(mu_);
  std::vector<uint64_t> AnchorCandidatesLocked(const std::vector<uint32_t>& item_bigrams) const
      REQUIRES_SHARED(mu_);
  const PickupOptions options_;
  mutable SharedMutex mu_;
  std::vector<Release> releases_ GUARDED_BY(mu_);
  std::vector<int64_t> ids_ GUARDED_BY(mu_);   // sorted copy for Contains
  text::LshIndex whole_ GUARDED_BY(mu_);       // id = release slot
  text::LshIndex paragraphs_ GUARDED_BY(mu_);  // id = slot << 16 | paragraph
  std::vector<Anchor> anchors_ GUARDED_BY(mu_);
  std::vector<uint32_t> anchor_heads_ GUARDED_BY(mu_);  // power of two; 1 + entry index, 0 empty
  // Anchor keys with more than kMaxAnchorPostings postings (1 << 32 | key; 0 empty; linear probing).
  std::vector<uint64_t> saturated_ GUARDED_BY(mu_);
  size_t saturated_count_ GUARDED_BY(mu_) = 0;
  std::vector<uint16_t> df_ GUARDED_BY(mu_);  // count-min sketch of bigram document frequency, 2 rows
};

}  // namespace pol::monitor
