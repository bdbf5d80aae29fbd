#include "text/normalize.h"

#include <gtest/gtest.h>

#include "text/fold.h"
#include "text/utf8.h"

namespace pol::text {
namespace {

TEST(Normalize, EmptyAndWhitespace) {
  EXPECT_EQ(NormalizeDisplay(""), "");
  EXPECT_EQ(NormalizeDisplay("   "), "");
  EXPECT_EQ(NormalizeDisplay("\n\n"), "\n\n");
  EXPECT_EQ(NormalizeDisplay(" a \n b "), "a\nb");
  EXPECT_EQ(NormalizeDisplay("a\tb\xC2\xA0"
                             "c\xE2\x80\x89"
                             "d"),
            "a b c d");
}

TEST(Normalize, InvalidUtf8BecomesReplacement) {
  std::string out = NormalizeDisplay("سلام \xFF\xC3 دنیا \xE2\x80");
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(out, "سلام \xEF\xBF\xBD\xEF\xBF\xBD دنیا \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(NormalizeDisplay(out), out);
}

TEST(Normalize, ArabicToPersian) {
  EXPECT_EQ(NormalizeDisplay("كيك"), "کیک");
  EXPECT_EQ(NormalizeDisplay("مصطفى"), "مصطفی");
  EXPECT_EQ(NormalizeDisplay("٠١٢٣٤٥٦٧٨٩"), "۰۱۲۳۴۵۶۷۸۹");
  // Latin digits are a writer's choice and stay.
  EXPECT_EQ(NormalizeDisplay("سال 1403"), "سال 1403");
}

TEST(Normalize, ControlsAndMarks) {
  EXPECT_EQ(NormalizeDisplay("a\x01"
                             "b\x7f"
                             "c"),
            "abc");
  EXPECT_EQ(NormalizeDisplay("سلام\xE2\x80\x8B"
                             "دنیا"),
            "سلامدنیا");  // ZWSP
  EXPECT_EQ(NormalizeDisplay("\xE2\x80\xAB"
                             "سلام\xE2\x80\xAC"),
            "سلام");  // RLE/PDF
  EXPECT_EQ(NormalizeDisplay("a\rb"), "a b");
}

TEST(Normalize, Zwnj) {
  EXPECT_EQ(NormalizeDisplay("می‌‌‌روم"), "می‌روم");
  EXPECT_EQ(NormalizeDisplay("‌کتاب‌"), "کتاب");
  EXPECT_EQ(NormalizeDisplay("کتاب‌ ها"), "کتاب‌ها");
  EXPECT_EQ(NormalizeDisplay("ABC‌DEF"), "ABCDEF");
  EXPECT_EQ(NormalizeDisplay("خانه‌ی"), "خانه‌ی");
  EXPECT_EQ(NormalizeDisplay("دارو‌ها"), "داروها");
}

TEST(Normalize, AffixJoining) {
  EXPECT_EQ(NormalizeDisplay("این ها و آن ها"), "این‌ها و آن‌ها");
  EXPECT_EQ(NormalizeDisplay("کتاب هایشان"), "کتاب‌هایشان");
  EXPECT_EQ(NormalizeDisplay("می خواهم"), "می‌خواهم");
  EXPECT_EQ(NormalizeDisplay("نمی توانم"), "نمی‌توانم");
  EXPECT_EQ(NormalizeDisplay("میخواستم"), "می‌خواستم");
  EXPECT_EQ(NormalizeDisplay("میراث"), "میراث");
  EXPECT_EQ(NormalizeDisplay("میلیون"), "میلیون");
  // No joining across punctuation or lines.
  EXPECT_EQ(NormalizeDisplay("کتاب، ها"), "کتاب، ها");
  EXPECT_EQ(NormalizeDisplay("کتاب\nها"), "کتاب\nها");
  // ها after a number stays apart.
  EXPECT_EQ(NormalizeDisplay("۱۰ ها"), "۱۰ ها");
}

TEST(Normalize, Punctuation) {
  EXPECT_EQ(NormalizeDisplay("سلام ، دنیا"), "سلام، دنیا");
  EXPECT_EQ(NormalizeDisplay("چه خبر ؟"), "چه خبر؟");
  EXPECT_EQ(NormalizeDisplay("[ متن ]"), "[متن]");
  EXPECT_EQ(NormalizeDisplay("e.g. value"), "e.g. value");
  EXPECT_EQ(NormalizeDisplay("f(x) = 2"), "f(x) = 2");
  EXPECT_EQ(NormalizeDisplay("ساعت ۱۰:۳۰"), "ساعت ۱۰:۳۰");
}

TEST(Normalize, PassThroughSpans) {
  for (const char* s : {"https://example.com/a?b=c&d=e#f", "http://x.ir/path_(1)", "www.iran.ir/fa/news",
                        "user.name+tag@mail.example.co.ir", "@pol_admin", "#تهران_قزوین", "+98 912 345 6789",
                        "3.14159", "۱٬۲۵۰٬۰۰۰", "-12.5%", "12:30:45", "2024-10-06"}) {
    EXPECT_EQ(NormalizeDisplay(s), s);
  }
  // The URL keeps its Arabic yeh; the word after it does not.
  EXPECT_EQ(NormalizeDisplay("https://x.ir/علي علي"), "https://x.ir/علي علی");
  // Trailing punctuation is not part of the URL.
  EXPECT_EQ(NormalizeDisplay("(https://x.ir/a)."), "(https://x.ir/a).");
}

TEST(Normalize, PresentationFormsAndLigatures) {
  EXPECT_EQ(NormalizeDisplay("ﻣﺤﻤﺪ"), "محمد");
  EXPECT_EQ(NormalizeDisplay("ﻳﻚ"), "یک");
  EXPECT_EQ(NormalizeDisplay("ﷺ"), "صلی الله علیه وسلم");
  EXPECT_EQ(NormalizeDisplay("ﹰ"), "ً");
}

TEST(Normalize, AppendMatchesWhole) {
  std::string out = "x\n";
  NormalizeDisplayAppend("  كتاب ها ", &out);
  EXPECT_EQ(out, "x\nکتاب‌ها");
}

TEST(Fold, Search) {
  EXPECT_EQ(FoldChars("أإآٱ"), "اااا");
  // Issue 18: hamza seats before و are dropped and وو is one و, so the three spellings fold alike.
  EXPECT_EQ(FoldChars("مسؤول"), "مسول");
  EXPECT_EQ(FoldChars("مسئول"), "مسول");
  EXPECT_EQ(FoldChars("مسوول"), "مسول");
  EXPECT_EQ(FoldChars("رئيس"), "رییس");
  EXPECT_EQ(FoldChars("خانۀ"), "خانه");
  EXPECT_EQ(FoldChars("۱۲٫۵٪"), "12.5%");
  EXPECT_EQ(FoldChars("کتاب‌ها"), "کتابها");
  EXPECT_EQ(FoldChars("ABC Ünï"), "abc ünï");
  EXPECT_EQ(FoldChars("اجزاء"), "اجزا");
}

}  // namespace
}  // namespace pol::text
