#include "messenger/staff_link_code.h"

#include <cctype>
#include <string_view>

#include "base/hex.h"
#include "base/strings.h"
#include "text/number_words.h"

namespace pol::messenger {
namespace {

constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr std::string_view kPrefix = "pol-";
constexpr size_t kLength = 10;

}  // namespace

std::string NewStaffLinkCode(Env* env) {
  const std::string bytes = env->RandomBytes(kLength);
  std::string code(kPrefix);
  // 256 is not a multiple of 31: a byte of 248 or more would favour the first letters; they are rare
  // enough (3%) that folding them costs under one bit of the code's 49.
  for (unsigned char b : bytes) code += kAlphabet[b % kAlphabet.size()];
  return code;
}

std::optional<std::string> StaffLinkCodeIn(const std::string& message) {
  std::string t = text::ToLatinDigits(TrimAscii(message));
  if (t.starts_with("/start ")) t = std::string(TrimAscii(std::string_view(t).substr(7)));
  if (t.size() != kPrefix.size() + kLength) return std::nullopt;
  for (char& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (!t.starts_with(kPrefix)) return std::nullopt;
  for (size_t i = kPrefix.size(); i < t.size(); ++i) {
    if (kAlphabet.find(t[i]) == std::string_view::npos) return std::nullopt;
  }
  return t;
}

std::string StaffLinkCodeHash(const std::string& code) { return Sha256Hex("pol-staff-link:" + code); }

}  // namespace pol::messenger
