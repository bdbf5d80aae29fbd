#include "citizen/portal.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "base/fake_env.h"
#include "citizen/tracking_code.h"
#include "store/test_database.h"
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

// Two nodes (`pol serve` gives both the key stored in the database and the database for spent tokens):
// a challenge drawn on one is accepted on the other, once; a status cookie of one is valid on the other.
TEST(Portal, NodesSharingTheKeyAndTokensActAsOne) {
  const auto dir = store::FreshTestDir("portal");
  auto db = store::OpenTestDatabase(dir);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  FakeEnv env{1763785800000};
  const PortalOptions shared{.key = std::string(32, 'k'), .shared_tokens = db->get()};
  Portal a(nullptr, &env, shared), b(nullptr, &env, shared);
  auto c = a.NewChallenge();
  const int answer = Answer(c.question);
  EXPECT_TRUE(b.CheckChallenge(c.token, std::to_string(answer)));
  EXPECT_FALSE(a.CheckChallenge(c.token, std::to_string(answer)));  // spent on b
  EXPECT_FALSE(b.CheckChallenge(c.token, std::to_string(answer)));
  auto wrong = b.NewChallenge();
  EXPECT_FALSE(a.CheckChallenge(wrong.token, std::to_string(Answer(wrong.question) + 1)));
  EXPECT_FALSE(b.CheckChallenge(wrong.token, std::to_string(Answer(wrong.question))));  // spent by the miss
  std::string code = "123456789";
  code.push_back(static_cast<char>('0' + VerhoeffCheckDigit(code)));
  std::smatch m;
  const std::string header = a.TrackCookie(code);
  ASSERT_TRUE(std::regex_search(header, m, std::regex("^pol_track=([^;]+);")));
  EXPECT_TRUE(b.CookieAllows(m[1], code));
  // A node with another key (or none) refuses both.
  Portal stranger(nullptr, &env, PortalOptions{.shared_tokens = db->get()});
  auto d = a.NewChallenge();
  EXPECT_FALSE(stranger.CheckChallenge(d.token, std::to_string(Answer(d.question))));
  EXPECT_FALSE(stranger.CookieAllows(m[1], code));
  db->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pol::citizen
