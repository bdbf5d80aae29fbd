// The analysts' search syntax: the structure it parses into (store/search_query.h) and the FTS5 MATCH
// expression the SQLite backend renders from it.
#include "monitor/query.h"

#include <gtest/gtest.h>

#include "store/sqlite3_impl/fts5_query.h"

namespace pol::monitor {
namespace {

using store::SearchQuery;
using Kind = SearchQuery::Kind;

// The FTS5 expression for a query (or the error's api code).
std::string Fts(std::string_view q) {
  auto parsed = TranslateQuery(q);
  if (!parsed.ok()) return "error: " + parsed.status().api_code();
  auto fts = store::Fts5MatchExpression(*parsed);
  return fts.ok() ? *fts : "render error: " + fts.status().message();
}

TEST(Query, TranslatesSafely) {
  EXPECT_EQ(Fts("تأمین اجتماعی"), "(\"تأمین\" AND \"اجتماعی\")");
  EXPECT_EQ(Fts("بیمه یا مستمری"), "(\"بیمه\" OR \"مستمری\")");
  EXPECT_EQ(Fts("بیمه -بیکاری"), "(\"بیمه\" NOT \"بیکاری\")");
  EXPECT_EQ(Fts("«بانک رفاه» NEAR/5 وام"), "NEAR(\"بانک رفاه\" \"وام\", 5)");
  EXPECT_EQ(Fts("(کار OR تعاون) قزوین"), "(((\"کار\" OR \"تعاون\")) AND \"قزوین\")");
  EXPECT_FALSE(TranslateQuery("a\"b").ok());  // an unclosed quote
  EXPECT_FALSE(TranslateQuery("NOT بیمه").ok());
  EXPECT_FALSE(TranslateQuery("(بیمه").ok());
  EXPECT_FALSE(TranslateQuery("\"بیمه").ok());
  EXPECT_FALSE(TranslateQuery("از").ok());  // only a stop word
  // Issue 18: a compound written with a space is one word (its second part is a stop word).
  EXPECT_EQ(Fts("مدیر کل قزوین"), "(\"مدیر\u200cکل\" AND \"قزوین\")");
  EXPECT_EQ(Fts("مدیر مدرسه"), "(\"مدیر\" AND \"مدرسه\")");
  EXPECT_EQ(TranslateQuery("بیمه)").status().api_code(), "invalid_query");
}

TEST(Query, ParsesIntoTheNeutralStructure) {
  auto q = TranslateQuery("بیمه -بیکاری «بانک رفاه» NEAR/3 وام");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  const SearchQuery want{
      .kind = Kind::kAnd,
      .children = {SearchQuery::Term("بیمه"), SearchQuery::Not(SearchQuery::Term("بیکاری")),
                   SearchQuery{.kind = Kind::kNear,
                               .children = {SearchQuery::Phrase("بانک رفاه"), SearchQuery::Term("وام")},
                               .distance = 3}}};
  EXPECT_EQ(*q, want);
  // Stop words vanish, and so does an operator left without its operand.
  auto stop = TranslateQuery("بیمه یا از");
  ASSERT_TRUE(stop.ok());
  EXPECT_EQ(*stop, SearchQuery::Term("بیمه"));
  // A bare NEAR means 10; AND and + are implicit.
  EXPECT_EQ(Fts("بانک NEAR وام"), "NEAR(\"بانک\" \"وام\", 10)");
  EXPECT_EQ(Fts("بانک AND وام + قزوین"), "((\"بانک\" AND \"وام\") AND \"قزوین\")");
  // Only words and phrases stand beside NEAR (a group there was never valid FTS5).
  EXPECT_EQ(Fts("(بانک یا وام) NEAR قزوین"), "error: invalid_query");
  EXPECT_EQ(Fts("بانک NEAR/x وام"), "error: invalid_query");
}

TEST(Fts5Query, QuotesUserTextAndRejectsBrokenTrees) {
  EXPECT_EQ(*store::Fts5MatchExpression(SearchQuery::Term("a\"b OR c")), "\"a\"\"b OR c\"");
  EXPECT_EQ(store::Fts5Quote("NEAR(x)"), "\"NEAR(x)\"");
  EXPECT_FALSE(store::Fts5MatchExpression(SearchQuery::Not(SearchQuery::Term("a"))).ok());
  EXPECT_FALSE(
      store::Fts5MatchExpression(SearchQuery{.kind = Kind::kAnd, .children = {SearchQuery::Term("a")}}).ok());
  EXPECT_FALSE(store::Fts5MatchExpression(SearchQuery{.kind = Kind::kAnd,
                                                      .children = {SearchQuery::Not(SearchQuery::Term("a")),
                                                                   SearchQuery::Term("b")}})
                   .ok());
  EXPECT_FALSE(
      store::Fts5MatchExpression(
          SearchQuery{.kind = Kind::kNear,
                      .children = {SearchQuery{.kind = Kind::kOr,
                                               .children = {SearchQuery::Term("a"), SearchQuery::Term("b")}},
                                   SearchQuery::Term("c")}})
          .ok());
  EXPECT_FALSE(store::Fts5MatchExpression(SearchQuery::Term("")).ok());
  const SearchQuery nested{
      .kind = Kind::kOr,
      .children = {
          SearchQuery{.kind = Kind::kAnd, .children = {SearchQuery::Term("a"), SearchQuery::Term("b")}},
          SearchQuery::Term("c")}};
  EXPECT_EQ(*store::Fts5MatchExpression(nested), "(((\"a\" AND \"b\")) OR \"c\")");
}

// Limits: FTS5's parser stack overflowed (a 500) on ~100 operators; the analysts' syntax stops well before.
TEST(TranslateQuery, LimitsOperandsDepthAndLength) {
  auto words = [](int n, const std::string& sep) {
    std::string q;
    for (int i = 0; i < n; ++i) q += (i ? sep : "") + "w" + std::to_string(i);
    return q;
  };
  EXPECT_TRUE(TranslateQuery(words(kMaxQueryOperands, " ")).ok());
  EXPECT_TRUE(TranslateQuery(words(kMaxQueryOperands, " OR ")).ok());
  EXPECT_EQ(TranslateQuery(words(kMaxQueryOperands + 1, " ")).status().api_code(), "invalid_query");
  EXPECT_EQ(TranslateQuery(words(100, " OR ")).status().api_code(), "invalid_query");
  const std::string deep = std::string(kMaxQueryDepth, '(') + "a b" + std::string(kMaxQueryDepth, ')');
  EXPECT_TRUE(TranslateQuery(deep).ok());
  EXPECT_EQ(TranslateQuery("(" + deep + ")").status().api_code(), "invalid_query");
  EXPECT_EQ(TranslateQuery(std::string(kMaxQueryBytes + 1, 'x')).status().api_code(), "invalid_query");
  // The worst shape within the limits still renders to an expression FTS5 can parse (checked in e2e).
  std::string worst;
  for (int i = 0; i < kMaxQueryDepth; ++i) worst += "(a" + std::to_string(i) + " OR ";
  worst += words(kMaxQueryOperands - kMaxQueryDepth, " ") + std::string(kMaxQueryDepth, ')');
  EXPECT_TRUE(TranslateQuery(worst).ok());
}

}  // namespace
}  // namespace pol::monitor
