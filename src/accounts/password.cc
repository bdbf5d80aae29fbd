#include "accounts/password.h"

#include <sodium.h>

#include <algorithm>

namespace pol::accounts {

StatusOr<std::string> HashPassword(std::string_view password, const PasswordCost& cost) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("argon2id: out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  std::string h(hash);  // must be NUL-terminated
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void VerifyDummy(std::string_view password) {
  static const std::string kDummy = *HashPassword("pol-dummy-password");
  (void)VerifyPassword(kDummy, password);
}

Status CheckPasswordPolicy(std::string_view password, const char* field) {
  size_t code_points = std::count_if(password.begin(), password.end(),
                                     [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  if (code_points < 8) {
    return InvalidArgument("weak_password", "گذرواژه باید دست‌کم ۸ نویسه باشد.",
                           field);
  }
  if (password.size() > 200) {
    return InvalidArgument("password_too_long", "گذرواژه بیش از اندازه بلند است.", field);
  }
  if (std::all_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return InvalidArgument("weak_password", "گذرواژه نباید فقط از رقم تشکیل شده باشد.", field);
  }
  return Status::Ok();
}

}  // namespace pol::accounts
