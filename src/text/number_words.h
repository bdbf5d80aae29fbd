// Digits and numbers in words.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pol::text {

// Latin and Arabic-Indic digits → Persian digits (۰…۹); nothing else changes.
std::string ToPersianDigits(std::string_view utf8);
// Persian and Arabic-Indic digits → Latin digits; nothing else changes.
std::string ToLatinDigits(std::string_view utf8);
// 1234 → "۱۲۳۴", -5 → "-۵": an integer as people read it in a Persian sentence (no grouping).
std::string PersianNumber(int64_t n);
// 1.25, 1 → "۱٫۳": fixed-point with the Persian decimal separator (٫) and Persian digits.
std::string PersianDecimal(double v, int fraction_digits);

// 123 → "صد و بیست و سه", -5 → "منفی پنج", 0 → "صفر", 1000 → "هزار",
// 2500000 → "دو میلیون و پانصد هزار". Short scale: هزار, میلیون, میلیارد,
// تریلیون, کوادریلیون, کوینتیلیون. Covers the whole int64_t range.
std::string NumberToWords(int64_t n);

}  // namespace pol::text
