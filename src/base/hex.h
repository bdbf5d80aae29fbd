// Hex encoding and SHA-256, written once.
//
// Contract: HexEncode gives lowercase hex, two characters a byte; Sha256 is libsodium's
// crypto_hash_sha256 (32 raw bytes), Sha256Hex its lowercase hex (64 characters); StrongEtag is
// "<32 hex digits>" of a 16-byte crypto_generichash (BLAKE2b), stable across processes.
// Thread-safety: pure functions (libsodium is initialised on first use).
#pragma once

#include <string>
#include <string_view>

namespace pol {

std::string HexEncode(std::string_view bytes);
std::string Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);
// A strong HTTP entity tag for a body: a 128-bit BLAKE2b of it in lowercase hex, in double quotes.
std::string StrongEtag(std::string_view body);

}  // namespace pol
