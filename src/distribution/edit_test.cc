// Unit tests of correcting and withdrawing a sent message (adapters.h Edit / Remove) against a real HTTP
// peer on loopback: Bot API editMessageText for a text message and editMessageCaption for a photo message
// (chat_id, the numeric message_id, the recomposed text), deleteMessage; "not modified" and "already
// deleted" count as done; a message too old to delete is a permanent, Persian error; Eitaa and e-mail
// have no such operation (unsupported_operation, nothing sent); webhooks post the event's name.
#include <gtest/gtest.h>

#include <boost/beast.hpp>

#include "distribution/adapters.h"
#include "distribution/test_release.h"
#include "net/testing/allow_loopback.h"
#include "net/testing/loopback_http_peer.h"

namespace pol::distribution {
namespace {

namespace beast = boost::beast;
using Peer = net::testing::LoopbackHttpPeer;

const net::testing::AllowLoopback kAllowLoopback;
constexpr char kToken[] = "123456:ABCdefGHIjklMNOpqrSTUvwx";

beast::http::response<beast::http::string_body> Json(int status, const std::string& body) {
  beast::http::response<beast::http::string_body> r{static_cast<beast::http::status>(status), 11};
  r.set(beast::http::field::content_type, "application/json");
  r.body() = body;
  return r;
}

std::unique_ptr<ChannelAdapter> Bot(const std::string& base) {
  auto config =
      ChannelConfig::FromJson("telegram", nlohmann::json{{"chat_id", "@qazvin_news"}, {"base_url", base}});
  EXPECT_TRUE(config.ok());
  return MakeAdapter(*config, kToken);
}

TEST(BotApiEdit, TextMessageIsEditedInPlace) {
  Peer peer([](const auto&) { return Json(200, R"({"ok":true,"result":{"message_id":42,"text":"x"}})"); });
  OutMessage m;
  m.content = LongRelease(2);
  m.content.title = "عنوان اصلاح‌شده";
  SendResult r = Bot(peer.base())->Edit(m, "42");
  ASSERT_TRUE(r.ok) << r.error_code;
  EXPECT_EQ(r.message_id, "42");
  const auto received = peer.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].target(), std::string("/bot") + kToken + "/editMessageText");
  auto body = nlohmann::json::parse(received[0].body());
  EXPECT_EQ(body["chat_id"], "@qazvin_news");
  EXPECT_EQ(body["message_id"], 42) << "a number, as the Bot API takes it";
  EXPECT_EQ(body["parse_mode"], "HTML");
  EXPECT_NE(body["text"].get<std::string>().find("عنوان اصلاح‌شده"), std::string::npos);
}

TEST(BotApiEdit, PhotoMessageGetsItsCaptionEdited) {
  Peer peer([](const auto&) { return Json(200, R"({"ok":true,"result":{"message_id":7}})"); });
  OutMessage m;
  m.content = LongRelease(300);
  m.content.photo_urls = {"https://news.example.ir/media/1/large"};
  ASSERT_TRUE(Bot(peer.base())->Edit(m, "7").ok);
  const auto received = peer.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].target(), std::string("/bot") + kToken + "/editMessageCaption");
  auto body = nlohmann::json::parse(received[0].body());
  EXPECT_TRUE(body.contains("caption"));
  EXPECT_FALSE(body.contains("text"));
}

TEST(BotApiEdit, NotModifiedAndAlreadyDeletedCountAsDone) {
  Peer same([](const auto&) {
    return Json(
        400,
        R"({"ok":false,"error_code":400,"description":"Bad Request: message is not modified: specified new message content and reply markup are exactly the same"})");
  });
  OutMessage m;
  m.content = LongRelease(1);
  EXPECT_TRUE(Bot(same.base())->Edit(m, "42").ok);
  Peer gone([](const auto&) {
    return Json(400,
                R"({"ok":false,"error_code":400,"description":"Bad Request: message to delete not found"})");
  });
  SendResult r = Bot(gone.base())->Remove("42");
  EXPECT_TRUE(r.ok) << r.error_code;
  const auto received = gone.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].target(), std::string("/bot") + kToken + "/deleteMessage");
  auto body = nlohmann::json::parse(received[0].body());
  EXPECT_EQ(body["message_id"], 42);
  EXPECT_EQ(body["chat_id"], "@qazvin_news");
}

TEST(BotApiEdit, ErrorsArePersianAndPermanentWhereRetryCannotHelp) {
  Peer old([](const auto&) {
    return Json(
        400,
        R"({"ok":false,"error_code":400,"description":"Bad Request: message can't be deleted for everyone"})");
  });
  SendResult r = Bot(old.base())->Remove("42");
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.retryable);
  EXPECT_EQ(r.error_code, "message_locked");
  EXPECT_EQ(r.detail, "HTTP 400");
  Peer busy([](const auto&) { return Json(502, "{}"); });
  SendResult b = Bot(busy.base())->Remove("42");
  EXPECT_FALSE(b.ok);
  EXPECT_TRUE(b.retryable) << "a 5xx is retried";
  Peer never([](const auto&) { return Json(200, "{}"); });
  SendResult n = Bot(never.base())->Remove("");
  EXPECT_EQ(n.error_code, "no_message_id");
  EXPECT_TRUE(never.received().empty()) << "nothing sent without a message id";
}

TEST(OtherKindsEdit, EitaaAndMailHaveNoEditNorDelete) {
  Peer peer([](const auto&) { return Json(200, R"({"ok":true,"result":{"message_id":1}})"); });
  auto eitaa =
      ChannelConfig::FromJson("eitaa", nlohmann::json{{"chat_id", "@qazvin"}, {"base_url", peer.base()}});
  ASSERT_TRUE(eitaa.ok());
  OutMessage m;
  m.content = LongRelease(1);
  EXPECT_EQ(MakeAdapter(*eitaa, "eitaa-token-1")->Edit(m, "1").error_code, "unsupported_operation");
  EXPECT_EQ(MakeAdapter(*eitaa, "eitaa-token-1")->Remove("1").error_code, "unsupported_operation");
  EXPECT_TRUE(peer.received().empty());
}

TEST(WebhookEvent, TheEventNameIsThePayloads) {
  Peer peer([](const auto&) { return Json(200, "{}"); });
  auto config = ChannelConfig::FromJson("webhook", nlohmann::json{{"url", peer.base() + "/hook"}});
  ASSERT_TRUE(config.ok());
  OutMessage m;
  m.delivery_id = 5;
  m.now_ms = 1795000000000;
  m.payload = {{"event", "release.withdrawn"}, {"release", {{"id", 7}}}};
  ASSERT_TRUE(MakeAdapter(*config, "key")->Send(m).ok);
  const auto received = peer.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["X-Pol-Event"], "release.withdrawn");
}

}  // namespace
}  // namespace pol::distribution
