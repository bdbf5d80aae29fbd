// Validation and normalization of account fields as people type them:
// Persian, Arabic or Latin digits, Arabic ي/ك, stray spaces. Each returns the
// canonical form or an InvalidArgument with a Persian message and the field.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace pol::accounts {

// 3–32 of a-z 0-9 . _ - (Latin), lower-cased; not shaped like a mobile number (username_is_mobile).
StatusOr<std::string> NormalizeUsername(std::string_view in);
// Display-normalized Persian name, 2–100 characters.
StatusOr<std::string> NormalizeName(std::string_view in, const char* field = "name");
// "09xxxxxxxxx" from 09…, +989…, 00989…, 989… in any digit script; empty → nullopt.
StatusOr<std::optional<std::string>> NormalizeMobileField(std::string_view in);
// Lower-cased address with one @ and a dotted domain; empty → nullopt.
StatusOr<std::optional<std::string>> NormalizeEmailField(std::string_view in);
// What a person typed in the login box, in the form stored (username, mobile or e-mail).
std::string NormalizeLogin(std::string_view in);
// Which column a normalized login identifier is looked up in, decided by its shape alone: an Iranian
// mobile number (09…, +989…, 00989…, 989… in any digit script) → mobile; one with '@' → e-mail;
// anything else → username. Usernames can therefore never be mobile-shaped (NormalizeUsername refuses
// them) nor contain '@', so no identifier of one kind can ever stand for another user's of another kind.
enum class LoginKind { kUsername, kMobile, kEmail };
LoginKind LoginKindOf(std::string_view normalized_login);
// A slug for URLs: 2–40 of a-z 0-9 -.
StatusOr<std::string> NormalizeSlug(std::string_view in);
// A free text field: display-normalized, at most max_chars code points.
StatusOr<std::string> NormalizeText(std::string_view in, size_t max_chars, const char* field, bool required);

}  // namespace pol::accounts
