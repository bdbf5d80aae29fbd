// Tokenizer for Persian (and mixed Persian/Latin) text.
//
// Tokens are spans of the input (text points into it; keep the input alive).
// Whitespace and invalid UTF-8 bytes separate tokens and are not returned.
//   kWord     Arabic-script word; ZWNJ compounds (می‌روم, کتاب‌ها) stay one token;
//             other scripts' letter runs (Cyrillic, Greek, …) are words too
//   kLatin    Latin word, with inner ' - _ between letters/digits (COVID-19, don't)
//   kNumber   digits in any script with separators: 10.5, ۱۲٫۵, 1,250,000, 0912-345-6789
//   kPercent  a number with % or ٪ (۵٪, 12.5%)
//   kDate     1402/05/12, ۱۴۰۲/۵/۱۲, 2024-10-06
//   kTime     22:30, ۲۲:۳۰:۱۵
//   kUrl kEmail kHashtag (#ایران) kMention (@user)
//   kPunct    one punctuation mark; kSymbol: emoji and other symbols (with
//             their variation selectors / ZWJ sequences)
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace pol::text {

enum class TokenKind {
  kWord,
  kLatin,
  kNumber,
  kPercent,
  kDate,
  kTime,
  kUrl,
  kEmail,
  kHashtag,
  kMention,
  kPunct,
  kSymbol
};

struct Token {
  TokenKind kind;
  std::string_view text;
  size_t offset;  // byte offset in the input
  size_t length;  // byte length (== text.size())
};

std::vector<Token> Tokenize(std::string_view utf8);

// Stable lower-case name ("word", "latin", "number", …).
std::string_view TokenKindName(TokenKind kind);

}  // namespace pol::text
