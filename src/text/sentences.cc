#include "text/sentences.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "base/strings.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace pol::text {
namespace {

bool IsTerminator(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == "\xD8\x9F" /* ؟ */ || t == "\xE2\x80\xA6" /* … */;
}

bool IsCloser(std::string_view t) {
  return t == "\xC2\xBB" /* » */ || t == ")" || t == "]" || t == "\"" || t == "'" || t == "\xE2\x80\x9D" ||
         t == "\xE2\x80\x99";
}

bool IsLatinAbbreviation(std::string_view w) {
  static constexpr std::array<std::string_view, 22> kAbbr = {
      "mr",  "mrs", "ms", "dr",  "prof", "st", "jr", "sr",     "vs",   "etc", "inc",
      "ltd", "co",  "no", "fig", "eg",   "ie", "al", "approx", "dept", "gen", "gov"};
  if (w.size() > 6) return false;
  const std::string lower = AsciiLower(w);
  return std::find(kAbbr.begin(), kAbbr.end(), lower) != kAbbr.end();
}

bool SingleLetter(const Token& t) {
  if (t.kind != TokenKind::kWord && t.kind != TokenKind::kLatin) return false;
  return CountCodePoints(t.text) == 1;
}

bool HasNewline(std::string_view s, size_t from, size_t to) {
  return s.substr(from, to - from).find('\n') != std::string_view::npos;
}

}  // namespace

std::vector<std::string_view> SplitSentences(std::string_view s) {
  std::vector<std::string_view> out;
  std::vector<Token> tokens = Tokenize(s);
  size_t start = std::string_view::npos;  // first byte of the current sentence
  size_t end = 0;
  auto flush = [&]() {
    if (start != std::string_view::npos && end > start) out.push_back(s.substr(start, end - start));
    start = std::string_view::npos;
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (start != std::string_view::npos && HasNewline(s, end, t.offset)) flush();
    if (start == std::string_view::npos) start = t.offset;
    end = t.offset + t.length;
    if (t.kind != TokenKind::kPunct || !IsTerminator(t.text)) continue;
    if (t.text == ".") {
      bool glued_prev = i > 0 && tokens[i - 1].offset + tokens[i - 1].length == t.offset;
      bool glued_next = i + 1 < tokens.size() && tokens[i + 1].offset == end;
      if (glued_prev && SingleLetter(tokens[i - 1])) continue;
      if (glued_prev && tokens[i - 1].kind == TokenKind::kLatin && IsLatinAbbreviation(tokens[i - 1].text)) {
        continue;
      }
      if (glued_next && tokens[i + 1].kind != TokenKind::kPunct) continue;
      if (i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::kLatin && !tokens[i + 1].text.empty() &&
          std::islower(static_cast<unsigned char>(tokens[i + 1].text[0]))) {
        continue;
      }
    }
    // Take further terminators and closing quotes/brackets glued to this one.
    while (i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::kPunct &&
           (IsTerminator(tokens[i + 1].text) || IsCloser(tokens[i + 1].text)) &&
           !HasNewline(s, end, tokens[i + 1].offset)) {
      ++i;
      end = tokens[i].offset + tokens[i].length;
    }
    flush();
  }
  flush();
  return out;
}

}  // namespace pol::text
