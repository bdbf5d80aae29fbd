// Unit tests of distribution's adapters and their parts: HMAC signatures, secrets, channel validation, and
// the Bot API / webhook adapters' error mapping against a real HTTP peer on loopback. MIME, composing and
// the delivery state machine have their own files (mime_test.cc, compose_test.cc, delivery_test.cc).
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <thread>

#include "distribution/adapters.h"
#include "distribution/channels.h"
#include "distribution/compose.h"
#include "distribution/secrets.h"
#include "distribution/test_release.h"
#include "net/outbound_guard.h"
#include "net/testing/allow_loopback.h"
#include "net/testing/loopback_http_peer.h"

namespace pol::distribution {
namespace {

namespace beast = boost::beast;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// The adapters' tests talk to loopback peers (ChannelsRefuse… below removes the allowance for a moment).
const net::testing::AllowLoopback kAllowLoopback;

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

TEST(Secrets, KeyFileIsCreatedOnceWithMode0600) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("pol-secrets-" + std::to_string(::getpid()) + ".key"))
          .string();
  std::filesystem::remove(path);
  auto first = SecretBox::FromFile(path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(std::filesystem::file_size(path), 32u);
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto again = SecretBox::FromFile(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again->Open(first->Seal("token")), "token") << "the same key is read back";
  { std::ofstream(path, std::ios::trunc) << "short"; }
  EXPECT_FALSE(SecretBox::FromFile(path).ok()) << "a key of the wrong size is refused";
  std::filesystem::remove(path);
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

using Peer = net::testing::LoopbackHttpPeer;

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
  const auto received = peer.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].target(), "/bot123456:ABCdefGHIjklMNOpqrSTUvwx/sendMessage");
  auto body = nlohmann::json::parse(received[0].body());
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
  const auto received = peer.received();
  ASSERT_EQ(received.size(), 1u);
  const auto& req = received[0];
  std::string ts(req["X-Pol-Timestamp"]);
  EXPECT_EQ(ts, "1795000000");
  EXPECT_EQ(std::string(req["X-Pol-Delivery"]), "99");
  EXPECT_EQ(std::string(req["X-Pol-Signature"]), WebhookSignature("s3cret-key-123", ts, req.body()));
}

TEST(Channels, TransportRules) {
  using nlohmann::json;
  struct Row {
    std::string kind;
    json config;
    std::string code;  // "" = accepted
  };
  const std::vector<Row> rows = {
      {"telegram", {{"chat_id", "@qazvin_tamin"}}, ""},
      {"telegram", {{"chat_id", "@qazvin_tamin"}, {"base_url", "https://bot.example.ir"}}, ""},
      {"telegram", {{"chat_id", "@qazvin_tamin"}, {"base_url", "http://bot.example.ir"}}, "insecure_url"},
      {"bale", {{"chat_id", "@qazvin_tamin"}, {"base_url", "http://127.0.0.1:9"}}, ""},
      {"eitaa", {{"chat_id", "@qazvin_tamin"}, {"base_url", "http://10.0.0.5"}}, "insecure_url"},
      {"webhook", {{"url", "https://hooks.example.ir/x"}}, ""},
      {"webhook", {{"url", "http://hooks.example.ir/x"}}, "insecure_url"},
      {"webhook", {{"url", "http://localhost:8080/x"}}, ""},
      {"webhook", {{"url", "http://[::1]:8080/x"}}, ""},
      {"email",
       {{"press_list_id", 1}, {"smtp_url", "smtp://mail.example.ir:587"}, {"from_address", "a@b.ir"}},
       ""},
      {"email",
       {{"press_list_id", 1},
        {"smtp_url", "smtp://mail.example.ir:587"},
        {"tls", "tls"},
        {"from_address", "a@b.ir"}},
       "tls_requires_smtps"},
      {"email",
       {{"press_list_id", 1},
        {"smtp_url", "smtps://mail.example.ir:465"},
        {"tls", "tls"},
        {"from_address", "a@b.ir"}},
       ""},
      {"email",
       {{"press_list_id", 1},
        {"smtp_url", "smtp://mail.example.ir:25"},
        {"tls", "none"},
        {"from_address", "a@b.ir"}},
       "insecure_smtp"},
      {"email",
       {{"press_list_id", 1},
        {"smtp_url", "smtp://127.0.0.1:2525"},
        {"tls", "none"},
        {"from_address", "a@b.ir"}},
       ""},
  };
  for (const Row& r : rows) {
    auto c = ChannelConfig::FromJson(r.kind, r.config);
    ASSERT_TRUE(c.ok()) << r.config.dump();
    Status st = CheckTransport(*c);
    EXPECT_EQ(st.ok() ? "" : st.api_code(), r.code) << r.config.dump();
    if (!st.ok()) {
      // A stored channel breaking the rules sends nothing.
      SendResult sent = MakeAdapter(*c, "123456:ABCdefGHIjklMNOpqrSTUvwx")->Send(OutMessage{.test = true});
      EXPECT_FALSE(sent.ok);
      EXPECT_EQ(sent.error_code, r.code);
    }
  }
  auto tg = ChannelConfig::FromJson("telegram", json{{"chat_id", "@qazvin_tamin"}});
  EXPECT_TRUE(OnOfficialHost(*tg));
  EXPECT_EQ(Endpoint(*tg), "https://api.telegram.org");
  tg = ChannelConfig::FromJson("telegram", json{{"chat_id", "@qazvin_tamin"}, {"base_url", "https://x.ir"}});
  EXPECT_FALSE(OnOfficialHost(*tg));
}

TEST(Channels, AnswersAreCappedAndNeverEchoed) {
  // A webhook receiver that answers 400 with a long body: the detail keeps the status only.
  Peer peer([](const auto&) { return Json(400, "internal secret " + std::string(1000, 'x')); });
  auto config = ChannelConfig::FromJson("webhook", nlohmann::json{{"url", peer.base() + "/hook"}});
  SendResult r = MakeAdapter(*config, "s3cret-key-123")->Send(OutMessage{.test = true});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.detail, "HTTP 400");
  // A Bot API answer over 64 KiB is not buffered: the transfer stops (retryable, no body kept).
  Peer big([](const auto&) { return Json(200, std::string(net::kMaxAnswerBytes + 1, ' ')); });
  r = SendVia(big.base(), LongRelease(1));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_code, "channel_unreachable");
  EXPECT_EQ(ChannelLimits().max_response_bytes, 64 * 1024);
  EXPECT_EQ(net::HttpRequest{}.limits.max_response_bytes, 64 * 1024);
}

TEST(Channels, RefusedDestinationsAreNotReachedNorRetried) {
  Peer peer([](const auto&) { return Json(200, R"({"ok":true,"result":{"message_id":1}})"); });
  const std::vector<net::Cidr> saved = net::OutboundPolicy();
  net::SetOutboundPolicy({});
  SendResult bot = SendVia(peer.base(), LongRelease(1));
  auto hook = ChannelConfig::FromJson("webhook", nlohmann::json{{"url", peer.base() + "/hook"}});
  SendResult wh = MakeAdapter(*hook, "s3cret-key-123")->Send(OutMessage{.test = true});
  net::SetOutboundPolicy(saved);
  for (const SendResult& r : {bot, wh}) {
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(r.retryable);
    EXPECT_EQ(r.error_code, "outbound_refused");
    EXPECT_EQ(r.detail, "outbound_refused");
  }
  EXPECT_TRUE(peer.received().empty());
}

}  // namespace
}  // namespace pol::distribution
