#include "monitor/analysis.h"

#include <cmath>
#include <cstdio>
#include <deque>

#include "text/compounds.h"
#include "text/normalize.h"
#include "text/search_terms.h"
#include "text/shingles.h"
#include "text/tokenizer.h"

namespace pol::monitor {

// Token by token, like text::AppendSearchTerms over the whole text: a compound written with a space
// (مدیر کل) gives the one folded term of its joined form (مدیرکل), spanning both words, so a watch term
// matches however the compound is written (text/compounds.h).
std::vector<PositionedTerm> TermsWithPositions(std::string_view utf8) {
  std::vector<PositionedTerm> out;
  std::vector<std::string> terms;
  const std::vector<text::Token> tokens = text::Tokenize(utf8);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (t.kind == text::TokenKind::kPunct || t.kind == text::TokenKind::kSymbol) continue;
    size_t end = t.offset + t.length;
    terms.clear();
    if (t.kind == text::TokenKind::kWord && i + 1 < tokens.size() &&
        tokens[i + 1].kind == text::TokenKind::kWord && tokens[i + 1].offset == end + 1 && utf8[end] == ' ') {
      if (auto joined = text::JoinCompound(text::NormalizeDisplay(t.text),
                                           text::NormalizeDisplay(tokens[i + 1].text))) {
        text::AppendSearchTerms(*joined, &terms);
        end = tokens[i + 1].offset + tokens[i + 1].length;
        ++i;
      }
    }
    if (terms.empty()) text::AppendSearchTerms(t.text, &terms);
    for (auto& term : terms) {
      if (term.empty()) continue;
      out.push_back({std::move(term), static_cast<uint32_t>(t.offset), static_cast<uint32_t>(end)});
    }
  }
  return out;
}

namespace {
struct FingerprintHasher {
  uint64_t h = 1469598103934665603ULL;
  void Add(const std::vector<std::string>& terms) {
    for (const auto& term : terms) {
      h ^= text::TermHash(term);
      h *= 1099511628211ULL;
      h = (h << 13) | (h >> 51);
    }
  }
  void Part() { h ^= 0x9E3779B97F4A7C15ULL; }
  std::string Hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
  }
};
}  // namespace

std::string ContentFingerprint(std::string_view title, std::string_view body) {
  FingerprintHasher f;
  f.Add(text::SearchTerms(title));
  f.Part();
  f.Add(text::SearchTerms(body));
  f.Part();
  return f.Hex();
}

std::string ContentFingerprintTerms(const std::vector<const std::vector<std::string>*>& parts) {
  FingerprintHasher f;
  for (size_t i = 0; i < parts.size(); ++i) {
    f.Add(*parts[i]);
    if (i == 0) f.Part();
  }
  f.Part();
  return f.Hex();
}

// ---- Mentions: Aho-Corasick over search-term ids ----

MentionMatcher::MentionMatcher(const std::vector<WatchTerm>& terms) {
  nodes_.emplace_back();
  outputs_.emplace_back();
  for (const WatchTerm& w : terms) {
    std::vector<std::string> seq = text::SearchTerms(w.text);
    if (seq.empty()) continue;
    int32_t node = 0;
    for (const std::string& s : seq) {
      auto [it, inserted] = vocab_.try_emplace(s, static_cast<int32_t>(vocab_.size()));
      const int32_t sym = it->second;
      auto nx = nodes_[node].next.find(sym);
      if (nx == nodes_[node].next.end()) {
        nodes_.emplace_back();
        outputs_.emplace_back();
        const int32_t id = static_cast<int32_t>(nodes_.size() - 1);
        nodes_[node].next.emplace(sym, id);
        node = id;
      } else {
        node = nx->second;
      }
    }
    outputs_[node].push_back(static_cast<int32_t>(terms_.size()));
    terms_.push_back(w);
    lengths_.push_back(static_cast<int32_t>(seq.size()));
  }
  // Failure links, breadth first; outputs of the failure node are appended.
  std::deque<int32_t> queue;
  for (auto& [sym, child] : nodes_[0].next) {
    nodes_[child].fail = 0;
    queue.push_back(child);
  }
  while (!queue.empty()) {
    const int32_t u = queue.front();
    queue.pop_front();
    for (auto& [sym, v] : nodes_[u].next) {
      int32_t f = nodes_[u].fail;
      while (f != 0 && !nodes_[f].next.contains(sym)) f = nodes_[f].fail;
      auto it = nodes_[f].next.find(sym);
      nodes_[v].fail = (it != nodes_[f].next.end() && it->second != v) ? it->second : 0;
      const auto& inherited = outputs_[nodes_[v].fail];
      outputs_[v].insert(outputs_[v].end(), inherited.begin(), inherited.end());
      queue.push_back(v);
    }
  }
}

bool MentionMatcher::Any(const std::vector<std::string>& text) const {
  if (terms_.empty()) return false;
  int32_t node = 0;
  for (const auto& t : text) {
    auto v = vocab_.find(t);
    if (v == vocab_.end()) {
      node = 0;
      continue;
    }
    const int32_t sym = v->second;
    while (node != 0 && !nodes_[node].next.contains(sym)) node = nodes_[node].fail;
    auto it = nodes_[node].next.find(sym);
    node = it == nodes_[node].next.end() ? 0 : it->second;
    if (!outputs_[node].empty()) return true;
  }
  return false;
}

std::vector<Mention> MentionMatcher::Find(std::string_view utf8) const {
  if (terms_.empty()) return {};
  return Find(TermsWithPositions(utf8));
}

std::vector<Mention> MentionMatcher::Find(const std::vector<PositionedTerm>& text) const {
  std::vector<Mention> out;
  if (terms_.empty()) return out;
  int32_t node = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto v = vocab_.find(text[i].term);
    if (v == vocab_.end()) {
      node = 0;
      continue;
    }
    const int32_t sym = v->second;
    while (node != 0 && !nodes_[node].next.contains(sym)) node = nodes_[node].fail;
    auto it = nodes_[node].next.find(sym);
    node = it == nodes_[node].next.end() ? 0 : it->second;
    for (int32_t t : outputs_[node]) {
      const size_t first = i + 1 - static_cast<size_t>(lengths_[t]);
      out.push_back({terms_[t].id, terms_[t].agency_id, text[first].begin, text[i].end});
    }
  }
  return out;
}

// ---- Tone: multinomial naive Bayes with add-one smoothing ----

std::string_view ToneName(Tone t) {
  switch (t) {
    case Tone::kNegative:
      return "negative";
    case Tone::kPositive:
      return "positive";
    default:
      return "neutral";
  }
}

bool ParseTone(std::string_view s, Tone* out) {
  if (s == "negative")
    *out = Tone::kNegative;
  else if (s == "neutral")
    *out = Tone::kNeutral;
  else if (s == "positive")
    *out = Tone::kPositive;
  else
    return false;
  return true;
}

namespace {
// Unigrams of search terms. (Bigrams were tried: on held-out templates they cost 5–8 points of accuracy
// with this little data.)
std::vector<std::string> Features(std::vector<std::string> terms) { return terms; }
}  // namespace

void ToneModel::Train(const std::vector<LabelledText>& data) {
  for (const auto& d : data) {
    const int c = static_cast<int>(d.tone);
    docs_[c] += 1;
    for (const auto& f : Features(text::SearchTerms(d.text))) {
      counts_[f][c] += 1;
      totals_[c] += 1;
    }
  }
}

Tone ToneModel::Classify(std::string_view utf8, double* confidence) const {
  return ClassifyTerms(text::SearchTerms(utf8), confidence);
}

Tone ToneModel::ClassifyTerms(const std::vector<std::string>& terms, double* confidence) const {
  const double ndocs = docs_[0] + docs_[1] + docs_[2];
  if (ndocs == 0) {
    if (confidence) *confidence = 0;
    return Tone::kNeutral;
  }
  const double v = static_cast<double>(counts_.size()) + 1;
  std::array<double, 3> score{};
  for (int c = 0; c < 3; ++c) score[c] = std::log((docs_[c] + 1) / (ndocs + 3));
  for (const auto& f : Features(terms)) {
    auto it = counts_.find(f);
    if (it == counts_.end()) continue;  // unseen words carry no evidence
    for (int c = 0; c < 3; ++c) score[c] += std::log((it->second[c] + 1) / (totals_[c] + v));
  }
  int best = 1;
  for (int c = 0; c < 3; ++c) {
    if (score[c] > score[best]) best = c;
  }
  if (confidence) {
    double sum = 0;
    for (int c = 0; c < 3; ++c) sum += std::exp(score[c] - score[best]);
    *confidence = 1.0 / sum;
  }
  return static_cast<Tone>(best);
}

ToneEvaluation EvaluateTone(const std::vector<LabelledText>& data, const std::vector<LabelledText>& extra) {
  std::unordered_map<std::string, int> group_index;
  std::vector<LabelledText> train = extra, test;
  for (const auto& d : data) {
    if (d.group == "lexicon") {  // the lexicon trains, never tests
      train.push_back(d);
      continue;
    }
    auto [it, inserted] = group_index.try_emplace(d.group, static_cast<int>(group_index.size()));
    (it->second % 5 == 4 ? test : train).push_back(d);
  }
  ToneModel m;
  m.Train(train);
  ToneEvaluation e;
  e.train = static_cast<int>(train.size());
  e.test = static_cast<int>(test.size());
  int right = 0;
  for (const auto& d : test) {
    Tone p = m.Classify(d.text);
    e.confusion[static_cast<int>(d.tone)][static_cast<int>(p)]++;
    right += p == d.tone;
  }
  e.accuracy = test.empty() ? 0 : static_cast<double>(right) / static_cast<double>(test.size());
  return e;
}

}  // namespace pol::monitor
