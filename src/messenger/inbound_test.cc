// MessengerService's inbound path on a real SQLite data folder: a polled page (HandleUpdates) commits its
// conversation steps together and ends in the same state as the same updates handled one by one; an update
// handled before is not handled again; the polling offset follows the committed updates; the per-chat limit
// counted in the database holds across two services (two nodes) as on one.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "messenger/testing/service_fixture.h"
#include "store/messenger_repo.h"

namespace pol::messenger {
namespace {

using nlohmann::json;

class InboundTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_.Open("pol-messenger-inbound-test", 0).ok()); }

  store::MessengerChat Chat(int64_t chat) {
    store::MessengerChat out;
    EXPECT_TRUE(f_.db
                    ->Read([&](store::Conn& c) -> Status {
                      POL_ASSIGN_OR_RETURN(auto got,
                                           store::GetMessengerChat(c, f_.bot.id, std::to_string(chat)));
                      if (got) out = *got;
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }
  int64_t Offset() {
    int64_t offset = -1;
    EXPECT_TRUE(f_.db
                    ->Read([&](store::Conn& c) -> Status {
                      POL_ASSIGN_OR_RETURN(auto b, store::GetMessengerBot(c, f_.bot.id));
                      offset = b.poll_offset;
                      return Status::Ok();
                    })
                    .ok());
    return offset;
  }
  int64_t Replies(int64_t chat) {
    int64_t n = 0;
    EXPECT_TRUE(f_.db
                    ->Read([&](store::Conn& c) -> Status {
                      POL_ASSIGN_OR_RETURN(
                          auto row, c.QueryOne("SELECT COUNT(*) FROM jobs WHERE kind = ? AND payload LIKE ?",
                                               {std::string(kSendJobKind),
                                                "%\"chat_id\":\"" + std::to_string(chat) + "\"%"}));
                      n = row.Int(0);
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  testing::ServiceFixture f_;
};

const std::vector<std::string> kSteps = {"/new", "شکایت", "بخش اول متن", "بخش دوم متن", "ارسال"};

TEST_F(InboundTest, APageEndsWhereOneByOneEnds) {
  // Two chats interleaved in one page; a third chat gets the same steps one update at a time.
  json page = json::array();
  for (const auto& step : kSteps) {
    page.push_back(f_.TextUpdate(71, step));
    page.push_back(f_.TextUpdate(72, step));
  }
  auto handled = f_.service->HandleUpdates(f_.bot, page);
  ASSERT_TRUE(handled.ok()) << handled.status().ToString();
  EXPECT_EQ(*handled, 10);
  EXPECT_EQ(Offset(), f_.next_update);
  for (const auto& step : kSteps)
    ASSERT_TRUE(f_.service->HandleUpdate(f_.bot, f_.TextUpdate(73, step), true).ok());

  const store::MessengerChat one_by_one = Chat(73);
  EXPECT_EQ(one_by_one.state, "contact");  // «ارسال» asks for the mobile
  for (int64_t chat : {71, 72}) {
    const store::MessengerChat paged = Chat(chat);
    EXPECT_EQ(paged.state, one_by_one.state) << chat;
    EXPECT_EQ(paged.data, one_by_one.data) << chat;  // type and both parts, in order
    EXPECT_EQ(Replies(chat), Replies(73)) << chat;
  }
  const json data = json::parse(one_by_one.data);
  EXPECT_EQ(data.value("type", ""), "complaint");
  EXPECT_EQ(data["parts"], json::array({"بخش اول متن", "بخش دوم متن"}));
}

TEST_F(InboundTest, AnUpdateHandledBeforeIsNotHandledAgain) {
  const json first = f_.TextUpdate(81, "/new");
  ASSERT_TRUE(f_.service->HandleUpdate(f_.bot, first, true).ok());
  const int64_t replies = Replies(81);
  ASSERT_GT(replies, 0);
  // The same update comes again at the head of a page (a restart before the offset reached the Bot API).
  json page = json::array({first, f_.TextUpdate(81, "پرسش")});
  auto handled = f_.service->HandleUpdates(f_.bot, page);
  ASSERT_TRUE(handled.ok());
  EXPECT_EQ(*handled, 2);
  EXPECT_EQ(Chat(81).state, "text");  // /new once, then the type
  EXPECT_EQ(Replies(81), replies + 1);
  EXPECT_EQ(Offset(), f_.next_update);
}

TEST_F(InboundTest, AMalformedUpdateStopsThePageAfterWhatCameBefore) {
  json page = json::array({f_.TextUpdate(91, "/new"), json{{"update_id", "x"}}, f_.TextUpdate(91, "پرسش")});
  auto handled = f_.service->HandleUpdates(f_.bot, page);
  ASSERT_TRUE(handled.ok());
  EXPECT_EQ(*handled, 1);
  EXPECT_EQ(Chat(91).state, "type");                                     // only /new took effect
  EXPECT_EQ(Offset(), page[0]["update_id"].get<int64_t>() + 1);          // the rest comes again
  EXPECT_FALSE(f_.service->HandleUpdates(f_.bot, json::object()).ok());  // not a page at all
}

// Two nodes on one database (MessengerOptions::shared_limits): a chat's updates alternating between two
// services meet the per-chat limit at the same count as on one — the same replies, one notice — while
// two services counting in memory let through each its own budget.
TEST_F(InboundTest, ThePerChatLimitCountedInTheDatabaseHoldsAcrossTwoServices) {
  auto make = [&](bool shared) {
    return std::make_unique<MessengerService>(
        f_.db.get(), Env::Default(), f_.queue.get(), f_.requests.get(),
        distribution::SecretBox::FromKey(std::string(32, 'k')),
        MessengerOptions{.per_chat_per_minute = 4, .shared_limits = shared});
  };
  auto flood = [&](MessengerService& x, MessengerService& y, int64_t chat) {
    for (int i = 0; i < 12; ++i) {
      MessengerService& node = i % 2 ? y : x;
      EXPECT_TRUE(node.HandleUpdate(f_.bot, f_.TextUpdate(chat, "سلام " + std::to_string(i)), false).ok());
    }
    return Replies(chat);
  };
  auto one = make(true);
  const int64_t on_one_node = flood(*one, *one, 61);
  auto a = make(true), b = make(true);
  EXPECT_EQ(flood(*a, *b, 62), on_one_node);
  auto c = make(false), d = make(false);
  EXPECT_GT(flood(*c, *d, 63), on_one_node);  // in memory: each node's own budget
}

}  // namespace
}  // namespace pol::messenger
