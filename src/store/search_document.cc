#include "store/search_document.h"

#include <algorithm>
#include <vector>

#include "text/normalize.h"
#include "text/search_terms.h"
#include "text/tokenizer.h"

namespace pol::store {
namespace {

constexpr std::string_view kZwnj = "\xE2\x80\x8C";

// The terms of the parts of a ZWNJ compound ("بیمه‌شدگان" → بیمه), other than `whole` itself.
void CompoundPartTerms(std::string_view word, const std::string& whole, std::vector<std::string>* out) {
  out->clear();
  const std::string display = text::NormalizeDisplay(word);
  std::string_view rest = display;
  while (!rest.empty()) {
    const size_t cut = rest.find(kZwnj);
    text::AppendSearchTerms(rest.substr(0, cut), out);
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + kZwnj.size());
  }
  std::erase(*out, whole);
}

}  // namespace

bool ForEachSearchTerm(std::string_view input, bool document,
                       const std::function<bool(const std::string&, bool, size_t, size_t)>& emit) {
  std::vector<std::string> terms, parts;
  for (const text::Token& t : text::Tokenize(input)) {
    if (t.kind == text::TokenKind::kPunct || t.kind == text::TokenKind::kSymbol) continue;
    terms.clear();
    text::AppendSearchTerms(t.text, &terms);
    const size_t start = t.offset, end = t.offset + t.length;
    for (const std::string& term : terms) {
      if (!term.empty() && !emit(term, false, start, end)) return false;
    }
    // A compound written with ZWNJ is one term ("بیمه‌شدگان" → بیمهشده). In documents its parts are
    // indexed too, at the same position. Queries are not expanded, so the compound itself stays precise.
    if (document && terms.size() == 1 && t.text.find(kZwnj) != std::string_view::npos) {
      CompoundPartTerms(t.text, terms.front(), &parts);
      for (const std::string& part : parts) {
        if (!emit(part, true, start, end)) return false;
      }
    }
  }
  return true;
}

}  // namespace pol::store
