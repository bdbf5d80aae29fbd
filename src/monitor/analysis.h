// Understanding a media item with the Persian text core: terms with their
// positions (for highlights), the content fingerprint (dedup), watchlist
// mentions (one Aho-Corasick pass over search terms), and tone (multinomial
// naive Bayes over search-term unigrams, trained on the labelled sentences that ship
// in tone_data.cc plus analysts' corrections).
//
// Thread-safety: MentionMatcher and ToneModel are immutable after
// construction/training and safe to share between threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pol::monitor {

// A search term and the byte range of the token it came from.
struct PositionedTerm {
  std::string term;
  uint32_t begin = 0, end = 0;
};
std::vector<PositionedTerm> TermsWithPositions(std::string_view utf8);

// Hex of a 64-bit hash of the text's search terms: spellings, letters (ي/ك), digits and ZWNJ habits do
// not change it; any word does.
std::string ContentFingerprint(std::string_view title, std::string_view body);
// The same from search terms already computed (title's terms, then the body's paragraphs' terms in order).
std::string ContentFingerprintTerms(const std::vector<const std::vector<std::string>*>& parts);

// ---- Mentions ----
struct WatchTerm {
  int64_t id = 0, agency_id = 0;
  std::string kind;  // "name", "official", "programme"
  std::string text;
};

struct Mention {
  int64_t term_id = 0, agency_id = 0;
  uint32_t begin = 0, end = 0;  // byte range in the text
};

class MentionMatcher {
 public:
  explicit MentionMatcher(const std::vector<WatchTerm>& terms);
  // Every occurrence of every term (overlaps included), in text order.
  std::vector<Mention> Find(std::string_view utf8) const;
  std::vector<Mention> Find(const std::vector<PositionedTerm>& terms) const;
  // Whether any term occurs in these search terms (no positions: a cheap first pass).
  bool Any(const std::vector<std::string>& terms) const;
  bool empty() const { return terms_.empty(); }

 private:
  struct Node {
    std::unordered_map<int32_t, int32_t> next;
    int32_t fail = 0;
  };
  std::vector<Node> nodes_;
  std::vector<std::vector<int32_t>> outputs_;  // per node: indexes into terms_ ending here
  std::vector<WatchTerm> terms_;
  std::vector<int32_t> lengths_;  // per term: number of search terms
  std::unordered_map<std::string, int32_t> vocab_;
};

// ---- Tone ----
enum class Tone { kNegative = 0, kNeutral = 1, kPositive = 2 };
std::string_view ToneName(Tone t);  // "negative", "neutral", "positive"
bool ParseTone(std::string_view s, Tone* out);

struct LabelledText {
  std::string text;
  Tone tone = Tone::kNeutral;
  std::string group;  // sentences expanded from one template share a group (kept on one side of a split);
                      // "lexicon" entries only ever train
};

// The labelled sentences that ship with Pol.
std::vector<LabelledText> BuiltinToneData();

class ToneModel {
 public:
  void Train(const std::vector<LabelledText>& data);
  Tone Classify(std::string_view utf8, double* confidence = nullptr) const;
  Tone ClassifyTerms(const std::vector<std::string>& terms, double* confidence = nullptr) const;
  size_t vocabulary() const { return counts_.size(); }

 private:
  std::unordered_map<std::string, std::array<double, 3>> counts_;
  std::array<double, 3> totals_{}, docs_{};
};

struct ToneEvaluation {
  double accuracy = 0;
  int train = 0, test = 0;
  std::array<std::array<int, 3>, 3> confusion{};  // [actual][predicted]
};
// Deterministic split by group (every 5th template group held out; the lexicon always trains), train on
// the rest plus `extra`, test.
ToneEvaluation EvaluateTone(const std::vector<LabelledText>& data,
                            const std::vector<LabelledText>& extra = {});

}  // namespace pol::monitor
