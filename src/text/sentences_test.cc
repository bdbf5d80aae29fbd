#include "text/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pol::text {
namespace {

std::vector<std::string> Split(std::string_view s) {
  std::vector<std::string> out;
  for (auto v : SplitSentences(s)) out.emplace_back(v);
  return out;
}

TEST(Sentences, Basic) {
  EXPECT_EQ(Split("سلام. خوبی؟ بله!"), (std::vector<std::string>{"سلام.", "خوبی؟", "بله!"}));
  EXPECT_EQ(Split("او گفت: «می‌آیم.» و رفت."),
            (std::vector<std::string>{"او گفت: «می‌آیم.»", "و رفت."}));
  EXPECT_EQ(Split("بدون نقطه"), (std::vector<std::string>{"بدون نقطه"}));
  EXPECT_TRUE(Split("   ").empty());
}

TEST(Sentences, SurvivesAbbreviationsAndNumbers) {
  EXPECT_EQ(Split("قیمت 10.5 دلار شد. سپس افت کرد."),
            (std::vector<std::string>{"قیمت 10.5 دلار شد.", "سپس افت کرد."}));
  EXPECT_EQ(Split("در ج.ا.ا قانون است. پایان"), (std::vector<std::string>{"در ج.ا.ا قانون است.", "پایان"}));
  EXPECT_EQ(Split("Dr. Smith met the U.S. team. Then left."),
            (std::vector<std::string>{"Dr. Smith met the U.S. team.", "Then left."}));
  EXPECT_EQ(Split("نشانی www.irna.ir است. بعدی"),
            (std::vector<std::string>{"نشانی www.irna.ir است.", "بعدی"}));
  EXPECT_EQ(Split("چه؟! واقعاً..."), (std::vector<std::string>{"چه؟!", "واقعاً..."}));
}

TEST(Sentences, LinesAreBoundaries) {
  EXPECT_EQ(Split("عنوان خبر\nمتن خبر. ادامه"), (std::vector<std::string>{"عنوان خبر", "متن خبر.", "ادامه"}));
}

}  // namespace
}  // namespace pol::text
