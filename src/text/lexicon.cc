#include "text/lexicon.h"

#include "text/internal/data.h"

namespace pol::text {

bool IsLexiconWord(std::string_view folded_word) { return internal::kLexicon.Contains(folded_word); }

bool IsMiVerbForm(std::string_view form) { return internal::kMiVerbs.Contains(form); }

size_t LexiconSize() { return internal::kLexicon.size; }

}  // namespace pol::text
