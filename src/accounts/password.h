// Password hashing with libsodium's argon2id (crypto_pwhash_str), and the
// password policy. Hashes are self-describing strings ($argon2id$v=19$m=…),
// so cost parameters can be raised later without breaking stored hashes.
//
// Thread-safety: stateless; safe from any thread. Hashing is deliberately slow
// (tens of ms): call it on a worker thread, never on a network thread.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace pol::accounts {

struct PasswordCost {
  unsigned long long ops = 2;    // argon2id iterations
  size_t mem_bytes = 19u << 20;  // 19 MiB (OWASP's argon2id baseline)
};

StatusOr<std::string> HashPassword(std::string_view password, const PasswordCost& cost = {});
bool VerifyPassword(std::string_view hash, std::string_view password);
// Burns the same time as a verify, for logins with an unknown user (timing).
void VerifyDummy(std::string_view password);
// At least 8 characters (counted as code points), at most 200 bytes, not all digits.
Status CheckPasswordPolicy(std::string_view password, const char* field = "password");

}  // namespace pol::accounts
