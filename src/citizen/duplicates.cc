#include "citizen/duplicates.h"

#include "base/hex.h"
#include "text/shingles.h"

namespace pol::citizen {
namespace {

constexpr int kBands = 16;  // LSH: 16 bands × 8 rows; Jaccard 0.8 is found with p ≈ 0.9

int Nibble(char ch) { return ch <= '9' ? ch - '0' : ch - 'a' + 10; }

}  // namespace

std::string RequestSignature(const std::string& subject, const std::string& text) {
  const text::MinHashSignature s = text::MinHash(text::TextShingles(subject + "\n" + text, 3));
  if (s.empty) return "";
  return HexEncode(
      std::string_view(reinterpret_cast<const char*>(s.values.data()), sizeof(uint32_t) * s.values.size()));
}

std::optional<text::MinHashSignature> ParseSignature(const std::string& hex) {
  if (hex.size() != sizeof(uint32_t) * text::kMinHashSize * 2) return std::nullopt;
  text::MinHashSignature s;
  s.empty = false;
  auto* bytes = reinterpret_cast<unsigned char*>(s.values.data());
  for (size_t i = 0; i < hex.size() / 2; ++i) {
    bytes[i] = static_cast<unsigned char>(Nibble(hex[2 * i]) * 16 + Nibble(hex[2 * i + 1]));
  }
  return s;
}

std::vector<int64_t> DuplicateBands(const std::string& hex) {
  std::vector<int64_t> keys;
  auto sig = ParseSignature(hex);
  if (!sig) return keys;
  const int rows = text::kMinHashSize / kBands;
  for (int b = 0; b < kBands; ++b) {
    uint64_t h = 1469598103934665603ull ^ static_cast<uint64_t>(b);
    for (int r = 0; r < rows; ++r) {
      h ^= sig->values[static_cast<size_t>(b * rows + r)];
      h *= 1099511628211ull;
    }
    keys.push_back(static_cast<int64_t>(h >> 1));
  }
  return keys;
}

}  // namespace pol::citizen
