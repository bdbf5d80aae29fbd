#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pol::text {
namespace {

std::string Show(std::string_view s) {
  std::string out;
  for (const Token& t : Tokenize(s)) {
    if (!out.empty()) out += ' ';
    out += std::string(t.text) + "/" + std::string(TokenKindName(t.kind));
  }
  return out;
}

TEST(Tokenizer, WordsAndCompounds) {
  EXPECT_EQ(Show("می‌روم به کتاب‌خانه"),
            "می‌روم/word به/word کتاب‌خانه/word");
  EXPECT_EQ(Show("مُحَمَّد"), "مُحَمَّد/word");
  EXPECT_EQ(Show("سلام‌ دنیا"), "سلام/word دنیا/word");
  EXPECT_EQ(Show("ICT روستایی COVID-19 don't"), "ICT/latin روستایی/word COVID-19/latin don't/latin");
  EXPECT_EQ(Show("Привет мир"), "Привет/word мир/word");
}

TEST(Tokenizer, Numbers) {
  EXPECT_EQ(Show("10.5 ۱۲٫۵ 1,250,000 ۱۴۰۲"), "10.5/number ۱۲٫۵/number 1,250,000/number ۱۴۰۲/number");
  EXPECT_EQ(Show("1402/05/12 ۱۴۰۲/۰۵/۱۲ 2024-10-06"), "1402/05/12/date ۱۴۰۲/۰۵/۱۲/date 2024-10-06/date");
  EXPECT_EQ(Show("۲۲:۳۰ 9:05:01"), "۲۲:۳۰/time 9:05:01/time");
  EXPECT_EQ(Show("۵٪ 12.5%"), "۵٪/percent 12.5%/percent");
  EXPECT_EQ(Show("0912-345-6789"), "0912-345-6789/number");
  EXPECT_EQ(Show("86-1377"), "86/number -/punct 1377/number");
  EXPECT_EQ(Show("جذب714میلیارد"), "جذب/word 714/number میلیارد/word");
  EXPECT_EQ(Show("پایان."), "پایان/word ./punct");
  EXPECT_EQ(Show("سال 1403."), "سال/word 1403/number ./punct");
}

TEST(Tokenizer, WebThings) {
  EXPECT_EQ(Show("خبر در https://www.irna.ir/news/123 منتشر شد"),
            "خبر/word در/word https://www.irna.ir/news/123/url منتشر/word شد/word");
  EXPECT_EQ(Show("نشانی pr@qazvin.example.ir است."),
            "نشانی/word pr@qazvin.example.ir/email است/word ./punct");
  EXPECT_EQ(Show("#حقوق_کارگران @pol_admin"), "#حقوق_کارگران/hashtag @pol_admin/mention");
  EXPECT_EQ(Show("(www.qazvin.ir)"), "(/punct www.qazvin.ir/url )/punct");
}

TEST(Tokenizer, SymbolsAndPunct) {
  EXPECT_EQ(Show("«سلام»؟"), "«/punct سلام/word »/punct ؟/punct");
  EXPECT_EQ(Show("👍🏽 ❤️ 👨‍👩‍👧"),
            "👍🏽/symbol ❤️/symbol 👨‍👩‍👧/symbol");
}

TEST(Tokenizer, OffsetsAndInvalidBytes) {
  std::string s = "ab \xFF سلام";
  auto t = Tokenize(s);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].offset, 0u);
  EXPECT_EQ(t[1].offset, 5u);
  EXPECT_EQ(t[1].length, 8u);
  EXPECT_TRUE(Tokenize("").empty());
}

}  // namespace
}  // namespace pol::text
