// Internal to the display normalizer (normalize.cc): its character tables, built at compile time,
// the expansions of Arabic presentation forms (NFKC through ICU, built once), and the small character
// classes and word pieces its passes test. Nothing outside src/text/ includes this.
//
// Thread-safety: constants, pure functions; PresentationForms::Get() is built once, thread-safely.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/internal/chars.h"
#include "text/utf8.h"

namespace pol::text::internal {

inline constexpr size_t kNone = static_cast<size_t>(-1);
inline constexpr char kZwnjUtf8[] = "\xE2\x80\x8C";

// Actions for code points below U+0800 (everything Persian text mostly uses).
inline constexpr uint16_t kDrop = 0xFFFF;
inline constexpr uint16_t kSpace = 0xFFFE;
inline constexpr uint16_t kNewline = 0xFFFD;
inline constexpr uint16_t kCarriageReturn = 0xFFFC;
inline constexpr uint16_t kTatweel = 0xFFFB;

struct SmallTable {
  std::array<uint16_t, 0x800> map;
};

constexpr SmallTable MakeSmallTable() {
  SmallTable t{};
  for (uint32_t c = 0; c < 0x800; ++c) t.map[c] = static_cast<uint16_t>(c);
  for (uint32_t c = 0; c < 0x20; ++c) t.map[c] = kDrop;
  t.map['\t'] = kSpace;
  t.map[' '] = kSpace;
  t.map[0x0B] = kSpace;
  t.map[0x0C] = kSpace;
  t.map['\n'] = kNewline;
  t.map['\r'] = kCarriageReturn;
  t.map[0x7F] = kDrop;
  for (uint32_t c = 0x80; c < 0xA0; ++c) t.map[c] = kDrop;
  t.map[0x85] = kSpace;
  t.map[0xA0] = kSpace;
  t.map[0xAD] = kDrop;
  t.map[0x061C] = kDrop;  // Arabic letter mark
  t.map[0x0640] = kTatweel;
  t.map[0x064A] = 0x06CC;  // ي → ی
  t.map[0x0649] = 0x06CC;  // ى → ی
  t.map[0x06CD] = 0x06CC;  // ۍ → ی
  t.map[0x06D0] = 0x06CC;  // ې → ی
  t.map[0x0643] = 0x06A9;  // ك → ک
  t.map[0x06AA] = 0x06A9;  // ڪ → ک
  t.map[0x06BE] = 0x0647;  // ھ → ه
  t.map[0x06C1] = 0x0647;  // ہ → ه
  t.map[0x06D5] = 0x0647;  // ە → ه
  for (uint32_t d = 0; d < 10; ++d) t.map[0x0660 + d] = static_cast<uint16_t>(0x06F0 + d);
  return t;
}

inline constexpr SmallTable kSmall = MakeSmallTable();

// Arabic-block letters (U+0600..U+06FF) that the normalizer copies unchanged.
// plain[c - 0x600] is the letter to write for U+0600..U+06FF when that is a
// letter (itself, or its Persian form for ي ك …), 0 otherwise.
struct PlainTable {
  std::array<uint16_t, 0x100> plain;
};
constexpr PlainTable MakePlainTable() {
  PlainTable t{};
  for (uint32_t c = 0x600; c < 0x700; ++c) {
    uint16_t m = kSmall.map[c];
    t.plain[c - 0x600] = IsArabicLetter(c) && m < 0x800 && IsArabicLetter(m) ? m : 0;
  }
  return t;
}
inline constexpr PlainTable kPlain = MakePlainTable();

// The same indexed by the two UTF-8 bytes (lead 0xD8..0xDB): 0 = not a plain
// letter, 1 = copied as is, else the replacement letter.
struct PairTable {
  std::array<uint16_t, 4 * 256> v;
};
constexpr PairTable MakePairTable() {
  PairTable t{};
  for (uint32_t hi = 0; hi < 4; ++hi) {
    for (uint32_t b1 = 0; b1 < 256; ++b1) {
      uint16_t r = 0;
      if ((b1 & 0xC0) == 0x80) {
        uint32_t idx = (hi << 6) | (b1 & 0x3F);
        uint16_t m = kPlain.plain[idx];
        r = m == 0 ? 0 : (m == 0x600 + idx ? 1 : m);
      }
      t.v[hi * 256 + b1] = r;
    }
  }
  return t;
}
inline constexpr PairTable kPair = MakePairTable();

// IsDualJoining for U+0600..U+06FF.
struct DualTable {
  std::array<bool, 0x100> dual;
};
constexpr DualTable MakeDualTable() {
  DualTable t{};
  for (uint32_t c = 0x600; c < 0x700; ++c) t.dual[c - 0x600] = IsDualJoining(c);
  return t;
}
inline constexpr DualTable kDual = MakeDualTable();

inline bool IsPresentationForm(char32_t c) {
  return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC);
}

// Expansions of Arabic presentation forms and ligatures via NFKC, built once.
class PresentationForms {
 public:
  static const PresentationForms& Get() {
    static const PresentationForms* forms = new PresentationForms();
    return *forms;
  }
  // Empty if the code point has no compatibility decomposition.
  const std::u32string& Expand(char32_t c) const {
    static const std::u32string kEmpty;
    if (c >= 0xFB50 && c <= 0xFDFF) return a_[c - 0xFB50];
    if (c >= 0xFE70 && c <= 0xFEFC) return b_[c - 0xFE70];
    return kEmpty;
  }

 private:
  PresentationForms();
  std::vector<std::u32string> a_;
  std::vector<std::u32string> b_;
};

inline bool IsOpenBracket(char32_t c) { return c == '(' || c == '[' || c == '{' || c == 0xAB; }
// Never preceded by a space.
inline bool IsTightClose(char32_t c) {
  return c == ')' || c == ']' || c == '}' || c == 0xBB || c == 0x060C || c == 0x061B || c == 0x061F;
}
// Not preceded by a space when they follow a word.
inline bool IsTightAfterWord(char32_t c) {
  return c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?';
}
// Followed by a space when a Persian letter comes next.
inline bool WantsSpaceAfter(char32_t c) {
  return c == ':' || c == ';' || c == '!' || c == '?' || c == ',' || c == 0x060C || c == 0x061B ||
         c == 0x061F || c == ')' || c == ']' || c == 0xBB;
}

// "می" and "نمی" in UTF-8.
inline constexpr std::string_view kMi = "\xD9\x85\xDB\x8C";
inline constexpr std::string_view kNemi = "\xD9\x86\xD9\x85\xDB\x8C";

inline bool IsPluralSuffix(std::string_view w) {
  static constexpr std::string_view kSuffixes[] = {
      "\xD9\x87\xD8\xA7",                                  // ها
      "\xD9\x87\xD8\xA7\xDB\x8C",                          // های
      "\xD9\x87\xD8\xA7\xDB\x8C\xDB\x8C",                  // هایی
      "\xD9\x87\xD8\xA7\xDB\x8C\xD9\x85",                  // هایم
      "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xAA",                  // هایت
      "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xB4",                  // هایش
      "\xD9\x87\xD8\xA7\xDB\x8C\xD9\x85\xD8\xA7\xD9\x86",  // هایمان
      "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xAA\xD8\xA7\xD9\x86",  // هایتان
      "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xB4\xD8\xA7\xD9\x86",  // هایشان
  };
  if (w.size() < 4 || w[0] != '\xD9' || w[1] != '\x87') return false;
  for (std::string_view s : kSuffixes) {
    if (w == s) return true;
  }
  return false;
}

inline constexpr std::string_view kTar = "\xD8\xAA\xD8\xB1";                    // تر
inline constexpr std::string_view kTarin = "\xD8\xAA\xD8\xB1\xDB\x8C\xD9\x86";  // ترین
inline constexpr std::string_view kYe = "\xDB\x8C";                             // ی
inline constexpr std::string_view kAlefYe = "\xD8\xA7\xDB\x8C";                 // ای

// The last code point before byte `end` that is not an Arabic mark.
inline char32_t LastBase(std::string_view s, size_t begin, size_t end) {
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t len;
    char32_t c = DecodeUtf8(s, start, &len);
    if (!IsArabicMark(c)) return c;
    end = start;
  }
  return 0;
}

}  // namespace pol::text::internal
