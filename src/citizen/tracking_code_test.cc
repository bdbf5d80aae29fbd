#include "citizen/tracking_code.h"

#include <gtest/gtest.h>

#include <string>

#include "base/env.h"

namespace pol::citizen {
namespace {

TEST(TrackingCode, CheckDigitCatchesTyposAndSwaps) {
  Env* env = Env::Default();
  for (int n = 0; n < 200; ++n) {
    std::string code = NewTrackingCode(env);
    ASSERT_EQ(code.size(), 10u);
    ASSERT_NE(code[0], '0');
    ASSERT_TRUE(VerhoeffValid(code)) << code;
    for (size_t i = 0; i < code.size(); ++i) {
      for (char d = '0'; d <= '9'; ++d) {
        if (d == code[i]) continue;
        std::string typo = code;
        typo[i] = d;
        EXPECT_FALSE(VerhoeffValid(typo)) << code << " → " << typo;
      }
      if (i + 1 < code.size() && code[i] != code[i + 1]) {
        std::string swap = code;
        std::swap(swap[i], swap[i + 1]);
        EXPECT_FALSE(VerhoeffValid(swap)) << code << " → " << swap;
      }
    }
  }
}

TEST(TrackingCode, AcceptsAnyDigitScript) {
  std::string code = "123456789";
  code.push_back(static_cast<char>('0' + VerhoeffCheckDigit(code)));
  std::string persian = DisplayTrackingCode(code);  // "۱۲۳۴ ۵۶۷ ۸۹x"
  EXPECT_EQ(NormalizeTrackingCode(persian), code);
  EXPECT_EQ(NormalizeTrackingCode("1234-567-89" + code.substr(9)), code);
  EXPECT_FALSE(NormalizeTrackingCode("123456789").has_value());
  EXPECT_FALSE(NormalizeTrackingCode("abc").has_value());
}

}  // namespace
}  // namespace pol::citizen
