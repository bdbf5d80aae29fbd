// StaticStringSet: a read-only open-addressing hash set (optionally a map) of
// byte strings, laid out by the build-time generator (tools/gen_data.cc) as
// two constant arrays, so lookups touch .rodata only and nothing is built at
// startup.
//
// Layout: `blob` holds entries [klen:1][key bytes][vlen:1][value bytes];
// `slots` (a power-of-two count) holds 1 + the entry's blob offset, or 0 for
// an empty slot. Probing is linear from HashBytes(key) & mask.
//
// Thread-safety: immutable; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace pol::text::internal {

// FNV-1a over bytes with a final avalanche; shared by the generator and the
// runtime so both agree on slot positions.
inline uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

struct StaticStringSet {
  const unsigned char* blob;
  const uint32_t* slots;
  uint32_t mask;  // slot count - 1
  uint32_t size;  // number of entries

  // Returns the entry's value if `key` is present (empty view for a set).
  std::optional<std::string_view> Find(std::string_view key) const {
    if (key.size() > 255 || mask == 0) return std::nullopt;
    uint32_t i = static_cast<uint32_t>(HashBytes(key)) & mask;
    while (uint32_t slot = slots[i]) {
      const unsigned char* e = blob + (slot - 1);
      if (e[0] == key.size() && std::memcmp(e + 1, key.data(), key.size()) == 0) {
        const unsigned char* v = e + 1 + e[0];
        return std::string_view(reinterpret_cast<const char*>(v + 1), v[0]);
      }
      i = (i + 1) & mask;
    }
    return std::nullopt;
  }
  bool Contains(std::string_view key) const { return Find(key).has_value(); }
};

}  // namespace pol::text::internal
