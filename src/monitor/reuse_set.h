// The press-pickup reuse set, built deterministically from the Fars news sample
// (../shared/data/news/fars-news-sample.jsonl): releases, outlet versions of them (verbatim with the
// outlet's boilerplate, cut, reordered, re-titled, re-typed with Arabic letters and other digits,
// edited, a passage inside another story; since issue 18 also heavily edited — synonyms and a sixth
// of the words dropped —, summaries — the lead and a sentence or two behind an outlet's boilerplate —
// and partial-paragraph takes of short releases), and negatives: other sample articles on the same
// subject, including those sharing 0.2–0.3 of the release's shingles.
// Two disjoint parts: the tuning part (releases from articles 0, 4, 8, …) and the held-out part
// (articles 2, 6, 10, …); the odd articles are the pool for negatives and host stories.
// Used by pickup_test (precision/recall) and the pickup benchmark.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pol::monitor {

struct SampleArticle {
  std::string title, lead, link;
  std::vector<std::string> paragraphs;
  std::vector<std::string> AsParagraphs() const;  // title, lead, paragraphs
};

// Reads the JSON-lines sample; empty on error.
std::vector<SampleArticle> LoadSample(const std::string& path);

struct ReuseCase {
  std::vector<std::string> paragraphs;  // the outlet's item: title, lead, body…
  int64_t release_id = 0;               // 0 for a negative
  std::string variant;  // verbatim, cut, reordered, retyped, edited, partial, retitled, heavy, summary,
                        // short-partial, negative
};

struct ReuseSet {
  std::vector<std::pair<int64_t, std::vector<std::string>>> releases;  // id, paragraphs
  std::vector<ReuseCase> cases;
  int excluded_negatives = 0;  // candidate negatives dropped as near-duplicates of the release in the sample
};

enum class ReusePart { kTuning, kHeldOut };

ReuseSet BuildReuseSet(const std::vector<SampleArticle>& sample, int releases, uint64_t seed = 7,
                       ReusePart part = ReusePart::kTuning);

// A heavy edit of one paragraph: common news words replaced by synonyms, about one word in six dropped.
std::string HeavyEdit(const std::string& paragraph, uint64_t* state);

// Re-types text: ی/ي and ک/ك swapped, Arabic-Indic digits, ZWNJ as a space (another newsroom's software).
std::string Retype(const std::string& s);

}  // namespace pol::monitor
