// Channel secrets at rest: libsodium secretbox (XSalsa20-Poly1305) under a 32-byte key kept in a file of the
// data folder (distribution.key, mode 0600), never in the database. A sealed value is
// base64(nonce || ciphertext). Secrets are write-only through the API: only Hint() ("••••1234") is shown.
//
// Thread-safety: immutable after construction; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace pol::distribution {

class SecretBox {
 public:
  // Loads `key_file`, creating it with a fresh random key when missing (base/file.h WriteFileAtomic,
  // mode 0600: a crash never leaves a half-written key).
  static StatusOr<SecretBox> FromFile(const std::string& key_file);
  // For tests: a fixed 32-byte key.
  static SecretBox FromKey(std::string key) { return SecretBox(std::move(key)); }

  std::string Seal(std::string_view plain) const;
  // DataLoss-like Internal error when the value was sealed under another key or is corrupt.
  StatusOr<std::string> Open(std::string_view sealed) const;

 private:
  explicit SecretBox(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

// "••••" and the last four characters (ASCII) of a secret; "" for an empty one.
std::string Hint(std::string_view secret);

}  // namespace pol::distribution
