// Tracking codes (کد رهگیری): ten digits, easy to read aloud and to type.
//
// Nine random digits (the first never 0, so the code never loses a digit in a
// spreadsheet) and a Verhoeff check digit, which catches every single-digit
// error and every swap of adjacent digits — the two usual mistakes of typing
// or dictating a number. Codes are random, not sequential, so one code says
// nothing about the others; uniqueness is the database's UNIQUE constraint
// (the caller draws again on a collision).
//
// Display: "۱۲۳۴ ۵۶۷ ۸۹۰" (Persian digits, groups of 4-3-3, LTR isolate); input
// accepts Persian, Arabic-Indic and Latin digits with spaces and dashes.
//
// Thread-safety: pure functions (randomness from Env, which is thread-safe).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/env.h"

namespace pol::citizen {

inline constexpr size_t kTrackingCodeDigits = 10;

// The Verhoeff check digit of a string of ASCII digits.
int VerhoeffCheckDigit(std::string_view digits);
// Whether the last digit is the Verhoeff check digit of the others.
bool VerhoeffValid(std::string_view digits_with_check);

std::string NewTrackingCode(Env* env);
// Latin digits of a typed code if it has ten digits and a right check digit.
std::optional<std::string> NormalizeTrackingCode(std::string_view input);
// For people: Persian digits, grouped 4-3-3.
std::string DisplayTrackingCode(std::string_view code);

}  // namespace pol::citizen
