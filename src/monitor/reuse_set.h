// The press-pickup reuse set, built deterministically from the Fars news sample
// (../shared/data/news/fars-news-sample.jsonl): releases, outlet versions of them (verbatim with the
// outlet's boilerplate, cut, reordered, re-titled, re-typed with Arabic letters and other digits,
// edited, a passage inside another story; since issue 18 also heavily edited — synonyms and a sixth
// of the words dropped —, summaries — the lead and a sentence or two behind an outlet's boilerplate —
// and partial-paragraph takes of short releases), and negatives: other sample articles on the same
// subject, and every sample article sharing 0.2 or more of the release's shingles (also above the
// detector's 0.3); an article that repeats a run of 20 or more consecutive search terms of the release
// is labelled a copy ("sample-reuse", a positive) instead, whatever the detector says.
// Two parts that share no article: the test part (Fars news ids even; pickup_test asserts on it and the
// detector is tuned on it) and the held-out part (ids odd; never tuned on, measured by the benchmark
// binary's --reuse-figures). In each part every other article is a release, the rest the pool for
// negatives and host stories.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "monitor/pickup.h"

namespace pol::monitor {

struct SampleArticle {
  std::string title, lead, link;
  std::vector<std::string> paragraphs;
  std::vector<std::string> AsParagraphs() const;  // title, lead, paragraphs
};

// Reads the JSON-lines sample; empty on error.
std::vector<SampleArticle> LoadSample(const std::string& path);
// The words of the sample's titles (split at spaces) that are search terms and at least 6 bytes long, in
// order and with repeats: the vocabulary the search benchmarks draw their two-term queries from.
std::vector<std::string> SampleTitleWords(const std::vector<SampleArticle>& sample);

struct ReuseCase {
  std::vector<std::string> paragraphs;  // the outlet's item: title, lead, body…
  int64_t release_id = 0;               // 0 for a negative
  std::string variant;  // verbatim, cut, reordered, retyped, edited, partial, retitled, heavy, summary,
                        // short-partial, negative
};

struct ReuseSet {
  std::vector<std::pair<int64_t, std::vector<std::string>>> releases;  // id, paragraphs
  std::vector<ReuseCase> cases;
  int sample_reuse = 0;  // sample articles that copy a release (cases of kind "sample-reuse")
};

enum class ReusePart { kTuning, kHeldOut };  // kTuning: the test part

ReuseSet BuildReuseSet(const std::vector<SampleArticle>& sample, int releases, uint64_t seed = 7,
                       ReusePart part = ReusePart::kTuning);

// Precision and recall of a PickupIndex of the set's releases on its cases: a hit on the case's own
// release is a true positive, any other hit a false positive, a positive case without its release a miss.
struct ReuseFigures {
  int tp = 0, fp = 0, fn = 0, positives = 0, negatives = 0;
  double precision = 0, recall = 0;
  std::map<std::string, std::pair<int, int>> per_variant;  // found (negatives: flagged), total
  std::vector<std::string> misses;                         // one line per miss or false positive
  // The margin: the most uncommon bigrams in runs (rule 5 of pickup.h) any negative shares with a release,
  // and how many negatives share 4 or more.
  int negative_max_run = 0, negatives_run4 = 0;
};
// `synthetic` more releases (AddSyntheticReleases, drawn from `sample`) join the index first when given:
// the figures at scale, with 100,000 releases as in production.
ReuseFigures MeasureReuse(const ReuseSet& set, const PickupOptions& options = {},
                          const std::vector<SampleArticle>* sample = nullptr, int64_t synthetic = 0);

// Adds `n` synthetic releases with ids first_id, first_id + 1, …: seven paragraphs of 40 words each drawn
// from the sample's words by their frequency, so they are distinct texts with the sample's statistics.
void AddSyntheticReleases(const std::vector<SampleArticle>& sample, int64_t n, int64_t first_id,
                          PickupIndex* index);
// The figures as text: counts, per variant, precision and recall (and the misses when `misses`).
std::string FormatReuseFigures(const ReuseSet& set, const ReuseFigures& f, const std::string& name,
                               bool misses);

// A heavy edit of one paragraph: common news words replaced by synonyms, about one word in six dropped.
std::string HeavyEdit(const std::string& paragraph, uint64_t* state);

// Re-types text: ی/ي and ک/ك swapped, Arabic-Indic digits, ZWNJ as a space (another newsroom's software).
std::string Retype(const std::string& s);

}  // namespace pol::monitor
