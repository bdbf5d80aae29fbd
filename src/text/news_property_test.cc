// Property tests over the 600 real articles of ../shared/data/news/fars-news-sample.jsonl.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "text/fold.h"
#include "text/internal/chars.h"
#include "text/normalize.h"
#include "text/search_terms.h"
#include "text/sentences.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace pol::text {
namespace {

std::vector<std::string> LoadTexts() {
  std::vector<std::string> texts;
  std::ifstream in(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    std::string t = j.value("title", "");
    t.push_back('\n');
    t.append(j.value("abstract", ""));
    for (const auto& p : j["paragraphs"]) {
      t.push_back('\n');
      t.append(p.get<std::string>());
    }
    texts.push_back(std::move(t));
  }
  return texts;
}

const std::vector<std::string>& Texts() {
  static const auto* texts = new std::vector<std::string>(LoadTexts());
  return *texts;
}

// Multiset of letters and digits, folded so that spelling variants count alike.
std::map<char32_t, int> Letters(std::string_view s) {
  std::map<char32_t, int> m;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    char32_t c = DecodeUtf8(s, i, &len);
    i += len;
    if (internal::IsArabicLetter(c) || internal::IsAsciiAlnum(c) || internal::IsAnyDigit(c)) {
      char32_t f = FoldCodePoint(c);
      if (f != 0) ++m[f];
    }
  }
  return m;
}

std::vector<std::string> Kinds(std::string_view s, std::initializer_list<TokenKind> kinds, bool fold) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(s)) {
    for (TokenKind k : kinds) {
      if (t.kind == k) out.push_back(fold ? FoldChars(t.text) : std::string(t.text));
    }
  }
  return out;
}

TEST(NewsProperty, HasAllArticles) { EXPECT_EQ(Texts().size(), 600u); }

TEST(NewsProperty, IdempotentValidAndNoLetterLost) {
  for (const std::string& t : Texts()) {
    std::string n = NormalizeDisplay(t);
    ASSERT_TRUE(IsValidUtf8(n));
    ASSERT_EQ(NormalizeDisplay(n), n) << t.substr(0, 200);
    ASSERT_EQ(Letters(n), Letters(t)) << t.substr(0, 200);
    // Lines are kept.
    ASSERT_EQ(std::count(n.begin(), n.end(), '\n'), std::count(t.begin(), t.end(), '\n'));
  }
}

TEST(NewsProperty, ArabicLettersGone) {
  for (const std::string& t : Texts()) {
    std::string n = NormalizeDisplay(t);
    EXPECT_EQ(n.find("\xD9\x8A"), std::string::npos);  // ي
    EXPECT_EQ(n.find("\xD9\x83"), std::string::npos);  // ك
    // Tatweel survives only as a dash, never stretching a letter.
    char32_t prev = 0;
    for (size_t i = 0; i < n.size();) {
      size_t len;
      char32_t c = DecodeUtf8(n, i, &len);
      i += len;
      EXPECT_FALSE(c == 0x0640 && internal::IsArabicLetter(prev)) << n.substr(i > 40 ? i - 40 : 0, 80);
      prev = c;
    }
  }
}

TEST(NewsProperty, UrlsAndNumbersSurvive) {
  for (const std::string& t : Texts()) {
    std::string n = NormalizeDisplay(t);
    EXPECT_EQ(Kinds(n, {TokenKind::kUrl, TokenKind::kEmail}, false),
              Kinds(t, {TokenKind::kUrl, TokenKind::kEmail}, false));
    auto after =
        Kinds(n, {TokenKind::kNumber, TokenKind::kDate, TokenKind::kTime, TokenKind::kPercent}, true);
    auto before =
        Kinds(t, {TokenKind::kNumber, TokenKind::kDate, TokenKind::kTime, TokenKind::kPercent}, true);
    if (after != before) {
      size_t k = 0;
      while (k < after.size() && k < before.size() && after[k] == before[k]) ++k;
      ADD_FAILURE() << "numbers differ at #" << k << ": " << (k < before.size() ? before[k] : "(end)")
                    << " became " << (k < after.size() ? after[k] : "(end)");
    }
  }
}

TEST(NewsProperty, ChunkedEqualsWhole) {
  for (size_t k = 0; k < 50; ++k) {
    const std::string& t = Texts()[k];
    std::string chunked;
    size_t start = 0;
    while (start <= t.size()) {
      size_t nl = t.find('\n', start);
      if (nl == std::string::npos) nl = t.size();
      NormalizeDisplayAppend(std::string_view(t).substr(start, nl - start), &chunked);
      if (nl < t.size()) chunked.push_back('\n');
      start = nl + 1;
    }
    EXPECT_EQ(chunked, NormalizeDisplay(t));
  }
}

TEST(NewsProperty, TokensCoverTextInOrder) {
  for (const std::string& t : Texts()) {
    size_t end = 0;
    for (const Token& tok : Tokenize(t)) {
      ASSERT_GE(tok.offset, end);
      ASSERT_GT(tok.length, 0u);
      ASSERT_LE(tok.offset + tok.length, t.size());
      ASSERT_EQ(tok.text, std::string_view(t).substr(tok.offset, tok.length));
      end = tok.offset + tok.length;
    }
  }
}

TEST(NewsProperty, SearchTermsStableUnderRenormalization) {
  for (const std::string& t : Texts()) {
    std::vector<std::string> terms = SearchTerms(t);
    EXPECT_FALSE(terms.empty());
    EXPECT_EQ(SearchTerms(NormalizeDisplay(t)), terms);
    for (const std::string& term : terms) ASSERT_TRUE(IsValidUtf8(term));
  }
}

TEST(NewsProperty, SentencesAreNonEmptySpans) {
  size_t total = 0;
  for (const std::string& t : Texts()) {
    auto sentences = SplitSentences(t);
    EXPECT_FALSE(sentences.empty());
    for (std::string_view s : sentences) {
      ASSERT_FALSE(s.empty());
      ASSERT_GE(s.data(), t.data());
      ASSERT_LE(s.data() + s.size(), t.data() + t.size());
    }
    total += sentences.size();
  }
  EXPECT_GT(total, 600u * 5);
}

}  // namespace
}  // namespace pol::text
