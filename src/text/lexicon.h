// The Persian lexicon compiled into pol_text: about 330k word forms from
// Debian's myspell-fa (GPL-2+; generated at build time from the installed
// package, nothing derived from it is checked in), stored folded in a static
// hash table in .rodata, so it costs no heap and no startup time.
//
// Thread-safety: immutable data; all functions are safe from any thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace pol::text {

// True if `folded_word` (FoldChars output, no ZWNJ) is a known word form.
bool IsLexiconWord(std::string_view folded_word);

// True if `form` (display form, e.g. "روم", "رفت") can follow the verb
// prefix می/نمی, i.e. "می‌" + form is a verb form.
bool IsMiVerbForm(std::string_view form);

// Number of folded word forms in the lexicon.
size_t LexiconSize();

}  // namespace pol::text
