#include "store/search_document.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "text/compounds.h"
#include "text/normalize.h"
#include "text/search_terms.h"
#include "text/tokenizer.h"

namespace pol::store {
namespace {

constexpr std::string_view kZwnj = "\xE2\x80\x8C";

// The terms of the parts of a ZWNJ compound ("بیمه‌شدگان" → بیمه), other than `whole` itself.
void CompoundPartTerms(std::string_view word, const std::string& whole, std::vector<std::string>* out) {
  out->clear();
  // Split before normalizing: display normalization drops a ZWNJ after a letter that does not join
  // (مدیر‌کل → مدیرکل), which would hide the parts.
  std::string_view rest = word;
  while (!rest.empty()) {
    const size_t cut = rest.find(kZwnj);
    text::AppendSearchTerms(rest.substr(0, cut), out);
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + kZwnj.size());
  }
  std::erase(*out, whole);
}

// True if only spaces separate tokens `a` and `b` of `input`.
bool OnlySpacesBetween(std::string_view input, const text::Token& a, const text::Token& b) {
  const size_t from = a.offset + a.length;
  if (b.offset <= from) return false;
  for (size_t k = from; k < b.offset; ++k) {
    if (input[k] != ' ') return false;
  }
  return true;
}

}  // namespace

bool ForEachSearchTerm(std::string_view input, bool document,
                       const std::function<bool(const std::string&, bool, size_t, size_t)>& emit) {
  // A query is display-normalized first, as the stored text is: a bidi mark typed or pasted inside a
  // word (می‎تواند with U+200E) would otherwise split it into two stop words and leave it no terms.
  std::string normalized;
  if (!document) {
    normalized = text::NormalizeDisplay(input);
    input = normalized;
  }
  std::vector<std::string> terms, parts;
  const std::vector<text::Token> tokens = text::Tokenize(input);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (t.kind == text::TokenKind::kPunct || t.kind == text::TokenKind::kSymbol) continue;
    // A known compound written with a space (مدیر کل) is one term, as if written with ZWNJ; one written
    // joined (مدیرکل) has its parts indexed like a ZWNJ compound (text/compounds.h).
    std::optional<std::string> compound;
    size_t last = i;
    if (t.kind == text::TokenKind::kWord) {
      if (i + 1 < tokens.size() && tokens[i + 1].kind == text::TokenKind::kWord &&
          OnlySpacesBetween(input, t, tokens[i + 1])) {
        compound =
            text::JoinCompound(text::NormalizeDisplay(t.text), text::NormalizeDisplay(tokens[i + 1].text));
        if (compound) last = i + 1;
      }
      if (!compound) compound = text::SplitJoinedCompound(text::NormalizeDisplay(t.text));
    }
    const std::string_view word = compound ? std::string_view(*compound) : t.text;
    terms.clear();
    text::AppendSearchTerms(word, &terms);
    const size_t start = t.offset, end = tokens[last].offset + tokens[last].length;
    i = last;
    for (const std::string& term : terms) {
      if (!term.empty() && !emit(term, false, start, end)) return false;
    }
    // A compound written with ZWNJ is one term ("بیمه‌شدگان" → بیمهشده). In documents its parts are
    // indexed too, at the same position. Queries are not expanded, so the compound itself stays precise.
    if (document && terms.size() == 1 && word.find(kZwnj) != std::string_view::npos) {
      CompoundPartTerms(word, terms.front(), &parts);
      for (const std::string& part : parts) {
        if (!emit(part, true, start, end)) return false;
      }
    }
  }
  return true;
}

}  // namespace pol::store
