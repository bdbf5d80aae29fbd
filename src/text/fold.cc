#include "text/fold.h"

#include <unicode/uchar.h>

#include <array>

#include "text/internal/chars.h"
#include "text/utf8.h"

namespace pol::text {

using internal::IsArabicMark;
using internal::IsStrayMark;

char32_t FoldCodePoint(char32_t c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    return c;
  }
  if (c >= 0x0600 && c <= 0x06FF) {
    if (IsArabicMark(c)) return 0;
    switch (c) {
      case 0x0640:  // tatweel
      case 0x0621:  // ء
        return 0;
      case 0x0622:
      case 0x0623:
      case 0x0625:
      case 0x0671:
        return 0x0627;
      case 0x0624:
        return 0x0648;
      case 0x0626:
      case 0x064A:
      case 0x0649:
      case 0x06CD:
      case 0x06D0:
        return 0x06CC;
      case 0x0643:
      case 0x06AA:
        return 0x06A9;
      case 0x0629:
      case 0x06C0:
      case 0x06BE:
      case 0x06C1:
      case 0x06C2:
      case 0x06D5:
        return 0x0647;
      case 0x066A:
        return '%';
      case 0x066B:
        return '.';
      case 0x066C:
        return ',';
      default:
        break;
    }
    if (internal::IsPersianDigit(c)) return '0' + (c - 0x06F0);
    if (internal::IsArabicIndicDigit(c)) return '0' + (c - 0x0660);
    return c;
  }
  if (c == internal::kZwnj || c == internal::kZwj || IsStrayMark(c)) return 0;
  if (IsArabicMark(c)) return 0;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

namespace {

// FoldCodePoint for U+0600..U+06FF, precomputed.
struct ArabicFoldTable {
  std::array<char32_t, 0x100> fold;
  ArabicFoldTable() {
    for (char32_t c = 0x600; c < 0x700; ++c) fold[c - 0x600] = FoldCodePoint(c);
  }
};
const ArabicFoldTable& ArabicFold() {
  static const ArabicFoldTable table;
  return table;
}

// The hamza seats in context, so that the spellings of one word fold alike:
//   ئ or ؤ before و is dropped: مسئول, مسؤول → مسول; سئوال, سؤال → سوال; شئون, شؤون → شون;
//   أ after ی becomes ی, as ئ does: هیأت, هیئت, هيئت → هییت.
//   وو becomes و (in FoldCharsAppend): مسوول → مسول, داوود → داود.
// Elsewhere the table's fold holds (ئ → ی, ؤ → و, أ → ا: رئیس → رییس, مؤسسه → موسسه, تأمین → تامین).
// `next` is the byte offset after the seat; marks between the seat and و are skipped.
char32_t FoldHamzaInContext(char32_t c, char32_t f, std::string_view s, size_t next, const std::string& out) {
  if (c == 0x0626 || c == 0x0624) {
    size_t j = next;
    while (j + 1 < s.size()) {
      const auto b0 = static_cast<unsigned char>(s[j]);
      const auto b1 = static_cast<unsigned char>(s[j + 1]);
      if (b0 < 0xD8 || b0 > 0xDB || (b1 & 0xC0) != 0x80) break;
      const char32_t n = (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
      if (n == 0x0648) return 0;
      if (!IsArabicMark(n)) break;
      j += 2;
    }
    return f;
  }
  if (c == 0x0623 && out.size() >= 2 && static_cast<unsigned char>(out[out.size() - 2]) == 0xDB &&
      static_cast<unsigned char>(out.back()) == 0x8C) {
    return 0x06CC;
  }
  return f;
}

}  // namespace

void FoldCharsAppend(std::string_view s, std::string* out) {
  const ArabicFoldTable& table = ArabicFold();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = p[i];
    if (b < 0x80) {
      out->push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    if (b >= 0xD8 && b <= 0xDB && i + 1 < s.size() && (p[i + 1] & 0xC0) == 0x80) {
      char32_t c = (static_cast<char32_t>(b & 0x1F) << 6) | (p[i + 1] & 0x3F);
      char32_t f = table.fold[c - 0x600];
      if (c >= 0x0623 && c <= 0x0626) f = FoldHamzaInContext(c, f, s, i + 2, *out);
      // وو → و: the hamza-less spelling of مسئول is مسوول (and طاووس, داوود have spellings with one و).
      if (f == 0x0648 && out->size() >= 2 && static_cast<unsigned char>((*out)[out->size() - 2]) == 0xD9 &&
          static_cast<unsigned char>(out->back()) == 0x88) {
        i += 2;
        continue;
      }
      if (f == c) {
        out->append(s.data() + i, 2);
      } else if (f != 0) {
        AppendUtf8(f, out);
      }
      i += 2;
      continue;
    }
    size_t len;
    char32_t c = DecodeUtf8(s, i, &len);
    char32_t f = FoldCodePoint(c);
    if (f == c && len > 1 && c != kReplacementChar) {
      out->append(s.data() + i, len);
    } else if (f != 0) {
      AppendUtf8(f, out);
    }
    i += len;
  }
}

std::string FoldChars(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  FoldCharsAppend(utf8, &out);
  return out;
}

}  // namespace pol::text
