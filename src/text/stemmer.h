// Light Persian stemmer for search terms.
//
// Strips only inflectional affixes, and only when what remains is a word of
// the lexicon (lexicon.h) and the guards below hold, so that different words
// never collapse (ایران ≠ ایر, میزان ≠ میز, بهترین ≠ به, ماهی ≠ ماه):
//   - plural/possessive ها, های, هایی, هایم, هایت, هایش, هایمان, هایتان, هایشان;
//   - comparative/superlative تر, ترین when the lexicon also has the other degree;
//   - plural ان (دوستان → دوست) when the plural itself is not a lexicon word, or
//     is one but never takes ها or ی (which would make it a noun of its own);
//     یان after ا/و (کارفرمایان → کارفرما); گان → ه (بازنشستگان → بازنشسته);
//   - with an explicit ZWNJ, a final segment that is a suffix (‌ها, ‌تر, ‌ترین, ‌ی,
//     ‌ای, ‌ام, ‌ات, ‌اش, ‌مان, ‌تان, ‌شان) is dropped, and the last segment of
//     a compound is stemmed on its own (بیمه‌شدگان → بیمه‌شده);
//   - an exception list (data/stem-exceptions.txt) wins over all of this.
// Verbs are not conjugation-stemmed (می‌روم stays می‌روم).
//
// Thread-safety: pure functions over compiled-in data.
#pragma once

#include <string>
#include <string_view>

namespace pol::text {

// Stems one folded word (FoldChars output, no ZWNJ).
std::string Stem(std::string_view folded_word);

// Stems one display-form word that may contain ZWNJ; returns the folded stem.
std::string StemDisplayWord(std::string_view display_word);

}  // namespace pol::text
