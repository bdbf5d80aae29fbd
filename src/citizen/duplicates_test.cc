#include "citizen/duplicates.h"

#include <gtest/gtest.h>

namespace pol::citizen {
namespace {

TEST(Duplicates, SameTextSameBandsAndSignatureRoundTrips) {
  const std::string a = RequestSignature("حقوق معوقه", "سه ماه است حقوق کارگران کارخانه پرداخت نشده است.");
  const std::string b = RequestSignature("حقوق معوقه", "سه ماه است حقوق کارگران کارخانه پرداخت نشده است.");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), 2 * 4 * static_cast<size_t>(text::kMinHashSize));
  EXPECT_EQ(DuplicateBands(a), DuplicateBands(b));
  EXPECT_EQ(DuplicateBands(a).size(), 16u);
  auto sig = ParseSignature(a);
  ASSERT_TRUE(sig.has_value());
  EXPECT_DOUBLE_EQ(text::EstimateJaccard(*sig, *ParseSignature(b)), 1.0);
}

TEST(Duplicates, DifferentTextsRarelyShareBands) {
  const auto x =
      DuplicateBands(RequestSignature("وام", "برای وام خوداشتغالی چه مدارکی لازم است و ضامن کیست؟"));
  const auto y = DuplicateBands(RequestSignature(
      "دارو",
      "داروی انسولین در داروخانهٔ درمانگاه پیدا نمی‌شود."));
  int shared = 0;
  for (size_t i = 0; i < x.size(); ++i) shared += x[i] == y[i];
  EXPECT_EQ(shared, 0);
}

TEST(Duplicates, EmptyOrMalformedSignatures) {
  EXPECT_FALSE(ParseSignature("").has_value());
  EXPECT_FALSE(ParseSignature("abc").has_value());
  EXPECT_TRUE(DuplicateBands("").empty());
}

}  // namespace
}  // namespace pol::citizen
