#include "text/search_terms.h"

#include "text/compounds.h"
#include "text/fold.h"
#include "text/internal/data.h"
#include "text/normalize.h"
#include "text/stemmer.h"
#include "text/tokenizer.h"

namespace pol::text {
namespace {

bool Stop(std::string_view folded) { return internal::kStopWords.Contains(folded); }

void AddWord(std::string_view display_word, std::vector<std::string>* terms) {
  thread_local std::string folded;
  folded.clear();
  FoldCharsAppend(display_word, &folded);
  if (folded.empty() || Stop(folded)) return;
  // Without ZWNJ the folded word is what the stemmer needs; with ZWNJ it
  // looks at the segments.
  bool zwnj = display_word.find("\xE2\x80\x8C") != std::string_view::npos;
  std::string stem;
  if (zwnj) {
    stem = StemDisplayWord(display_word);
  } else if (std::optional<std::string> split = SplitJoinedCompound(display_word)) {
    // A compound written joined (مدیرکل) gives the term of its ZWNJ form (مدیر‌کل).
    stem = StemDisplayWord(*split);
  } else {
    stem = Stem(folded);
  }
  if (stem.empty() || (stem.size() != folded.size() && Stop(stem))) return;
  terms->push_back(std::move(stem));
}

}  // namespace

void AppendSearchTerms(std::string_view utf8, std::vector<std::string>* terms) {
  std::string normalized = NormalizeDisplay(utf8);
  const std::vector<Token> tokens = Tokenize(normalized);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    switch (t.kind) {
      case TokenKind::kWord:
        // A compound written with a space (مدیر کل) gives the term of its ZWNJ form (مدیر‌کل).
        if (i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::kWord &&
            tokens[i + 1].offset == t.offset + t.length + 1 && normalized[t.offset + t.length] == ' ') {
          if (std::optional<std::string> joined = JoinCompound(t.text, tokens[i + 1].text)) {
            AddWord(*joined, terms);
            ++i;
            break;
          }
        }
        AddWord(t.text, terms);
        break;
      case TokenKind::kLatin:
      case TokenKind::kUrl:
      case TokenKind::kEmail:
      case TokenKind::kMention:
      case TokenKind::kTime:
      case TokenKind::kDate:
        terms->push_back(FoldChars(t.text));
        break;
      case TokenKind::kNumber:
      case TokenKind::kPercent: {
        std::string f = FoldChars(t.text);
        std::string n;
        n.reserve(f.size());
        for (char c : f) {
          if (c != ',') n.push_back(c);
        }
        terms->push_back(std::move(n));
        break;
      }
      case TokenKind::kHashtag: {
        std::string_view body = t.text.substr(1);
        for (const Token& inner : Tokenize(body)) {
          if (inner.kind == TokenKind::kWord) {
            AddWord(inner.text, terms);
          } else if (inner.kind != TokenKind::kPunct && inner.kind != TokenKind::kSymbol) {
            terms->push_back(FoldChars(inner.text));
          }
        }
        break;
      }
      case TokenKind::kPunct:
      case TokenKind::kSymbol:
        break;
    }
  }
}

std::vector<std::string> SearchTerms(std::string_view utf8) {
  std::vector<std::string> terms;
  AppendSearchTerms(utf8, &terms);
  return terms;
}

std::string SearchTerm(std::string_view word) {
  std::vector<std::string> terms;
  AppendSearchTerms(word, &terms);
  if (terms.empty()) return {};
  return terms.front();
}

std::string FoldForSearch(std::string_view utf8) { return FoldChars(NormalizeDisplay(utf8)); }

std::vector<std::string> QueryWords(std::string_view query, size_t max_words) {
  std::vector<std::string> words;
  const std::string norm = NormalizeDisplay(query);
  size_t i = 0;
  while (i < norm.size() && words.size() < max_words) {
    while (i < norm.size() && (norm[i] == ' ' || norm[i] == '\n')) ++i;
    size_t j = i;
    while (j < norm.size() && norm[j] != ' ' && norm[j] != '\n') ++j;
    if (j > i) {
      std::string w = norm.substr(i, j - i);
      // A compound written with a space is one query word (مدیر کل → مدیر‌کل).
      size_t k = j + 1;
      while (k < norm.size() && norm[k] != ' ' && norm[k] != '\n') ++k;
      if (j < norm.size() && norm[j] == ' ' && k > j + 1) {
        if (std::optional<std::string> joined =
                JoinCompound(w, std::string_view(norm).substr(j + 1, k - j - 1))) {
          w = std::move(*joined);
          j = k;
        }
      }
      if (!SearchTerms(w).empty()) words.push_back(std::move(w));
    }
    i = j;
  }
  return words;
}

}  // namespace pol::text
