#include "committee/rsvp_link.h"

#include <gtest/gtest.h>

namespace pol::committee {
namespace {

TEST(RsvpLink, SignsAndVerifiesOneMemberOfOneMeetingUntilItExpires) {
  RsvpSigner s(DeriveRsvpKey("master key"));
  const std::string token = s.Sign(12, 34, 5000);
  auto t = s.Verify(token, 4999);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->meeting_id, 12);
  EXPECT_EQ(t->member_id, 34);
  EXPECT_EQ(s.Verify(token, 5000).status().api_code(), "link_expired");
  // Another member, another meeting, a later expiry or another key: refused.
  std::string other = token;
  other.replace(0, 2, "13");
  EXPECT_EQ(s.Verify(other, 0).status().api_code(), "invalid_link");
  EXPECT_EQ(s.Verify("12.35.5000." + token.substr(token.rfind('.') + 1), 0).status().api_code(),
            "invalid_link");
  EXPECT_EQ(s.Verify("12.34.9000." + token.substr(token.rfind('.') + 1), 0).status().api_code(),
            "invalid_link");
  EXPECT_EQ(RsvpSigner(DeriveRsvpKey("other")).Verify(token, 0).status().api_code(), "invalid_link");
  for (const char* bad : {"", "1.2.3", "a.b.c.d", "12.34.5000.zz", "-1.34.5000.00"}) {
    EXPECT_EQ(s.Verify(bad, 0).status().api_code(), "invalid_link") << bad;
  }
  EXPECT_NE(DeriveRsvpKey("master key"), "master key");
  EXPECT_EQ(DeriveRsvpKey("master key").size(), 32u);
}

}  // namespace
}  // namespace pol::committee
