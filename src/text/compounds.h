// Compound words written three ways: joined (مدیرکل), with a ZWNJ (مدیر‌کل) or with a space
// (مدیر کل). Search terms treat the three alike by rewriting the joined and the spaced form into the
// ZWNJ form before stemming, so each gives one term (مدیرکل), and a second part on the stop list
// (کل, شدگان) no longer vanishes. Only pairs of a small compiled-in lexicon (compounds.cc) are
// joined: anything else stays as written, so different words stay apart (باران ≠ بار, سازمان ≠ ساز,
// ایران ≠ ایر, شیرین ≠ شیر). The full-text tokenizer also indexes the parts of a compound at the
// same position, so a search for one part (مدیر) still finds it.
//
// Thread-safety: pure functions over an immutable table built once, thread-safely, on first use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pol::text {

// If display words `first` and `second`, written apart, form a known compound: the ZWNJ-joined
// display form ("مدیر", "کل" → "مدیر‌کل"). Else nullopt.
std::optional<std::string> JoinCompound(std::string_view first, std::string_view second);

// If display word `word` (without ZWNJ) is a known compound written joined: its ZWNJ form
// ("مدیرکل" → "مدیر‌کل", "کارآفرینی" → "کار‌آفرینی"). Else nullopt.
std::optional<std::string> SplitJoinedCompound(std::string_view word);

}  // namespace pol::text
