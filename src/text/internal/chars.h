// Code-point classes used by the normalizer, folder and tokenizer.
// Thread-safety: constexpr/pure.
#pragma once

#include <cstdint>

namespace pol::text::internal {

inline constexpr char32_t kZwnj = 0x200C;
inline constexpr char32_t kZwj = 0x200D;

// Arabic-script combining marks (harakat, tanwin, shadda, sukun, hamza
// above/below, superscript alef, Quranic marks).
constexpr bool IsArabicMark(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06DC) ||
         (c >= 0x06DF && c <= 0x06E4) || (c >= 0x06E7 && c <= 0x06E8) || (c >= 0x06EA && c <= 0x06ED) ||
         (c >= 0x0610 && c <= 0x061A) || (c >= 0x08D3 && c <= 0x08FF);
}

// Arabic-script letters (not digits, punctuation or marks).
constexpr bool IsArabicLetter(char32_t c) {
  return (c >= 0x0620 && c <= 0x063F) || (c >= 0x0641 && c <= 0x064A) || (c >= 0x066E && c <= 0x066F) ||
         (c >= 0x0671 && c <= 0x06D3) || c == 0x06D5 || (c >= 0x06EE && c <= 0x06EF) ||
         (c >= 0x06FA && c <= 0x06FC) || c == 0x06FF || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0x08A0 && c <= 0x08C9);
}

// Letters that join on both sides, so a following ZWNJ is meaningful.
// Right-joining (non-joining to the left) letters are alefs, dal, thal, reh,
// zain, jeh, waw and their variants, teh marbuta, heh with yeh above; hamza
// joins neither way.
constexpr bool IsDualJoining(char32_t c) {
  if (!IsArabicLetter(c)) return false;
  switch (c) {
    case 0x0621:  // ء
    case 0x0622:  // آ
    case 0x0623:  // أ
    case 0x0624:  // ؤ
    case 0x0625:  // إ
    case 0x0627:  // ا
    case 0x0629:  // ة
    case 0x062F:  // د
    case 0x0630:  // ذ
    case 0x0631:  // ر
    case 0x0632:  // ز
    case 0x0648:  // و
    case 0x0671:  // ٱ
    case 0x0672:
    case 0x0673:
    case 0x0675:
    case 0x0676:
    case 0x0677:
    case 0x0688:
    case 0x0689:
    case 0x068A:
    case 0x068B:
    case 0x068C:
    case 0x068D:
    case 0x068E:
    case 0x068F:
    case 0x0690:
    case 0x0691:
    case 0x0692:
    case 0x0693:
    case 0x0694:
    case 0x0695:
    case 0x0696:
    case 0x0697:
    case 0x0698:  // ژ
    case 0x0699:
    case 0x06C0:  // ۀ
    case 0x06C3:
    case 0x06C4:
    case 0x06C5:
    case 0x06C6:
    case 0x06C7:
    case 0x06C8:
    case 0x06C9:
    case 0x06CA:
    case 0x06CB:
    case 0x06CD:
    case 0x06CF:
    case 0x06D2:
    case 0x06D3:
    case 0x06D5:
    case 0x06EE:
    case 0x06EF:
      return false;
    default:
      return true;
  }
}

constexpr bool IsPersianDigit(char32_t c) { return c >= 0x06F0 && c <= 0x06F9; }
constexpr bool IsArabicIndicDigit(char32_t c) { return c >= 0x0660 && c <= 0x0669; }
constexpr bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
constexpr bool IsAnyDigit(char32_t c) {
  return IsAsciiDigit(c) || IsPersianDigit(c) || IsArabicIndicDigit(c);
}
constexpr int DigitValue(char32_t c) {
  if (IsAsciiDigit(c)) return static_cast<int>(c - '0');
  if (IsPersianDigit(c)) return static_cast<int>(c - 0x06F0);
  if (IsArabicIndicDigit(c)) return static_cast<int>(c - 0x0660);
  return -1;
}
constexpr bool IsAsciiAlpha(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool IsAsciiAlnum(char32_t c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }

// Horizontal spaces folded to U+0020 by the normalizer.
constexpr bool IsSpaceVariant(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x0B || c == 0x0C || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0x2028 ||
         c == 0x2029 || c == 0x85;
}

// Invisible format characters removed by the normalizer (bidi controls,
// soft hyphen, zero-width space, word joiner, BOM, Arabic letter mark).
constexpr bool IsStrayMark(char32_t c) {
  return c == 0xAD || c == 0x061C || c == 0x200B || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0xFEFF;
}

}  // namespace pol::text::internal
