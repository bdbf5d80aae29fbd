#include "newsroom/sanitize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pol::newsroom {
namespace {

std::string Html(std::string_view in) { return SanitizeHtml(in).html; }

// Nothing executable or styling may survive, whatever the spelling.
void ExpectInert(const std::string& out, std::string_view input) {
  std::string lower;
  for (char c : out) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* bad :
       {"<script", "javascript:", "vbscript:", "data:",   "onerror", "onload",      "onclick", "onmouseover",
        "<iframe", "<style",      "<svg",      "<object", "<embed",  "expression(", "style=",  "<math",
        "<form",   "<input",      "<base",     "<meta",   "<link",   "srcdoc"}) {
    EXPECT_EQ(lower.find(bad), std::string::npos)
        << "«" << bad << "» survived in: " << out << "\ninput: " << input;
  }
}

TEST(SanitizeTest, KeepsTheAllowlist) {
  EXPECT_EQ(Html("<p>سلام <strong>دنیا</strong> و <em>ایران</em></p>"),
            "<p>سلام <strong>دنیا</strong> و <em>ایران</em></p>");
  EXPECT_EQ(Html("<ul><li>یک</li><li>دو</li></ul>"), "<ul><li>یک</li>\n<li>دو</li>\n</ul>");
  EXPECT_EQ(Html("<h1>تیتر</h1><h3>زیر</h3><h6>ریز</h6>"), "<h2>تیتر</h2>\n<h3>زیر</h3>\n<h4>ریز</h4>");
  EXPECT_EQ(Html("<blockquote><p>نقل</p></blockquote>"), "<blockquote><p>نقل</p>\n</blockquote>");
}

TEST(SanitizeTest, ScriptAndStyleContentIsRemovedEntirely) {
  SanitizedHtml s = SanitizeHtml("<p>خبر</p><script>alert('x')</script><style>p{color:red}</style>");
  EXPECT_EQ(s.html, "<p>خبر</p>");
  EXPECT_EQ(s.text, "خبر");
}

TEST(SanitizeTest, LinksGetRelAndOnlySafeSchemes) {
  EXPECT_EQ(Html("<a href=\"https://mcls.gov.ir/x?a=1&b=2\" target=_blank onclick=\"x()\">وزارت</a>"),
            "<a href=\"https://mcls.gov.ir/x?a=1&amp;b=2\" rel=\"noopener nofollow\">وزارت</a>");
  EXPECT_EQ(Html("<a href=\"mailto:pr@example.ir\">نامه</a>"),
            "<a href=\"mailto:pr@example.ir\" rel=\"noopener nofollow\">نامه</a>");
  EXPECT_EQ(Html("<a href=\"javascript:alert(1)\">x</a>"), "x");
  EXPECT_EQ(Html("<a href=\"/relative\">x</a>"), "x");
}

TEST(SanitizeTest, ImagesOnlyFromOurMedia) {
  EXPECT_EQ(Html("<img src=\"/media/12/large.webp\" alt=\"عکس\" onerror=\"x\">"),
            "<img src=\"/media/12/large.webp\" alt=\"عکس\">");
  EXPECT_EQ(Html("<p>a<img src=\"https://evil.example/x.png\">b</p>"), "<p>ab</p>");
  EXPECT_EQ(Html("<img src=\"/media/../etc/passwd\">"), "");
  EXPECT_EQ(Html("<img src=\"//evil.example/media/x\">"), "");
}

TEST(SanitizeTest, XssCheatSheet) {
  const char* kInputs[] = {
      "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
      "<IMG SRC=\"javascript:alert('XSS');\">",
      "<IMG SRC=javascript:alert('XSS')>",
      "<IMG SRC=JaVaScRiPt:alert('XSS')>",
      "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
      "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
      "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
      "<IMG SRC=# onmouseover=\"alert('xxs')\">",
      "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
      "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
      "&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083"
      "&#0000083&#0000039&#0000041\">",
      "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;"
      "&#40;&#39;&#88;&#83;&#83;&#39;&#41;\">x</a>",
      "<a href=\"jav&#x09;ascript:alert('XSS');\">x</a>",
      "<a href=\"jav&#x0A;ascript:alert('XSS');\">x</a>",
      "<a href=\" &#14;  javascript:alert('XSS');\">x</a>",
      "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
      "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
      "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
      "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
      "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
      "<svg/onload=alert('XSS')>",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
      "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
      "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
      "<DIV STYLE=\"width: expression(alert('XSS'));\">",
      "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TD BACKGROUND=\"javascript:alert('XSS')\">",
      "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
      "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH\" AllowScriptAccess=\"always\"></EMBED>",
      "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
      "<BASE HREF=\"javascript:alert('XSS');//\">",
      "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
      "<form action=\"javascript:alert(1)\"><input type=submit></form>",
      "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
      "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
      "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
      "<p style=\"color:red\" class=\"x\" id=\"y\">متن</p>",
      "<template><script>alert(1)</script></template>",
      "<a href=\"vbscript:msgbox(1)\">x</a>",
  };
  for (const char* in : kInputs) {
    SanitizedHtml s = SanitizeHtml(in);
    ExpectInert(s.html, in);
    EXPECT_EQ(s.text.find("alert"), std::string::npos) << in << " → text " << s.text;
  }
}

TEST(SanitizeTest, AttributeValuesAreEscaped) {
  EXPECT_EQ(Html("<img src=\"/media/1.png\" alt='\" onerror=\"alert(1)'>"),
            "<img src=\"/media/1.png\" alt=\"&quot; onerror=&quot;alert(1)\">");
}

TEST(SanitizeTest, WordPaste) {
  const std::string word =
      "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta name=Generator content=\"Microsoft "
      "Word 15\"><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->"
      "<style>p.MsoNormal{mso-style-parent:\"\";margin:0cm;font-family:\"B Nazanin\"}</style></head>"
      "<body lang=FA style='tab-interval:36.0pt'><!--StartFragment-->"
      "<p class=MsoNormal dir=RTL style='text-align:justify;direction:rtl;unicode-bidi:embed'>"
      "<span lang=FA style='font-family:\"B Nazanin\";mso-ascii-font-family:Calibri'>مدیر کل "
      "<b style='mso-bidi-font-weight:normal'>تعاون</b>، کار و رفاه اجتماعي استان<o:p></o:p></span></p>"
      "<p class=MsoNormal dir=RTL><span lang=FA><o:p>&nbsp;</o:p></span></p>"
      "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>1.<span "
      "style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]><span>بند اول</span></p>"
      "<!--EndFragment--></body></html>";
  SanitizedHtml s = SanitizeHtml(word);
  EXPECT_EQ(s.html,
            "<p>مدیر کل <b>تعاون</b>، کار و رفاه اجتماعی استان</p>\n"
            "<p>1. بند اول</p>");
  EXPECT_EQ(s.text, "مدیر کل تعاون، کار و رفاه اجتماعی استان\n1. بند اول");
  ExpectInert(s.html, word);
  EXPECT_EQ(s.html.find("mso"), std::string::npos);
  EXPECT_EQ(s.html.find("o:p"), std::string::npos);
  EXPECT_EQ(s.html.find("Normal"), std::string::npos);
}

TEST(SanitizeTest, DivsBecomeParagraphsAndTablesStay) {
  EXPECT_EQ(Html("<div>یک</div><div>دو <span style='x'>سه</span></div>"), "<p>یک</p>\n<p>دو سه</p>");
  EXPECT_EQ(Html("<div><p>الف</p><p>ب</p></div>"), "<p>الف</p>\n<p>ب</p>");
  EXPECT_EQ(Html("<table border=1><tr><td colspan=2 style='x'>الف</td><td onclick=y>ب</td></tr></table>"),
            "<table><tbody><tr><td colspan=\"2\">الف</td><td>ب</td></tr>\n</tbody>\n</table>");
}

TEST(SanitizeTest, TextIsNormalizedAndPlainTextHasParagraphs) {
  SanitizedHtml s = SanitizeHtml("<p>كتاب هاي  جديد</p><p>ادامه<br>خط دوم</p>");
  EXPECT_EQ(s.html, "<p>کتاب‌های جدید</p>\n<p>ادامه<br>خط دوم</p>");
  EXPECT_EQ(s.text, "کتاب‌های جدید\nادامه\nخط دوم");
}

TEST(SanitizeTest, EmptyAndDegenerateInputs) {
  EXPECT_EQ(Html(""), "");
  EXPECT_EQ(Html("<p></p><p>&nbsp;</p><strong> </strong>"), "");
  EXPECT_EQ(Html("just text & <more>"), "just text &amp;");
  // Deep but inside the budget (128 levels): the text survives, flattened past 64 levels.
  std::string deep = "<p>آغاز</p>";
  for (int i = 0; i < 60; ++i) deep += "<div><span>";
  deep += "عمیق";
  SanitizedHtml s = SanitizeHtml(deep);
  EXPECT_NE(s.html.find("عمیق"), std::string::npos);
  EXPECT_TRUE(s.warnings.empty());
  EXPECT_TRUE(CheckBodyBudget(deep).ok());
  // Over the budget: refused by the check; the sanitizer alone keeps the beginning and says so.
  std::string deeper = "<p>آغاز</p>";
  for (int i = 0; i < 5000; ++i) deeper += "<div><span><b>";
  deeper += "عمیق";
  EXPECT_EQ(CheckBodyBudget(deeper).api_code(), "body_too_complex");
  EXPECT_EQ(CheckBodyBudget(deeper).field(), "body_html");
  s = SanitizeHtml(deeper);
  EXPECT_NE(s.html.find("آغاز"), std::string::npos);
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0].code, "body_truncated");
  std::string bad = "<p>\xff\xfe\xc3</p>";
  EXPECT_FALSE(SanitizeHtml(bad).html.empty());
}

std::vector<std::string> Codes(std::string_view in) {
  std::vector<std::string> out;
  for (const auto& w : SanitizeHtml(in).warnings) {
    EXPECT_FALSE(w.message.empty());
    out.push_back(w.code);
  }
  return out;
}

TEST(SanitizeTest, WarnsWhenTextIsDropped) {
  using V = std::vector<std::string>;
  // An unclosed textarea swallows everything after it.
  SanitizedHtml s = SanitizeHtml("<p>یک</p><textarea><p>دو</p><p>سه</p>");
  EXPECT_EQ(s.html, "<p>یک</p>");
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0].code, "textarea_swallowed");
  EXPECT_NE(s.warnings[0].message.find("textarea"), std::string::npos);
  EXPECT_EQ(Codes("<p>خبر</p><script>alert(1)</script><style>p{}</style>"), V{"script_removed"});
  EXPECT_EQ(Codes("<p>خبر</p><iframe>متن</iframe><select><option>گزینه</option></select>"),
            V{"text_dropped"});
  EXPECT_EQ(Codes("<textarea>x</textarea><script>y</script><button>z</button><textarea>w</textarea>"),
            (V{"textarea_swallowed", "script_removed", "text_dropped"}));
  // Nothing lost, nothing said: allowed markup, unwrapped elements, empty dropped elements, Word's head.
  EXPECT_EQ(Codes("<p>سلام <span>دنیا</span> <font>و</font></p><div>x</div>"), V{});
  EXPECT_EQ(Codes("<p>a</p><script></script><iframe src='https://x'></iframe><textarea> </textarea>"), V{});
  EXPECT_EQ(Codes("<html><head><title>Word</title><meta name=x></head><body><p>a</p><xml>o</xml></body>"),
            V{});
  // Also past the writer's depth, where text is written flat.
  std::string deep;
  for (int i = 0; i < 80; ++i) deep += "<span>";
  EXPECT_EQ(Codes(deep + "a<script>b</script>"), V{"script_removed"});
}

TEST(SanitizeTest, IsStable) {
  const char* kInputs[] = {
      "<p>سلام <strong>دنیا</strong> <a href='https://x.ir'>پیوند</a></p><ul><li>یک<li>دو</ul>",
      "<div>a<div>b</div>c</div>",
      "<table><caption>ج</caption><tr><th>الف</th></tr></table>",
      "متن بی‌پاراگراف <b>پررنگ</b> و <i> کج </i> .",
      "<figure><img src='/media/3/a.jpg' alt='x'><figcaption>زیرنویس</figcaption></figure>",
  };
  for (const char* in : kInputs) {
    std::string once = Html(in);
    EXPECT_EQ(Html(once), once) << in;
  }
}

}  // namespace
}  // namespace pol::newsroom
