#include "text/fold.h"

#include <unicode/uchar.h>

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

void FoldCharsAppend(std::string_view s, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
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
