#include "text/html_escape.h"

#include <gtest/gtest.h>

namespace pol::text {
namespace {

TEST(EscapeHtml, EscapesTheFiveCharactersBothQuotesIncluded) {
  EXPECT_EQ(EscapeHtml(R"(<a href="x" title='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(EscapeHtml, PersianPassesUnchanged) {
  EXPECT_EQ(EscapeHtml("روابط‌عمومی ۱۴۰۵"), "روابط‌عمومی ۱۴۰۵");
}

TEST(EscapeHtml, ControlsAndInvalidUtf8BecomeReplacementOrVanish) {
  EXPECT_EQ(EscapeHtml(std::string("a\rb\tc\nd\x01"
                                   "e")),
            "ab\tc\nd\xEF\xBF\xBD"
            "e");
  EXPECT_EQ(EscapeHtml(std::string("x\xC3(y")), "x\xEF\xBF\xBD(y");
  EXPECT_EQ(EscapeHtml(std::string("\xE2\x82")), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(SnippetToHtml, MarkersBecomeMarkAndTextIsEscaped) {
  std::string s = std::string("a<b ") + kMatchOpen + "بیمه" + kMatchClose + " & c";
  EXPECT_EQ(SnippetToHtml(s), "a&lt;b <mark>بیمه</mark> &amp; c");
}

TEST(SnippetToHtml, UnbalancedMarkersAreRepaired) {
  EXPECT_EQ(SnippetToHtml(std::string("x") + kMatchClose + "y" + kMatchOpen + "z"), "xy<mark>z</mark>");
  EXPECT_EQ(SnippetToHtml(std::string(1, kMatchOpen) + kMatchOpen + "z" + kMatchClose), "<mark>z</mark>");
}

}  // namespace
}  // namespace pol::text
