// Search folding: the stronger, lossy normalization applied on top of display
// normalization before tokens become search terms.
//
// FoldChars maps characters one by one:
//   - diacritics (harakat, tanwin, shadda, superscript alef, hamza above/below) and tatweel dropped;
//   - hamza forms: أ إ ٱ آ → ا, ؤ → و, ئ → ی, lone ء dropped;
//   - ي ى ۍ ې → ی, ك ڪ → ک, ة ۀ ھ ہ ە → ه;
//   - all digits (Persian, Arabic-Indic) → ASCII; ٫ → '.', ٬ → ',', ٪ → '%';
//   - ZWNJ, ZWJ and invisible marks dropped (so کتاب‌ها and کتابها fold alike);
//   - Latin letters lower-cased.
// It does not expand presentation forms or join affixes; SearchTerms runs
// NormalizeDisplay first. FoldForSearch does both.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace pol::text {

// Appends the character-level fold of `utf8` to *out (invalid bytes → U+FFFD).
void FoldCharsAppend(std::string_view utf8, std::string* out);
std::string FoldChars(std::string_view utf8);

// FoldChars(NormalizeDisplay(utf8)).
std::string FoldForSearch(std::string_view utf8);

// Folds one code point: returns 0 if it is dropped, else its replacement.
char32_t FoldCodePoint(char32_t c);

}  // namespace pol::text
