// Unit tests of sending a document (adapters.h "Documents"): the multipart/form-data body (form_data.h),
// Bot API sendDocument and Eitaa sendFile against a real HTTP peer on loopback (the file, the caption cut
// to 1,024 UTF-16 units, the Persian filename), the per-channel size limits (nothing sent), webhooks
// refusing documents, and the e-mail attachment's Persian filename (RFC 2231 + RFC 2047).
#include <gtest/gtest.h>

#include <boost/beast.hpp>

#include <map>
#include <string>

#include "distribution/adapters.h"
#include "distribution/form_data.h"
#include "distribution/mime.h"
#include "net/testing/allow_loopback.h"
#include "net/testing/loopback_http_peer.h"

namespace pol::distribution {
namespace {

namespace beast = boost::beast;
using Peer = net::testing::LoopbackHttpPeer;

const net::testing::AllowLoopback kAllowLoopback;

struct Part {
  std::string headers, body;
};

// A small multipart/form-data parser for the tests: the parts by field name.
std::map<std::string, Part> ParseForm(const std::string& content_type, const std::string& body) {
  std::map<std::string, Part> out;
  const std::string key = "boundary=";
  const size_t b = content_type.find(key);
  EXPECT_NE(b, std::string::npos) << content_type;
  if (b == std::string::npos) return out;
  const std::string delim = "--" + content_type.substr(b + key.size());
  size_t pos = body.find(delim);
  while (pos != std::string::npos) {
    pos += delim.size();
    if (body.compare(pos, 2, "--") == 0) break;
    pos += 2;  // CRLF
    const size_t end = body.find("\r\n" + delim, pos);
    if (end == std::string::npos) break;
    const std::string part = body.substr(pos, end - pos);
    const size_t split = part.find("\r\n\r\n");
    Part p{part.substr(0, split), part.substr(split + 4)};
    const size_t n = p.headers.find("name=\"") + 6;
    out[p.headers.substr(n, p.headers.find('"', n) - n)] = p;
    pos = end + 2;
  }
  return out;
}

beast::http::response<beast::http::string_body> Json(int status, const std::string& body) {
  beast::http::response<beast::http::string_body> r{static_cast<beast::http::status>(status), 11};
  r.set(beast::http::field::content_type, "application/json");
  r.body() = body;
  return r;
}

const std::string kPdf = std::string("%PDF-1.7\n") + std::string(3000, '\0') + "\n%%EOF\n";

OutMessage Document(std::string data, std::string caption) {
  OutMessage m;
  m.document = OutDocument{.file_name = "بولتن خبری روزانه ۱۴۰۵-۰۹-۱۴.pdf",
                           .content_type = "application/pdf",
                           .data = std::move(data),
                           .caption = std::move(caption)};
  return m;
}

TEST(FormData, PartsRoundTripAndTheBoundaryIsNotInAnyPart) {
  FormData f = BuildFormData({{.name = "chat_id", .value = "@qazvin_news"},
                              {.name = "caption", .value = "بولتن \"روزانه\"\r\nخط دوم"},
                              {.name = "document",
                               .value = kPdf,
                               .filename = "گزارش \"ویژه\".pdf",
                               .content_type = "application/pdf"}});
  auto parts = ParseForm(f.content_type, f.body);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts["chat_id"].body, "@qazvin_news");
  EXPECT_EQ(parts["caption"].body, "بولتن \"روزانه\"\r\nخط دوم");
  EXPECT_EQ(parts["document"].body, kPdf) << "binary bytes kept as they are";
  EXPECT_NE(parts["document"].headers.find("filename=\"گزارش %22ویژه%22.pdf\""), std::string::npos)
      << parts["document"].headers;
  EXPECT_NE(parts["document"].headers.find("Content-Type: application/pdf"), std::string::npos);
  const std::string boundary = f.content_type.substr(f.content_type.find('=') + 1);
  EXPECT_EQ(kPdf.find(boundary), std::string::npos);
  EXPECT_EQ(BuildFormData({{.name = "a", .value = "b"}}).body,
            BuildFormData({{.name = "a", .value = "b"}}).body)
      << "deterministic";
}

TEST(FitCaption, CutsAtAWordWithinTheLimit) {
  EXPECT_EQ(FitCaption("کوتاه", 1024), "کوتاه");
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += "واژه ";
  const std::string cut = FitCaption(long_text, 1024);
  EXPECT_LE(Utf16Length(cut), 1024u);
  EXPECT_TRUE(cut.ends_with("واژه…")) << "cut after a whole word";
}

TEST(BotApiDocument, SendDocumentUploadsTheFileWithItsCaption) {
  Peer peer([](const auto&) {
    return Json(
        200,
        R"({"ok":true,"result":{"message_id":77,"chat":{"id":-1001,"type":"channel","username":"qazvin_news"},"document":{"file_name":"x.pdf"}}})");
  });
  auto config =
      ChannelConfig::FromJson("bale", nlohmann::json{{"chat_id", "@qazvin_news"}, {"base_url", peer.base()}});
  ASSERT_TRUE(config.ok());
  std::string caption;
  for (int i = 0; i < 600; ++i) caption += "بولتن ";
  SendResult r = MakeAdapter(*config, "123456:ABCdefGHIjklMNOpqrSTUvwx")->Send(Document(kPdf, caption));
  ASSERT_TRUE(r.ok) << r.error_code << " " << r.detail;
  EXPECT_EQ(r.message_id, "77");
  EXPECT_EQ(r.url, "https://ble.ir/qazvin_news/77");
  const auto received = peer.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].target(), "/bot123456:ABCdefGHIjklMNOpqrSTUvwx/sendDocument");
  auto parts = ParseForm(std::string(received[0][beast::http::field::content_type]), received[0].body());
  EXPECT_EQ(parts["chat_id"].body, "@qazvin_news");
  EXPECT_EQ(parts["document"].body, kPdf);
  EXPECT_NE(parts["document"].headers.find("filename=\"بولتن خبری روزانه ۱۴۰۵-۰۹-۱۴.pdf\""),
            std::string::npos);
  EXPECT_LE(Utf16Length(parts["caption"].body), kCaptionLimit);
  EXPECT_TRUE(parts["caption"].body.ends_with("…"));
  EXPECT_EQ(parts.count("parse_mode"), 0u) << "the caption is plain text";
}

TEST(BotApiDocument, TooLargeIsRefusedWithoutSending) {
  Peer peer([](const auto&) { return Json(200, R"({"ok":true,"result":{"message_id":1}})"); });
  auto bale =
      ChannelConfig::FromJson("bale", nlohmann::json{{"chat_id", "@qazvin_news"}, {"base_url", peer.base()}});
  auto telegram = ChannelConfig::FromJson(
      "telegram", nlohmann::json{{"chat_id", "@qazvin_news"}, {"base_url", peer.base()}});
  ASSERT_TRUE(bale.ok() && telegram.ok());
  const std::string big(20 * 1000 * 1000 + 1, 'x');
  SendResult r = MakeAdapter(*bale, "123456:ABCdefGHIjklMNOpqrSTUvwx")->Send(Document(big, "بولتن"));
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.retryable);
  EXPECT_EQ(r.error_code, "document_too_large");
  EXPECT_NE(r.error_fa.find("۲۰ مگابایت"), std::string::npos) << r.error_fa;
  EXPECT_TRUE(peer.received().empty()) << "nothing sent";
  EXPECT_EQ(MaxDocumentBytes("telegram"), 50 * 1000 * 1000);
  EXPECT_EQ(CheckDocumentSize("telegram", 20 * 1000 * 1000 + 1).error_code, "") << "fits Telegram's 50 MB";
  EXPECT_EQ(CheckDocumentSize("email", (10 << 20) + 1).error_code, "document_too_large");
}

TEST(BotApiDocument, TooBigAnswerIsPermanent) {
  Peer peer([](const auto&) {
    return Json(400, R"({"ok":false,"error_code":400,"description":"Bad Request: file is too big"})");
  });
  auto config = ChannelConfig::FromJson(
      "telegram", nlohmann::json{{"chat_id", "@qazvin_news"}, {"base_url", peer.base()}});
  ASSERT_TRUE(config.ok());
  SendResult r = MakeAdapter(*config, "123456:ABCdefGHIjklMNOpqrSTUvwx")->Send(Document(kPdf, "بولتن"));
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.retryable);
  EXPECT_EQ(r.error_code, "document_too_large");
  EXPECT_EQ(r.detail, "HTTP 400") << "the host's words are not passed on";
}

TEST(EitaaDocument, SendFileUploadsTheFile) {
  Peer peer([](const auto&) { return Json(200, R"({"ok":true,"result":{"message_id":9}})"); });
  auto config =
      ChannelConfig::FromJson("eitaa", nlohmann::json{{"chat_id", "@qazvin"}, {"base_url", peer.base()}});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  SendResult r = MakeAdapter(*config, "eitaa-token-1234567890")->Send(Document(kPdf, "بولتن خبری روزانه"));
  ASSERT_TRUE(r.ok) << r.error_code << " " << r.detail;
  EXPECT_EQ(r.url, "https://eitaa.com/qazvin/9");
  const auto received = peer.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].target(), "/api/eitaa-token-1234567890/sendFile");
  auto parts = ParseForm(std::string(received[0][beast::http::field::content_type]), received[0].body());
  EXPECT_EQ(parts["chat_id"].body, "@qazvin");
  EXPECT_EQ(parts["caption"].body, "بولتن خبری روزانه");
  EXPECT_EQ(parts["title"].body, "بولتن خبری روزانه ۱۴۰۵-۰۹-۱۴.pdf");
  EXPECT_EQ(parts["file"].body, kPdf);
}

TEST(WebhookDocument, WebhooksTakeNoDocuments) {
  Peer peer([](const auto&) { return Json(200, "{}"); });
  auto config = ChannelConfig::FromJson("webhook", nlohmann::json{{"url", peer.base() + "/hook"}});
  ASSERT_TRUE(config.ok());
  SendResult r = MakeAdapter(*config, "key")->Send(Document(kPdf, "x"));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_code, "unsupported_document");
  EXPECT_TRUE(peer.received().empty());
}

TEST(MailDocument, PersianFilenameIsRfc2231AndRfc2047WithinLineLimits) {
  const std::string name = "بولتن خبری هفتگی شورای هماهنگی روابط عمومی ۱۴۰۵-۰۹-۱۴.pdf";
  const std::string h = AttachmentHeaders(name, "application/pdf");
  size_t start = 0;
  std::string joined;  // the RFC 2231 continuations, decoded
  while (start < h.size()) {
    const size_t end = h.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    const std::string line = h.substr(start, end - start);
    EXPECT_LE(line.size(), 78u) << line;
    const size_t star = line.find("*=");
    if (line.starts_with(" filename*")) {
      std::string v = line.substr(star + 2);
      if (v.starts_with("UTF-8''")) v = v.substr(7);
      if (v.ends_with(";")) v.pop_back();
      for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '%') {
          joined.push_back(static_cast<char>(std::stoi(v.substr(i + 1, 2), nullptr, 16)));
          i += 2;
        } else {
          joined.push_back(v[i]);
        }
      }
    }
    start = end + 2;
  }
  EXPECT_EQ(joined, name);
  EXPECT_NE(h.find("filename*0*=UTF-8''%D8%A8"), std::string::npos) << h;
  EXPECT_NE(h.find("name=\"=?UTF-8?B?"), std::string::npos) << "RFC 2047 form for older readers";
  EXPECT_EQ(AttachmentHeaders("invite.ics", "text/calendar"),
            "Content-Type: text/calendar\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-Disposition: attachment; filename=\"invite.ics\"\r\n");
}

}  // namespace
}  // namespace pol::distribution
