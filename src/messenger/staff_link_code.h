// The one-time code that links a staff member's chat to their Pol account (staff_chats.cc): "pol-" and ten
// characters of an alphabet without look-alikes (31^10 codes), live for 15 minutes, stored only as its
// SHA-256. The staff member sends it to a council's bot as a message, or as the deep link's start
// parameter (the bot then receives "/start pol-…"), which Telegram and Bale both allow ([A-Za-z0-9_-]).
//
// Thread-safety: pure functions (NewStaffLinkCode reads the Env's randomness).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/env.h"

namespace pol::messenger {

inline constexpr int64_t kStaffLinkCodeTtlMs = 15 * 60 * 1000;

std::string NewStaffLinkCode(Env* env);
// The code in a message: "pol-xxxxxxxxxx" or "/start pol-xxxxxxxxxx" (surrounding space ignored, letters
// of any case, Persian or Arabic digits read as Latin), lowercased; nullopt for anything else — a
// citizen's words never are one.
std::optional<std::string> StaffLinkCodeIn(const std::string& text);
// What is stored of a code.
std::string StaffLinkCodeHash(const std::string& code);

}  // namespace pol::messenger
