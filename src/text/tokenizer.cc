#include "text/tokenizer.h"

#include <unicode/uchar.h>

#include "text/internal/chars.h"
#include "text/internal/scan.h"
#include "text/utf8.h"

namespace pol::text {
namespace {

using namespace internal;  // NOLINT(build/namespaces): character classes

struct Cursor {
  std::string_view s;
  char32_t At(size_t i, size_t* len) const {
    if (i >= s.size()) {
      *len = 0;
      return 0;
    }
    return DecodeUtf8(s, i, len);
  }
};

bool IsWordLetter(char32_t c) {
  if (c < 0x80) return false;
  if (IsArabicLetter(c)) return true;
  if (c >= 0x0600 && c <= 0x06FF) return false;
  return u_isalpha(static_cast<UChar32>(c)) && !(c >= 0x00C0 && c <= 0x024F);
}
bool IsLatinLetter(char32_t c) {
  return IsAsciiAlpha(c) || (c >= 0x00C0 && c <= 0x024F && c != 0xD7 && c != 0xF7);
}
bool IsMark(char32_t c) {
  return IsArabicMark(c) || (c >= 0x80 && (u_getCombiningClass(static_cast<UChar32>(c)) != 0 ||
                                           u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK));
}
bool IsSpaceLike(char32_t c) {
  return c <= ' ' || IsSpaceVariant(c) || IsStrayMark(c) || (c >= 0x7F && c < 0xA0);
}

bool IsPunct(char32_t c) {
  if (c < 0x80) return !IsAsciiAlnum(c) && c > ' ' && c != 0x7F;
  int8_t t = u_charType(static_cast<UChar32>(c));
  return t == U_DASH_PUNCTUATION || t == U_START_PUNCTUATION || t == U_END_PUNCTUATION ||
         t == U_CONNECTOR_PUNCTUATION || t == U_OTHER_PUNCTUATION || t == U_INITIAL_PUNCTUATION ||
         t == U_FINAL_PUNCTUATION;
}

// Scans a number starting at i (a digit); returns its end and kind.
size_t ScanNumber(std::string_view s, size_t i, TokenKind* kind) {
  Cursor cur{s};
  size_t len;
  int slashes = 0, colons = 0, dashes = 0, groups = 1;
  bool leading_zero = DigitValue(cur.At(i, &len)) == 0;
  size_t first_group_digits = 0;
  size_t group_digits = 0;
  while (true) {
    char32_t c = cur.At(i, &len);
    if (len > 0 && IsAnyDigit(c)) {
      ++group_digits;
      if (groups == 1) ++first_group_digits;
      i += len;
      continue;
    }
    if (len == 0) break;
    bool sep = c == '.' || c == ',' || c == 0x066B || c == 0x066C || c == '/' || c == ':' || c == '-';
    if (!sep) break;
    size_t len2;
    char32_t next = cur.At(i + len, &len2);
    if (len2 == 0 || !IsAnyDigit(next)) break;
    if (c == '-') {
      // Phone numbers (0912-345-6789) and ISO dates (2024-10-06) only.
      bool iso = groups == 1 && first_group_digits == 4;
      if (!(leading_zero || iso || dashes > 0)) break;
      ++dashes;
    }
    if (c == '/') ++slashes;
    if (c == ':') ++colons;
    ++groups;
    group_digits = 0;
    i += len;
  }
  (void)group_digits;
  if (slashes >= 2 ||
      (dashes == 2 && first_group_digits == 4 && !leading_zero && slashes == 0 && colons == 0)) {
    *kind = TokenKind::kDate;
  } else if (colons >= 1 && colons <= 2 && slashes == 0 && dashes == 0) {
    *kind = TokenKind::kTime;
  } else {
    *kind = TokenKind::kNumber;
  }
  if (*kind == TokenKind::kNumber) {
    char32_t c = cur.At(i, &len);
    if (len > 0 && (c == '%' || c == 0x066A)) {
      i += len;
      *kind = TokenKind::kPercent;
    }
  }
  return i;
}

// Scans an Arabic-script (or other non-Latin script) word from i.
size_t ScanWord(std::string_view s, size_t i) {
  Cursor cur{s};
  size_t len;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (true) {
    // Fast path: two-byte Arabic-block letters and marks.
    while (i + 1 < s.size() && p[i] >= 0xD8 && p[i] <= 0xDB && (p[i + 1] & 0xC0) == 0x80) {
      char32_t c = (static_cast<char32_t>(p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F);
      if (!(IsArabicLetter(c) || IsArabicMark(c) || c == 0x0640)) break;
      i += 2;
    }
    char32_t c = cur.At(i, &len);
    if (len == 0) break;
    if (IsWordLetter(c) || IsMark(c) || c == 0x0640) {
      i += len;
      continue;
    }
    if (c == kZwnj || c == kZwj) {
      // Inside a compound only.
      size_t j = i + len;
      size_t len2;
      char32_t next = cur.At(j, &len2);
      while (len2 > 0 && (next == kZwnj || next == kZwj)) {
        j += len2;
        next = cur.At(j, &len2);
      }
      if (len2 > 0 && IsWordLetter(next)) {
        i = j;
        continue;
      }
    }
    break;
  }
  return i;
}

size_t ScanLatin(std::string_view s, size_t i) {
  Cursor cur{s};
  size_t len;
  while (true) {
    char32_t c = cur.At(i, &len);
    if (len == 0) break;
    if (IsLatinLetter(c) || IsAsciiDigit(c) || (c >= 0x80 && IsMark(c) && !IsArabicMark(c))) {
      i += len;
      continue;
    }
    if (c == '\'' || c == '-' || c == '_' || c == 0x2019) {
      size_t len2;
      char32_t next = cur.At(i + len, &len2);
      if (len2 > 0 && (IsLatinLetter(next) || IsAsciiDigit(next))) {
        i += len;
        continue;
      }
    }
    break;
  }
  return i;
}

size_t ScanTag(std::string_view s, size_t i) {
  Cursor cur{s};
  size_t len;
  while (true) {
    char32_t c = cur.At(i, &len);
    if (len == 0) break;
    if (IsWordLetter(c) || IsLatinLetter(c) || IsAnyDigit(c) || IsMark(c) || c == '_' || c == kZwnj) {
      i += len;
      continue;
    }
    break;
  }
  return i;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  tokens.reserve(s.size() / 6 + 1);
  Cursor cur{s};
  size_t i = 0;
  auto emit = [&](TokenKind k, size_t b, size_t e) {
    tokens.push_back(Token{k, s.substr(b, e - b), b, e - b});
  };
  while (i < s.size()) {
    size_t len;
    char32_t c = cur.At(i, &len);
    if ((c == kReplacementChar && len == 1) || IsSpaceLike(c) || c == kZwnj || c == kZwj) {
      i += len;
      continue;
    }
    if ((c | 0x20) == 'h' || (c | 0x20) == 'w') {
      if (size_t u = UrlLength(s, i)) {
        emit(TokenKind::kUrl, i, i + u);
        i += u;
        continue;
      }
    }
    if (IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-') {
      bool boundary = tokens.empty() || tokens.back().offset + tokens.back().length < i ||
                      tokens.back().kind == TokenKind::kPunct;
      if (boundary && IsAsciiAlnum(c)) {
        if (size_t e = EmailLength(s, i)) {
          emit(TokenKind::kEmail, i, i + e);
          i += e;
          continue;
        }
      }
    }
    if (IsAnyDigit(c)) {
      TokenKind k;
      size_t e = ScanNumber(s, i, &k);
      emit(k, i, e);
      i = e;
      continue;
    }
    if (IsLatinLetter(c)) {
      size_t e = ScanLatin(s, i + len);
      emit(TokenKind::kLatin, i, e);
      i = e;
      continue;
    }
    if (IsWordLetter(c)) {
      size_t e = ScanWord(s, i + len);
      emit(TokenKind::kWord, i, e);
      i = e;
      continue;
    }
    if (c == '#' || c == '@') {
      size_t len2;
      char32_t next = cur.At(i + len, &len2);
      if (len2 > 0 && (IsWordLetter(next) || IsLatinLetter(next) || IsAnyDigit(next) || next == '_')) {
        size_t e = ScanTag(s, i + len);
        emit(c == '#' ? TokenKind::kHashtag : TokenKind::kMention, i, e);
        i = e;
        continue;
      }
    }
    if (IsPunct(c)) {
      emit(TokenKind::kPunct, i, i + len);
      i += len;
      continue;
    }
    // Symbols (emoji): keep variation selectors, skin tones and ZWJ sequences together.
    size_t e = i + len;
    while (e < s.size()) {
      size_t len2;
      char32_t next = cur.At(e, &len2);
      if ((next >= 0xFE00 && next <= 0xFE0F) || (next >= 0x1F3FB && next <= 0x1F3FF) || next == 0x20E3 ||
          (next >= 0xE0020 && next <= 0xE007F)) {
        e += len2;
      } else if (next == kZwj) {
        size_t len3;
        char32_t after = cur.At(e + len2, &len3);
        if (len3 > 0 && after >= 0x2000 && !IsSpaceLike(after) && !IsPunct(after)) {
          e += len2 + len3;
        } else {
          break;
        }
      } else if (next >= 0x80 && IsMark(next)) {
        e += len2;
      } else {
        break;
      }
    }
    emit(TokenKind::kSymbol, i, e);
    i = e;
  }
  return tokens;
}

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord:
      return "word";
    case TokenKind::kLatin:
      return "latin";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kPercent:
      return "percent";
    case TokenKind::kDate:
      return "date";
    case TokenKind::kTime:
      return "time";
    case TokenKind::kUrl:
      return "url";
    case TokenKind::kEmail:
      return "email";
    case TokenKind::kHashtag:
      return "hashtag";
    case TokenKind::kMention:
      return "mention";
    case TokenKind::kPunct:
      return "punct";
    case TokenKind::kSymbol:
      return "symbol";
  }
  return "unknown";
}

}  // namespace pol::text
