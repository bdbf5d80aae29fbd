#include "distribution/secrets.h"

#include <sodium.h>

#include <cstring>

#include "base/file.h"

namespace pol::distribution {

StatusOr<SecretBox> SecretBox::FromFile(const std::string& key_file) {
  if (sodium_init() < 0) return Internal("sodium_init failed");
  auto key = ReadFile(key_file);
  if (!key.ok() && key.status().code() != StatusCode::kNotFound) return key.status();
  if (!key.ok()) {
    std::string fresh(crypto_secretbox_KEYBYTES, '\0');
    crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(fresh.data()));
    Status written = WriteFileAtomic(key_file, fresh, 0600);
    if (!written.ok()) return Internal("cannot write key file " + key_file + ": " + written.ToString());
    // Use what is on disk: when two processes create the key at the same moment the last rename wins
    // (one data folder has one `pol serve`, so this is a corner of a corner).
    key = ReadFile(key_file);
    if (!key.ok()) return key.status();
  }
  if (key->size() != crypto_secretbox_KEYBYTES) return Internal("key file " + key_file + " has a wrong size");
  return SecretBox(std::move(*key));
}

std::string SecretBox::Seal(std::string_view plain) const {
  std::string buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(buf.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        reinterpret_cast<const unsigned char*>(key_.data()));
  std::string out(sodium_base64_ENCODED_LEN(buf.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(buf.data()), buf.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

StatusOr<std::string> SecretBox::Open(std::string_view sealed) const {
  if (sealed.empty()) return std::string();
  std::string bin(sealed.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), sealed.data(),
                        sealed.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Internal("sealed secret is corrupt");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(bin.data());
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 nonce + crypto_secretbox_NONCEBYTES, len - crypto_secretbox_NONCEBYTES,
                                 nonce, reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
    return Internal("sealed secret does not open with this data folder's key");
  }
  return plain;
}

std::string Hint(std::string_view secret) {
  if (secret.empty()) return "";
  std::string tail;
  for (size_t i = secret.size(); i > 0 && tail.size() < 4; --i) {
    unsigned char ch = static_cast<unsigned char>(secret[i - 1]);
    if (ch < 0x80) tail.insert(tail.begin(), static_cast<char>(ch));
  }
  if (secret.size() <= 8) tail.clear();  // a short secret shows no characters
  return "••••" + tail;
}

}  // namespace pol::distribution
