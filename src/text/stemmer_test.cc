#include "text/stemmer.h"

#include <gtest/gtest.h>

#include "text/fold.h"
#include "text/lexicon.h"
#include "text/search_terms.h"
#include "text/stopwords.h"

namespace pol::text {
namespace {

std::string S(std::string_view w) { return StemDisplayWord(w); }

TEST(Lexicon, Loaded) {
  EXPECT_GT(LexiconSize(), 300000u);
  EXPECT_TRUE(IsLexiconWord("کتاب"));
  EXPECT_TRUE(IsLexiconWord(FoldChars("آب")));
  EXPECT_FALSE(IsLexiconWord("ایر"));
  EXPECT_TRUE(IsMiVerbForm("روم"));
  EXPECT_TRUE(IsMiVerbForm("رفتند"));
  EXPECT_FALSE(IsMiVerbForm("ز"));
}

TEST(Stemmer, Plurals) {
  EXPECT_EQ(S("کتابها"), "کتاب");
  EXPECT_EQ(S("کتاب‌ها"), "کتاب");
  EXPECT_EQ(S("کتاب‌هایشان"), "کتاب");
  EXPECT_EQ(S("دوستان"), "دوست");
  EXPECT_EQ(S("کارگران"), "کارگر");
  EXPECT_EQ(S("بازنشستگان"), "بازنشسته");
  EXPECT_EQ(S("کارفرمایان"), "کارفرما");
  EXPECT_EQ(S("بیمه‌شدگان"), "بیمهشده");
  EXPECT_EQ(S("تعاونی‌ها"), "تعاونی");
}

TEST(Stemmer, Degrees) {
  EXPECT_EQ(S("بزرگترین"), "بزرگ");
  EXPECT_EQ(S("بزرگ‌تر"), "بزرگ");
  EXPECT_EQ(S("بهترین"), "بهتر");
  EXPECT_EQ(S("دفتر"), "دفتر");
}

TEST(Stemmer, KeepsWords) {
  for (const char* w :
       {"ایران", "تهران", "میزان", "ماهی", "کشتی", "قزوین", "نان", "استان", "مهمان", "باران", "زمان", "انسان",
        "سازمان", "پایان", "آبان", "تنها", "جوان", "می‌روم", "دانش"}) {
    EXPECT_EQ(S(w), FoldChars(w)) << w;
  }
}

TEST(Stemmer, EzafeAndPossessiveAfterZwnj) {
  EXPECT_EQ(S("خانه‌ی"), "خانه");
  EXPECT_EQ(S("خانه‌اش"), "خانه");
  EXPECT_EQ(S("محبوب‌ترین‌ها"), "محبوب");
}

TEST(StopWords, Curated) {
  EXPECT_TRUE(IsStopWord("از"));
  EXPECT_TRUE(IsStopWord("اين"));  // Arabic yeh folds
  EXPECT_TRUE(IsStopWord("می‌شود"));
  EXPECT_FALSE(IsStopWord("بهترین"));
  EXPECT_FALSE(IsStopWord("مردم"));
  EXPECT_FALSE(IsStopWord("۵"));
  EXPECT_GT(StopWordCount(), 500u);
}

TEST(SearchTerms, Pipeline) {
  auto t = SearchTerms("كارگران بازنشسته از تأمين اجتماعي در ۱۴۰۲/۰۵/۱۲ و 10.5٪ #حقوق_کارگران");
  std::vector<std::string> want = {"کارگر",      "بازنشسته", "تامین", "اجتماعی",
                                   "1402/05/12", "10.5%",    "حقوق",  "کارگر"};
  EXPECT_EQ(t, want);
  EXPECT_EQ(SearchTerm("کتاب‌هایشان"), "کتاب");
  EXPECT_EQ(SearchTerm("از"), "");
  EXPECT_EQ(FoldForSearch("ﻛﺘﺎﺏ ها"), "کتابها");
}

}  // namespace
}  // namespace pol::text
