#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "text/internal/normalize_tables.h"

namespace pol::text::internal {

PresentationForms::PresentationForms() : a_(0xFDFF - 0xFB50 + 1), b_(0xFEFC - 0xFE70 + 1) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return;
  auto fill = [&](char32_t first, std::vector<std::u32string>* out) {
    for (size_t i = 0; i < out->size(); ++i) {
      char32_t c = first + static_cast<char32_t>(i);
      UErrorCode st = U_ZERO_ERROR;
      icu::UnicodeString in(static_cast<UChar32>(c));
      icu::UnicodeString norm = nfkc->normalize(in, st);
      if (U_FAILURE(st) || norm == in) continue;
      std::u32string expanded;
      for (int32_t k = 0; k < norm.length();) {
        UChar32 x = norm.char32At(k);
        k += U16_LENGTH(x);
        expanded.push_back(static_cast<char32_t>(x));
      }
      // Isolated forms of marks decompose to SPACE + mark: keep the mark.
      if (expanded.size() == 2 && expanded[0] == ' ' && IsArabicMark(expanded[1])) expanded.erase(0, 1);
      (*out)[i] = std::move(expanded);
    }
  };
  fill(0xFB50, &a_);
  fill(0xFE70, &b_);
}

}  // namespace pol::text::internal
