#include "store/postgresql_impl/pg_search.h"

#include <gtest/gtest.h>

namespace pol::store {
namespace {

TEST(PgSearchTest, TsVectorHoldsTheTextCoresTermsWithPositionsAndColumnGaps) {
  // Spelling variants of one word give one term; the second column starts 100 positions later.
  const std::string v = TsVectorOf({"کتاب‌ها", "كتابها"});
  EXPECT_EQ(v.find("'کتاب':1,"), 0u) << v;
  EXPECT_NE(v.find(",102"), std::string::npos) << v;
  // A ZWNJ compound is indexed whole and by its parts, at one position.
  const std::string c = TsVectorOf({"بیمه‌شدگان استان"});
  EXPECT_NE(c.find("'بیمه':1"), std::string::npos) << c;
  EXPECT_NE(c.find("'استان':2"), std::string::npos) << c;
  // Quotes and backslashes are escaped.
  EXPECT_NE(TsVectorOf({"o'neil"}).find("\\'"), std::string::npos);
  EXPECT_EQ(TsVectorOf({""}), "");
}

TEST(PgSearchTest, RendersTheQueryTree) {
  using Q = SearchQuery;
  EXPECT_EQ(*TsQueryOf(Q::Term("كتابها")), "'کتاب'");
  EXPECT_EQ(*TsQueryOf(Q::Phrase("بیمه تامین")), "('بیمه' <-> 'تامین')");
  Q and_not{.kind = Q::Kind::kAnd, .children = {Q::Term("بیمه"), Q::Not(Q::Term("استان"))}};
  EXPECT_EQ(*TsQueryOf(and_not), "(('بیمه') & !('استان'))");
  Q either{.kind = Q::Kind::kOr, .children = {Q::Term("بیمه"), Q::Term("استان")}};
  EXPECT_EQ(*TsQueryOf(either), "(('بیمه') | ('استان'))");
  Q near{.kind = Q::Kind::kNear, .children = {Q::Term("بیمه"), Q::Term("استان")}, .distance = 1};
  EXPECT_EQ(*TsQueryOf(near),
            "(('بیمه' <1> 'استان' | 'استان' <1> 'بیمه' | 'بیمه' <2> 'استان' | 'استان' <2> 'بیمه'))");
  EXPECT_EQ(TsQueryOf(Q::Not(Q::Term("x"))).status().api_code(), "invalid_query");
  EXPECT_EQ(TsQueryOf(Q{.kind = Q::Kind::kAnd, .children = {Q::Term("x")}}).status().api_code(),
            "invalid_query");
}

TEST(PgSearchTest, AllWordsMatchesCompoundsAlsoApart) {
  EXPECT_EQ(TsQueryAllWords({"بیمه", "استان"}), "'بیمه' & 'استان'");
  // A compound of the text core's lexicon is one term however it is written (text/compounds.h).
  EXPECT_EQ(TsQueryAllWords({"بیمه\u200cشدگان"}), "'بیمهشده'");
  // Another ZWNJ compound also matches its parts written apart.
  EXPECT_EQ(TsQueryAllWords({"کتاب\u200cخوانی"}), "('کتابخوانی' | ('کتاب' <-> 'خوانی'))");
  EXPECT_EQ(TsQueryAllWords({}), "");
}

}  // namespace
}  // namespace pol::store
