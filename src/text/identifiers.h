// Normalizers and validators for Iranian identifiers typed into forms.
// Digits may be Persian, Arabic-Indic or Latin; spaces, dashes, dots and
// parentheses between digits are ignored.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pol::text {

// Accepts 09xxxxxxxxx, 9xxxxxxxxx, +989xxxxxxxxx, 00989xxxxxxxxx, 989xxxxxxxxx
// (e.g. "۰۹۱۲ ۳۴۵ ۶۷۸۹", "+98 912-345-6789") and returns "09xxxxxxxxx" in
// Latin digits, or nullopt if it is not an Iranian mobile number.
std::optional<std::string> NormalizeIranianMobile(std::string_view input);

// The national code (کد ملی) as 10 Latin digits if its check digit is right
// (8 and 9 digit codes are left-padded with zeros, as issued); codes of ten
// identical digits are rejected.
std::optional<std::string> NormalizeNationalCode(std::string_view input);
bool IsValidNationalCode(std::string_view input);

}  // namespace pol::text
