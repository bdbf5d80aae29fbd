// Staff members' chats: the code's shape; a code sent to the council's bot links the chat once, audited, and
// answers in Persian; a used, unknown or expired code links nothing; only the owner unlinks.
#include <gtest/gtest.h>

#include <string>

#include "messenger/messenger_policy.h"
#include "messenger/staff_link_code.h"
#include "messenger/testing/service_fixture.h"
#include "store/messenger_repo_staff.h"
#include "store/user_repo.h"

namespace pol::messenger {
namespace {

TEST(StaffLinkCode, ReadsTheCodeAndNothingElse) {
  const std::string code = NewStaffLinkCode(Env::Default());
  ASSERT_EQ(code.size(), 14u);
  EXPECT_EQ(StaffLinkCodeIn(code).value_or(""), code);
  EXPECT_EQ(StaffLinkCodeIn("/start " + code).value_or(""), code);
  EXPECT_EQ(StaffLinkCodeIn("  " + code + "\n").value_or(""), code);
  EXPECT_EQ(StaffLinkCodeIn("POL-ABCDEFGH23").value_or(""), "pol-abcdefgh23");
  EXPECT_EQ(StaffLinkCodeIn("pol-abcdefgh۲۳").value_or(""), "pol-abcdefgh23");  // Persian digits
  EXPECT_NE(NewStaffLinkCode(Env::Default()), code);
  for (const char* not_a_code : {"/start", "/new", "pol-abcdefgh2", "pol-abcdefgh234", "pol-abcdefgh1l",
                                 "/startpol-abcdefgh23", "xol-abcdefgh23", "شکایت دارم pol-abcdefgh23", ""}) {
    EXPECT_FALSE(StaffLinkCodeIn(not_a_code).has_value()) << not_a_code;
  }
  EXPECT_NE(StaffLinkCodeHash(code), code);
  EXPECT_EQ(StaffLinkCodeHash(code).size(), 64u);
}

class StaffChatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(f_.Open("pol-messenger-staff-test", 0).ok());
    ASSERT_TRUE(f_.db
                    ->Read([&](store::Conn& c) -> Status {
                      for (const char* name : {"committee", "admin"}) {
                        POL_ASSIGN_OR_RETURN(auto u,
                                             store::FindUserByLogin(c, name, store::LoginColumn::kUsername));
                        if (!u) return NotFound(name);
                        (std::string(name) == "admin" ? admin_ : member_) = accounts::Principal{
                            .user_id = u->id, .username = u->username, .name = u->name, .grants = u->roles};
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(f_.db
                    ->Read([&](store::Conn& c) -> Status {
                      POL_ASSIGN_OR_RETURN(auto row, c.QueryOne(sql));
                      n = row.Int(0);
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }
  int64_t Replies(int64_t chat, const std::string& words) {
    return Count("SELECT COUNT(*) FROM jobs WHERE kind = 'messenger.send' AND payload LIKE '%\"chat_id\":\"" +
                 std::to_string(chat) + "\"%" + words + "%'");
  }

  testing::ServiceFixture f_;
  accounts::Principal member_, admin_;
};

TEST_F(StaffChatsTest, ACodeLinksTheChatOnceAndOnlyItsOwnerUnlinksIt) {
  const accounts::Actor member{.principal = &member_, .ip = "test"};
  auto offer = f_.service->IssueStaffLinkCode(member);
  ASSERT_TRUE(offer.ok()) << offer.status().ToString();
  ASSERT_EQ(offer->bots.size(), 1u);  // the fixture's bot, of the member's council; no token in it
  EXPECT_TRUE(offer->bots[0].token.empty());
  const int64_t audit = Count("SELECT COUNT(*) FROM audit_log");

  // A citizen's conversation in another chat is not disturbed; the code links chat 601.
  ASSERT_TRUE(f_.service->HandleUpdate(f_.bot, f_.TextUpdate(601, "/start " + offer->code), true).ok());
  auto chats = f_.service->ListStaffChats(member);
  ASSERT_TRUE(chats.ok());
  ASSERT_EQ(chats->size(), 1u);
  EXPECT_EQ((*chats)[0].chat_id, "601");
  EXPECT_EQ((*chats)[0].bot_id, f_.bot.id);
  EXPECT_EQ(Replies(601, "وصل شد"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'messenger_link'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audit + 1);

  // The same code again, from another chat: used, nothing linked, a Persian refusal.
  ASSERT_TRUE(f_.service->HandleUpdate(f_.bot, f_.TextUpdate(602, offer->code), true).ok());
  EXPECT_EQ(Replies(602, "معتبر نیست"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_chats"), 1);

  // The committee's notices find the chat for the council.
  ASSERT_TRUE(
      f_.db
          ->Read([&](store::Conn& c) -> Status {
            POL_ASSIGN_OR_RETURN(auto to, store::StaffChatForCouncil(c, member_.user_id, f_.council_id));
            EXPECT_TRUE(to.has_value());
            POL_ASSIGN_OR_RETURN(auto none, store::StaffChatForCouncil(c, admin_.user_id, f_.council_id));
            EXPECT_FALSE(none.has_value());
            return Status::Ok();
          })
          .ok());

  // Someone else's link is unknown to them; the owner unlinks it, audited.
  const accounts::Actor other{.principal = &admin_, .ip = "test"};
  EXPECT_EQ(f_.service->UnlinkStaffChat(other, (*chats)[0].id).code(), StatusCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_chats"), 1);
  ASSERT_TRUE(f_.service->UnlinkStaffChat(member, (*chats)[0].id).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_chats"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'messenger_unlink'"), 1);
}

TEST_F(StaffChatsTest, ANewCodeReplacesTheOldAndAnExpiredOneLinksNothing) {
  const accounts::Actor member{.principal = &member_, .ip = "test"};
  auto first = f_.service->IssueStaffLinkCode(member);
  auto second = f_.service->IssueStaffLinkCode(member);
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(f_.service->HandleUpdate(f_.bot, f_.TextUpdate(611, first->code), true).ok());
  EXPECT_EQ(Replies(611, "معتبر نیست"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_chats"), 0);
  // Expiry is the store's: a code taken after its time gives no user (and is gone).
  ASSERT_TRUE(f_.db
                  ->Write([&](store::Conn& c) -> Status {
                    POL_RETURN_IF_ERROR(store::ReplaceStaffLinkCode(c, member_.user_id, "h", 1000, 0));
                    POL_ASSIGN_OR_RETURN(auto late, store::TakeStaffLinkCode(c, "h", 2000));
                    EXPECT_FALSE(late.has_value());
                    POL_RETURN_IF_ERROR(store::ReplaceStaffLinkCode(c, member_.user_id, "h", 3000, 0));
                    POL_ASSIGN_OR_RETURN(auto in_time, store::TakeStaffLinkCode(c, "h", 2000));
                    EXPECT_EQ(in_time.value_or(0), member_.user_id);
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace pol::messenger
