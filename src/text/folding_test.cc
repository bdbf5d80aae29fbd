// Issue 18's spelling groups: each group must give the same search terms, and different words must
// stay apart. The shared conformance file (testdata/conformance-extra.json) still holds its own cases.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/compounds.h"
#include "text/fold.h"
#include "text/normalize.h"
#include "text/search_terms.h"

namespace pol::text {
namespace {

using Terms = std::vector<std::string>;

void ExpectSameTerms(const std::vector<std::string>& spellings) {
  ASSERT_FALSE(spellings.empty());
  const Terms first = SearchTerms(spellings.front());
  ASSERT_FALSE(first.empty()) << spellings.front();
  for (const std::string& s : spellings) {
    EXPECT_EQ(SearchTerms(s), first) << s << " vs " << spellings.front();
  }
}

TEST(FoldingHamza, SeatsFoldAlike) {
  ExpectSameTerms({"هیئت", "هیأت", "هيئت", "هيأت"});
  ExpectSameTerms({"مسئول", "مسؤول", "مسوول"});
  ExpectSameTerms({"مسئولان", "مسؤولان"});
  ExpectSameTerms({"سئوال", "سؤال", "سوال"});
  ExpectSameTerms({"شئون", "شؤون"});
  ExpectSameTerms({"رئیس", "رییس"});
  ExpectSameTerms({"مؤسسه", "موسسه"});
  ExpectSameTerms({"تأمین", "تامین"});
  ExpectSameTerms({"هیئت مدیره", "هیأت مدیره"});
}

TEST(FoldingHamza, OtherWordsStayApart) {
  EXPECT_NE(SearchTerms("هیئت"), SearchTerms("هست"));
  EXPECT_NE(SearchTerms("مسئول"), SearchTerms("مسیر"));
  EXPECT_NE(SearchTerms("سؤال"), SearchTerms("سال"));
}

TEST(FoldingCompounds, ThreeSpellingsGiveOneTerm) {
  ExpectSameTerms({"مدیرکل", "مدیر‌کل", "مدیر کل"});
  ExpectSameTerms({"روابط‌عمومی", "روابط عمومی", "روابطعمومی"});
  ExpectSameTerms({"کارآفرینی", "کار آفرینی", "کار‌آفرینی"});
  ExpectSameTerms({"مستمری‌بگیران", "مستمری بگیران", "مستمریبگیران"});
  ExpectSameTerms({"بیمه‌شدگان", "بیمه شدگان", "بیمهشدگان"});
  EXPECT_EQ(SearchTerms("مدیر کل").size(), 1u);
}

TEST(FoldingCompounds, StopWordSecondPartDoesNotVanish) {
  // Before issue 18: مدیر کل → مدیر, بیمه شدگان → بیمه, مستمری بگیران → مستمری.
  EXPECT_NE(SearchTerms("مدیر کل"), SearchTerms("مدیر"));
  EXPECT_NE(SearchTerms("بیمه شدگان"), SearchTerms("بیمه"));
  EXPECT_NE(SearchTerms("مستمری بگیران"), SearchTerms("مستمری"));
}

TEST(FoldingCompounds, InSentence) {
  EXPECT_EQ(SearchTerms("دیدار مدیر کل استان"), SearchTerms("دیدار مدیرکل استان"));
  const Terms t = SearchTerms("دیدار مدیر کل استان");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1], SearchTerm("مدیرکل"));
}

TEST(FoldingCompounds, DifferentWordsStayApart) {
  EXPECT_NE(SearchTerms("باران"), SearchTerms("بار"));
  EXPECT_NE(SearchTerms("سازمان"), SearchTerms("ساز"));
  EXPECT_NE(SearchTerms("ایران"), SearchTerms("ایر"));
  EXPECT_NE(SearchTerms("شیرین"), SearchTerms("شیر"));
  EXPECT_FALSE(SplitJoinedCompound("باران"));
  EXPECT_FALSE(SplitJoinedCompound("سازمان"));
  EXPECT_FALSE(SplitJoinedCompound("کارگران"));
  EXPECT_FALSE(SplitJoinedCompound("مدیر"));
  EXPECT_FALSE(JoinCompound("مدیر", "مدرسه"));
  EXPECT_FALSE(JoinCompound("کار", "خوب"));
  // Words outside the lexicon are left as written.
  EXPECT_EQ(SearchTerms("کار خوب").size(), 2u);
}

TEST(FoldingCompounds, SplitAndJoinGiveTheZwnjForm) {
  EXPECT_EQ(SplitJoinedCompound("مدیرکل").value_or(""), "مدیر‌کل");
  EXPECT_EQ(SplitJoinedCompound("کارآفرینی").value_or(""), "کار‌آفرینی");
  EXPECT_EQ(JoinCompound("مدیر", "کل").value_or(""), "مدیر‌کل");
  EXPECT_FALSE(SplitJoinedCompound("مدیر‌کل"));  // already has its ZWNJ
}

TEST(FoldingCompounds, QueryWordsJoinAPair) {
  EXPECT_EQ(QueryWords("مدیر کل استان"), (std::vector<std::string>{"مدیر‌کل", "استان"}));
  EXPECT_EQ(QueryWords("مدیرکل"), (std::vector<std::string>{"مدیرکل"}));
}

TEST(FoldingDisplay, GluedPluralGetsZwnj) {
  EXPECT_EQ(NormalizeDisplay("کتابها"), "کتاب‌ها");
  EXPECT_EQ(NormalizeDisplay("کتابهای من"), "کتاب‌های من");
  EXPECT_EQ(NormalizeDisplay("کتاب‌ها"), "کتاب‌ها");
  EXPECT_EQ(NormalizeDisplay(NormalizeDisplay("کتابها")), "کتاب‌ها");
}

TEST(FoldingDisplay, WordsEndingInHaStay) {
  EXPECT_EQ(NormalizeDisplay("تنها"), "تنها");
  EXPECT_EQ(NormalizeDisplay("آنها"), "آنها");
  EXPECT_EQ(NormalizeDisplay("اینها"), "اینها");
  EXPECT_EQ(NormalizeDisplay("انتهای راه"), "انتهای راه");
  EXPECT_EQ(NormalizeDisplay("بندرها"), "بندرها");  // ر does not join: no ZWNJ needed
  EXPECT_EQ(NormalizeDisplay("رها"), "رها");
}

}  // namespace
}  // namespace pol::text
