// Unit tests of composing a release for each channel (compose.h): whole or cut at a sentence within the
// Bot API's limits, the link always kept, the RTL press e-mail.
#include "distribution/compose.h"

#include <gtest/gtest.h>

#include <regex>

#include "distribution/test_release.h"

namespace pol::distribution {
namespace {

TEST(Compose, ShortReleaseIsSentWhole) {
  ComposedMessage m = ComposeMessenger(LongRelease(2), kCaptionLimit, true);
  EXPECT_FALSE(m.cut);
  EXPECT_NE(m.text.find("<b>برگزاری همایش روز ملی تعاون در قزوین</b>"), std::string::npos);
  EXPECT_NE(m.text.find("<a href=\"https://news.example.ir/news/7\">متن کامل خبر</a>"), std::string::npos);
}

TEST(Compose, LongReleaseIsCutAtASentenceAndKeepsTheLink) {
  for (size_t limit : {kCaptionLimit, kTextLimit}) {
    ReleaseContent c = LongRelease(200);
    ComposedMessage m = ComposeMessenger(c, limit, true);
    EXPECT_TRUE(m.cut);
    EXPECT_LE(m.visible, limit);
    // Visible length = text without tags and with entities decoded.
    std::string visible = std::regex_replace(m.text, std::regex("<[^>]+>"), "");
    visible = std::regex_replace(visible, std::regex("&quot;"), "\"");
    EXPECT_EQ(Utf16Length(visible), m.visible);
    EXPECT_NE(m.text.find("متن کامل خبر</a>"), std::string::npos) << "the link to the full article stays";
    // The body ends with a whole sentence then the ellipsis.
    size_t ell = m.text.find(" …");
    ASSERT_NE(ell, std::string::npos);
    EXPECT_EQ(m.text.substr(ell - 1, 1), ".") << "cut after a sentence's full stop";
    EXPECT_GT(m.visible, limit - 200) << "fills most of the room";
  }
}

TEST(Compose, OneEndlessSentenceIsCutAtAWord) {
  ReleaseContent c = LongRelease(0);
  c.lead.clear();
  for (int i = 0; i < 400; ++i) c.body_text += "واژه ";
  ComposedMessage m = ComposeMessenger(c, kCaptionLimit, false);
  EXPECT_TRUE(m.cut);
  EXPECT_LE(m.visible, kCaptionLimit);
  EXPECT_NE(m.text.find("واژه …"), std::string::npos);
  EXPECT_NE(m.text.find("https://news.example.ir/news/7"), std::string::npos);
}

TEST(Compose, MailHasRtlHtmlAndUnsubscribe) {
  ComposedMail m = ComposeMail(LongRelease(3), "https://news.example.ir/unsubscribe/abc");
  EXPECT_EQ(m.subject, "برگزاری همایش روز ملی تعاون در قزوین");
  EXPECT_NE(m.html.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(m.html.find("/unsubscribe/abc"), std::string::npos);
  EXPECT_NE(m.text.find("لغو اشتراک"), std::string::npos);
}

}  // namespace
}  // namespace pol::distribution
