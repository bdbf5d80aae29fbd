// Unit tests of distribution: MIME building, caption cutting, HMAC signatures, secrets, channel validation,
// and the Bot API / webhook adapters' error mapping against a real HTTP peer on loopback.
#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <atomic>
#include <functional>
#include <regex>
#include <thread>

#include "distribution/adapters.h"
#include "distribution/channels.h"
#include "distribution/compose.h"
#include "distribution/mime.h"
#include "distribution/secrets.h"
#include "text/utf8.h"

namespace pol::distribution {
namespace {

namespace beast = boost::beast;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

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

ReleaseContent LongRelease(int sentences) {
  ReleaseContent c;
  c.release_id = 7;
  c.over_title = "شورای هماهنگی";
  c.title = "برگزاری همایش روز ملی تعاون در قزوین";
  c.lead =
      "همایش روز ملی تعاون با حضور مدیران دستگاه‌ها برگزار شد.";
  for (int i = 0; i < sentences; ++i) {
    c.body_text +=
        "این جملهٔ شمارهٔ " + std::to_string(i + 1) +
        " از متن خبر است که دربارهٔ تعاونی‌ها توضیح می‌دهد. ";
  }
  c.article_url = "https://news.example.ir/news/7";
  return c;
}

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

TEST(Webhook, SignatureIsHmacSha256OfTimestampDotBody) {
  // Computed independently: python3 -c 'import hmac,hashlib; print(hmac.new(b"Jefe",
  //   b"1795000000.{\"event\":\"release.published\"}", hashlib.sha256).hexdigest())'
  EXPECT_EQ(WebhookSignature("Jefe", "1795000000", R"({"event":"release.published"})"),
            "sha256=96b74cc5b31a2e36758de9201bf6db9dc27d4ba722c733b286c8f09503e841c9");
}

TEST(Secrets, SealOpenAndHint) {
  std::string key(32, 'k');
  SecretBox box = SecretBox::FromKey(key);
  std::string sealed = box.Seal("123456:ABCdefGHIjklMNOpqrSTUvwx");
  EXPECT_EQ(sealed.find("ABCdef"), std::string::npos);
  EXPECT_NE(box.Seal("x"), box.Seal("x")) << "random nonces";
  EXPECT_EQ(*box.Open(sealed), "123456:ABCdefGHIjklMNOpqrSTUvwx");
  EXPECT_FALSE(SecretBox::FromKey(std::string(32, 'o')).Open(sealed).ok()) << "another key cannot open it";
  EXPECT_EQ(Hint("123456:ABCdefGHIjklMNOpqrSTUvwx"), "••••Uvwx");
  EXPECT_EQ(Hint("short"), "••••");
  EXPECT_EQ(Hint(""), "");
}

TEST(Channels, Validation) {
  using nlohmann::json;
  EXPECT_TRUE(ChannelConfig::FromJson("telegram", json{{"chat_id", "@qazvin_tamin"}}).ok());
  EXPECT_TRUE(ChannelConfig::FromJson(
                  "bale", json{{"chat_id", "-1001234567890"}, {"base_url", "http://127.0.0.1:9/"}})
                  .ok());
  auto bad = ChannelConfig::FromJson("telegram", json{{"chat_id", "qazvin tamin"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "chat_id");
  EXPECT_EQ(ChannelConfig::FromJson("telegram", json{{"chat_id", "@abcde"}, {"extra", 1}}).status().field(),
            "extra");
  EXPECT_EQ(ChannelConfig::FromJson("webhook", json{{"url", "ftp://x"}}).status().field(), "url");
  EXPECT_EQ(ChannelConfig::FromJson("email", json{{"press_list_id", 1},
                                                  {"smtp_url", "smtp://127.0.0.1:25"},
                                                  {"from_address", "not-an-address"}})
                .status()
                .field(),
            "from_address");
  EXPECT_TRUE(ValidateSecret("telegram", "123456:ABCdefGHIjklMNOpqrSTUvwx").ok());
  EXPECT_FALSE(ValidateSecret("telegram", "not a token").ok());
  EXPECT_FALSE(ValidateSecret("bale", "123456:short").ok());
}

// A one-shot-per-request HTTP peer on loopback: answers each request with `respond(target, body)`.
class Peer {
 public:
  using Respond = std::function<beast::http::response<beast::http::string_body>(
      const beast::http::request<beast::http::string_body>&)>;
  explicit Peer(Respond respond)
      : respond_(std::move(respond)), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { Run(); });
  }
  ~Peer() {
    stop_ = true;
    boost::system::error_code ec;
    tcp::socket s(io_);
    s.connect({asio::ip::make_address("127.0.0.1"), port_}, ec);
    thread_.join();
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<beast::http::request<beast::http::string_body>> received;

 private:
  void Run() {
    while (!stop_) {
      tcp::socket sock(io_);
      boost::system::error_code ec;
      acceptor_.accept(sock, ec);
      if (ec || stop_) return;
      beast::flat_buffer buf;
      for (;;) {
        beast::http::request<beast::http::string_body> req;
        beast::http::read(sock, buf, req, ec);
        if (ec) break;
        received.push_back(req);
        auto res = respond_(req);
        res.prepare_payload();
        res.keep_alive(false);  // one request per connection: the peer thread never waits on an idle socket
        beast::http::write(sock, res, ec);
        break;
      }
    }
  }
  Respond respond_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

beast::http::response<beast::http::string_body> Json(int status, const std::string& body) {
  beast::http::response<beast::http::string_body> r{static_cast<beast::http::status>(status), 11};
  r.set(beast::http::field::content_type, "application/json");
  r.body() = body;
  return r;
}

SendResult SendVia(const std::string& base, const ReleaseContent& c) {
  auto config =
      ChannelConfig::FromJson("telegram", nlohmann::json{{"chat_id", "@qazvin_news"}, {"base_url", base}});
  EXPECT_TRUE(config.ok());
  OutMessage m;
  m.content = c;
  return MakeAdapter(*config, "123456:ABCdefGHIjklMNOpqrSTUvwx")->Send(m);
}

TEST(BotApi, SuccessGivesMessageIdAndLink) {
  Peer peer([](const auto&) {
    return Json(
        200,
        R"({"ok":true,"result":{"message_id":42,"chat":{"id":-1001,"type":"channel","username":"qazvin_news"}}})");
  });
  SendResult r = SendVia(peer.base(), LongRelease(300));
  ASSERT_TRUE(r.ok) << r.detail;
  EXPECT_EQ(r.message_id, "42");
  EXPECT_EQ(r.url, "https://t.me/qazvin_news/42");
  ASSERT_EQ(peer.received.size(), 1u);
  EXPECT_EQ(peer.received[0].target(), "/bot123456:ABCdefGHIjklMNOpqrSTUvwx/sendMessage");
  auto body = nlohmann::json::parse(peer.received[0].body());
  EXPECT_EQ(body["chat_id"], "@qazvin_news");
  EXPECT_EQ(body["parse_mode"], "HTML");
  EXPECT_LE(Utf16Length(std::regex_replace(body["text"].get<std::string>(), std::regex("<[^>]+>"), "")),
            kTextLimit);
}

TEST(BotApi, ErrorsMapToRetryableOrNot) {
  struct Case {
    int status;
    std::string body;
    bool retryable;
    std::string code;
    int64_t retry_after_ms;
  };
  std::vector<Case> cases = {
      {429,
       R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}})",
       true, "rate_limited", 7000},
      {500, R"({"ok":false,"error_code":500,"description":"Internal Server Error"})", true, "channel_error",
       0},
      {502, "<html>bad gateway</html>", true, "channel_error", 0},
      {400, R"({"ok":false,"error_code":400,"description":"Bad Request: message caption is too long"})",
       false, "too_long", 0},
      {400, R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})", false,
       "chat_not_found", 0},
      {401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})", false, "invalid_token", 0},
      {403,
       R"({"ok":false,"error_code":403,"description":"Forbidden: bot is not a member of the channel chat"})",
       false, "bot_forbidden", 0},
  };
  for (const Case& k : cases) {
    Peer peer([&](const auto&) { return Json(k.status, k.body); });
    SendResult r = SendVia(peer.base(), LongRelease(1));
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.retryable, k.retryable) << k.body;
    EXPECT_EQ(r.error_code, k.code) << k.body;
    EXPECT_EQ(r.retry_after_ms, k.retry_after_ms) << k.body;
    EXPECT_FALSE(r.error_fa.empty());
    EXPECT_NE(r.detail.find(std::to_string(k.status)), std::string::npos) << "the channel's answer is kept";
  }
}

TEST(BotApi, UnreachableIsRetryable) {
  std::string base;
  {
    Peer peer([](const auto&) { return Json(200, "{}"); });
    base = peer.base();
  }  // closed: nothing listens there now
  SendResult r = SendVia(base, LongRelease(1));
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.retryable);
  EXPECT_EQ(r.error_code, "channel_unreachable");
}

TEST(Webhook, SignedPostVerifiesAtThePeer) {
  Peer peer([](const auto&) { return Json(204, ""); });
  auto config = ChannelConfig::FromJson("webhook", nlohmann::json{{"url", peer.base() + "/hook"}});
  ASSERT_TRUE(config.ok());
  OutMessage m;
  m.delivery_id = 99;
  m.now_ms = 1795000000000;
  m.payload = {{"event", "release.published"}, {"release", {{"title", "خبر"}}}};
  SendResult r = MakeAdapter(*config, "s3cret-key-123")->Send(m);
  ASSERT_TRUE(r.ok) << r.detail;
  ASSERT_EQ(peer.received.size(), 1u);
  const auto& req = peer.received[0];
  std::string ts(req["X-Pol-Timestamp"]);
  EXPECT_EQ(ts, "1795000000");
  EXPECT_EQ(std::string(req["X-Pol-Delivery"]), "99");
  EXPECT_EQ(std::string(req["X-Pol-Signature"]), WebhookSignature("s3cret-key-123", ts, req.body()));
}

}  // namespace
}  // namespace pol::distribution
