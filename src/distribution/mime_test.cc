// Unit tests of the hand-built MIME (mime.h): RFC 2047 encoded words, quoted-printable, multipart
// alternative with an RTL HTML part and attachments, e-mail address validation.
#include "distribution/mime.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

#include "text/utf8.h"

namespace pol::distribution {
namespace {

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p < s.size()) {
    size_t q = s.find("\r\n", p);
    if (q == std::string::npos) q = s.size();
    out.push_back(s.substr(p, q - p));
    p = q + 2;
  }
  return out;
}

std::string DecodeB64(const std::string& b64) {
  std::string bin(b64.size(), '\0');
  size_t len = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), b64.data(),
                              b64.size(), "\r\n ", &len, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  bin.resize(len);
  return bin;
}

TEST(Mime, PersianSubjectIsEncodedWordsOfWholeCharacters) {
  const std::string subject =
      "برگزاری همایش روز ملی تعاون در قزوین با حضور مدیران کل دستگاه‌های عضو شورا";
  std::string enc = EncodeHeaderWord(subject);
  std::string joined;
  for (const std::string& line : Lines(enc + "\r\n")) {
    std::string w = line;
    if (!w.empty() && w[0] == ' ') w.erase(0, 1);
    ASSERT_TRUE(w.starts_with("=?UTF-8?B?")) << w;
    ASSERT_TRUE(w.ends_with("?=")) << w;
    EXPECT_LE(w.size(), 75u) << "RFC 2047: an encoded-word is at most 75 characters";
    std::string part = DecodeB64(w.substr(10, w.size() - 12));
    EXPECT_TRUE(text::IsValidUtf8(part)) << "each word holds whole UTF-8 characters";
    joined += part;
  }
  EXPECT_EQ(joined, subject);
  EXPECT_EQ(EncodeHeaderWord("Plain ASCII"), "Plain ASCII");
}

TEST(Mime, QuotedPrintableLinesAndRoundTrip) {
  std::string text = "سلام دنیا = hello \nخط دوم با فاصلهٔ پایانی \n" + std::string(300, 'x');
  std::string qp = QuotedPrintable(text);
  for (const std::string& line : Lines(qp)) EXPECT_LE(line.size(), 76u) << line;
  // Decode.
  std::string out;
  for (size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] == '=' && qp.compare(i, 3, "=\r\n") == 0) {
      i += 2;
    } else if (qp[i] == '=') {
      out.push_back(static_cast<char>(std::stoi(qp.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else if (qp[i] == '\r') {
      continue;
    } else {
      out.push_back(qp[i]);
    }
  }
  EXPECT_EQ(out, text);
}

TEST(Mime, MultipartAlternativeWithRtlHtmlAndAttachment) {
  MailMessage m{.from_name = "روابط عمومی تأمین اجتماعی",
                .from_address = "pr@tamin.example.ir",
                .to_name = "خبرنگار",
                .to_address = "reporter@example.com",
                .subject = "خبر تازه",
                .message_id = "pol.d1.r2@tamin.example.ir",
                .date_ms = 1795000000000,
                .text = "متن ساده\n",
                .html = "<html dir=\"rtl\"><body>متن</body></html>",
                .extra_headers = {{"List-Unsubscribe", "<https://x.example/unsubscribe/t>"},
                                  {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}},
                .attachments = {{"عکس.jpg", "image/jpeg", std::string("\xff\xd8\xff\xe0", 4)}}};
  std::string raw = BuildMail(m);
  for (const std::string& line : Lines(raw)) EXPECT_LE(line.size(), 78u) << line;
  EXPECT_NE(raw.find("Message-ID: <pol.d1.r2@tamin.example.ir>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(
      HeaderLine("List-Unsubscribe",
                 "<https://news.qazvin.example.ir/unsubscribe/0123456789abcdef0123456789abcdef>"),
      "List-Unsubscribe:\r\n <https://news.qazvin.example.ir/unsubscribe/0123456789abcdef0123456789abcdef>\r\n");
  EXPECT_NE(raw.find("multipart/mixed"), std::string::npos);
  EXPECT_NE(raw.find("multipart/alternative"), std::string::npos);
  EXPECT_NE(
      raw.find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable"),
      std::string::npos);
  EXPECT_NE(raw.find("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64"),
            std::string::npos);
  EXPECT_NE(raw.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), std::string::npos);
  EXPECT_NE(raw.find("Content-Disposition: attachment"), std::string::npos);
  EXPECT_EQ(raw.find('\n'), raw.find("\r\n") + 1) << "CRLF line ends";
  EXPECT_EQ(BuildMail(m), raw) << "deterministic for a Message-ID (the same bytes on a re-send)";
}

TEST(Mime, ValidEmail) {
  EXPECT_TRUE(ValidEmail("a.b+c@news.example.ir"));
  for (const char* bad :
       {"", "a", "a@b", "@x.ir", "a@@x.ir", "a b@x.ir", "a@x..ir", "a@.x.ir", "<a@x.ir>", "a@x.ir."}) {
    EXPECT_FALSE(ValidEmail(bad)) << bad;
  }
}

TEST(Mime, MaskEmail) {
  EXPECT_EQ(MaskEmail("reporter1@irna.example.ir"), "r***@irna.example.ir");
  EXPECT_EQ(MaskEmail("a@b.ir"), "a***@b.ir");
  EXPECT_EQ(MaskEmail("no-address"), "***");
  EXPECT_EQ(MaskEmail("@x.ir"), "***");
}

}  // namespace
}  // namespace pol::distribution
