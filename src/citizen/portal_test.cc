#include "citizen/portal.h"

#include <gtest/gtest.h>

#include <regex>

#include "base/fake_env.h"
#include "citizen/tracking_code.h"
#include "text/number_words.h"

namespace pol::citizen {
namespace {

// The sum or difference a challenge asks, read back from its Persian words.
int Answer(const std::string& question) {
  for (int a = 2; a <= 9; ++a) {
    for (int b = 1; b <= 9; ++b) {
      if (question.find(text::NumberToWords(a) + " به‌علاوهٔ " + text::NumberToWords(b) + "»") !=
          std::string::npos)
        return a + b;
      if (question.find(text::NumberToWords(a) + " منهای " + text::NumberToWords(b) + "»") !=
          std::string::npos)
        return a - b;
    }
  }
  return -1000;
}

TEST(Portal, ChallengeIsSingleUseAndExpires) {
  FakeEnv env{1763785800000};
  Portal portal(nullptr, &env, PortalOptions{});
  auto c = portal.NewChallenge();
  const int answer = Answer(c.question);
  ASSERT_NE(answer, -1000) << c.question;
  EXPECT_FALSE(portal.CheckChallenge(c.token, std::to_string(answer + 1)));
  // The wrong answer spent the token: the right one cannot follow it.
  EXPECT_FALSE(portal.CheckChallenge(c.token, std::to_string(answer)));
  auto fresh = portal.NewChallenge();
  const int fresh_answer = Answer(fresh.question);
  EXPECT_TRUE(portal.CheckChallenge(fresh.token, text::ToPersianDigits(std::to_string(fresh_answer))));
  EXPECT_FALSE(portal.CheckChallenge(fresh.token, std::to_string(fresh_answer)));  // used
  // An expiry beyond a fresh token's is refused before its nonce is recorded.
  EXPECT_FALSE(portal.CheckChallenge("abcd.99999999999999.00", "1"));
  auto late = portal.NewChallenge();
  env.Set(1763785800000 + 11 * 60 * 1000);
  EXPECT_FALSE(portal.CheckChallenge(late.token, std::to_string(Answer(late.question))));
  EXPECT_FALSE(portal.CheckChallenge("garbage", "1"));
}

TEST(Portal, TrackCookieIsBoundToItsCodeAndExpires) {
  FakeEnv env{1763785800000};
  Portal portal(nullptr, &env, PortalOptions{});
  std::string code = "123456789";
  code.push_back(static_cast<char>('0' + VerhoeffCheckDigit(code)));
  std::string other = "987654321";
  other.push_back(static_cast<char>('0' + VerhoeffCheckDigit(other)));
  const std::string header = portal.TrackCookie(code);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(header, m, std::regex("^pol_track=([^;]+);")));
  const std::string value = m[1];
  EXPECT_NE(header.find("HttpOnly"), std::string::npos);
  EXPECT_NE(header.find("SameSite=Strict"), std::string::npos);
  EXPECT_TRUE(portal.CookieAllows(value, code));
  EXPECT_TRUE(portal.CookieAllows(value, DisplayTrackingCode(code)));  // any spelling of the code
  EXPECT_FALSE(portal.CookieAllows(value, other));
  EXPECT_FALSE(portal.CookieAllows(value + "0", code));
  EXPECT_FALSE(Portal(nullptr, &env, PortalOptions{}).CookieAllows(value, code));  // another key
  env.Set(1763785800000 + 2 * 3600 * 1000);
  EXPECT_FALSE(portal.CookieAllows(value, code));  // an hour at most
}

}  // namespace
}  // namespace pol::citizen
