#include "text/number_words.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "text/identifiers.h"

namespace pol::text {
namespace {

TEST(NumberWords, Basics) {
  EXPECT_EQ(NumberToWords(0), "صفر");
  EXPECT_EQ(NumberToWords(7), "هفت");
  EXPECT_EQ(NumberToWords(15), "پانزده");
  EXPECT_EQ(NumberToWords(20), "بیست");
  EXPECT_EQ(NumberToWords(123), "صد و بیست و سه");
  EXPECT_EQ(NumberToWords(205), "دویست و پنج");
  EXPECT_EQ(NumberToWords(1000), "هزار");
  EXPECT_EQ(NumberToWords(1001), "هزار و یک");
  EXPECT_EQ(NumberToWords(1403), "هزار و چهارصد و سه");
  EXPECT_EQ(NumberToWords(21000), "بیست و یک هزار");
  EXPECT_EQ(NumberToWords(2500000), "دو میلیون و پانصد هزار");
  EXPECT_EQ(NumberToWords(1000000000), "یک میلیارد");
  EXPECT_EQ(NumberToWords(-5), "منفی پنج");
  EXPECT_FALSE(NumberToWords(std::numeric_limits<int64_t>::min()).empty());
  EXPECT_EQ(NumberToWords(std::numeric_limits<int64_t>::max()).rfind("نه کوینتیلیون", 0), 0u);
}

TEST(Digits, Conversion) {
  EXPECT_EQ(ToPersianDigits("1403/07/15 و ٤٥"), "۱۴۰۳/۰۷/۱۵ و ۴۵");
  EXPECT_EQ(ToLatinDigits("۱۴۰۳/۰۷/۱۵ و ٤٥ abc"), "1403/07/15 و 45 abc");
  EXPECT_EQ(ToLatinDigits(ToPersianDigits("0123456789")), "0123456789");
}

TEST(Digits, PersianNumberAndDecimal) {
  EXPECT_EQ(PersianNumber(0), "۰");
  EXPECT_EQ(PersianNumber(1403), "۱۴۰۳");
  EXPECT_EQ(PersianNumber(-60), "-۶۰");
  EXPECT_EQ(PersianDecimal(88.06, 1), "۸۸٫۱");
  EXPECT_EQ(PersianDecimal(4, 1), "۴٫۰");
  EXPECT_EQ(PersianDecimal(2.5, 0), "۲");  // printf rounds half to even
  EXPECT_EQ(PersianDecimal(12.344, 2), "۱۲٫۳۴");
}

TEST(Identifiers, Mobile) {
  for (const char* s :
       {"09123456789", "۰۹۱۲۳۴۵۶۷۸۹", "٠٩١٢٣٤٥٦٧٨٩", "+989123456789", "00989123456789", "989123456789",
        "9123456789", "+98 912 345 6789", "0912-345-6789", "(0912) 345 67 89", "+۹۸۹۱۲۳۴۵۶۷۸۹"}) {
    auto m = NormalizeIranianMobile(s);
    ASSERT_TRUE(m.has_value()) << s;
    EXPECT_EQ(*m, "09123456789") << s;
  }
  for (const char* s : {"", "02188776655", "0912345678", "091234567890", "+19123456789", "08123456789",
                        "0912abc6789", "++989123456789"}) {
    EXPECT_FALSE(NormalizeIranianMobile(s).has_value()) << s;
  }
}

TEST(Identifiers, NationalCode) {
  // Check digits computed by hand: 0499370899 (sum 2*1... r=...)
  for (const char* s : {"0499370899", "۰۴۹۹۳۷۰۸۹۹", "049-937089-9", "0790419904", "0084575948", "84575948"}) {
    EXPECT_TRUE(IsValidNationalCode(s)) << s;
  }
  EXPECT_EQ(NormalizeNationalCode("84575948").value_or(""), "0084575948");
  for (const char* s : {"0499370898", "1111111111", "0000000000", "123", "12345678901", "abcdefghij", ""}) {
    EXPECT_FALSE(IsValidNationalCode(s)) << s;
  }
}

}  // namespace
}  // namespace pol::text
