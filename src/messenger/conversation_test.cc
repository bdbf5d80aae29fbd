// The conversation as a table: state × update → new state, replies, action.
#include "messenger/conversation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "citizen/tracking_code.h"

namespace pol::messenger {
namespace {

using Kind = Incoming::Kind;

Incoming Text(std::string t) { return Incoming{.kind = Kind::kText, .text = std::move(t)}; }
Incoming Contact(std::string phone, bool own) {
  return Incoming{.kind = Kind::kContact, .contact_phone = std::move(phone), .contact_own = own};
}
Incoming Photo(std::string id, int64_t size) {
  return Incoming{.kind = Kind::kPhoto, .file_id = std::move(id), .file_size = size};
}
Incoming Callback(std::string data) {
  return Incoming{.kind = Kind::kCallback, .callback_data = std::move(data)};
}
Incoming Other() { return Incoming{.kind = Kind::kOther}; }

ChatState In(std::string state) {
  ChatState s;
  s.state = std::move(state);
  s.type = "complaint";
  s.parts = {"آب محله قطع است"};
  s.mobile = "09121234567";
  s.mobile_verified = true;
  return s;
}

std::string ValidCode() {
  const std::string base = "123456789";
  return base + std::to_string(citizen::VerhoeffCheckDigit(base));
}

struct Row {
  std::string name;
  ChatState from;
  Incoming in;
  std::string to;  // the new state
  Action action = Action::kNone;
  size_t min_replies = 1;
};

std::vector<Row> Table() {
  const ChatState idle;
  return {
      {"start welcomes and asks the type", idle, Text("/start"), "type", Action::kNone, 2},
      {"new asks the type", In("text"), Text("/new"), "type"},
      {"help keeps the state", In("text"), Text("/help"), "text"},
      {"cancel anywhere", In("national"), Text("/cancel"), "idle"},
      {"cancel button", In("contact"), Text("انصراف"), "idle"},
      {"unknown type is asked again", In("type"), Text("چیز دیگر"), "type"},
      {"type by its Persian name", In("type"), Text("شکایت"), "text"},
      {"text is gathered", In("text"), Text("ادامهٔ متن"), "text"},
      {"send with text asks the contact", In("text"), Text("ارسال"), "contact"},
      {"photo is kept", In("text"), Photo("f1", 1000), "text"},
      {"too big a photo is refused", In("text"), Photo("f1", 10 << 20), "text"},
      {"a sticker is answered politely", In("text"), Other(), "text"},
      {"own contact", In("contact"), Contact("+989121234567", true), "national"},
      {"typed mobile", In("contact"), Text("۰۹۱۲۱۲۳۴۵۶۷"), "national"},
      {"bad mobile", In("contact"), Text("12"), "contact"},
      {"skip the national code", In("national"), Text("رد شدن"), "confirm", Action::kNone, 2},
      {"a wrong national code", In("national"), Text("1234567890"), "national"},
      {"a valid national code", In("national"), Text("0499370899"), "confirm", Action::kNone, 2},
      {"confirm submits", In("confirm"), Callback("confirm"), "confirm", Action::kSubmit, 0},
      {"cancel button in confirm", In("confirm"), Callback("cancel"), "idle"},
      {"text in confirm asks for the button", In("confirm"), Text("بله"), "confirm"},
      {"status command", idle, Text("/status " + ValidCode()), "idle", Action::kStatus, 0},
      {"status with a bad code", idle, Text("/status 1234"), "idle"},
      {"a tracking code alone", In("text"), Text(ValidCode()), "text", Action::kStatus, 0},
      {"otp digits verify", In("otp"), Text("۱۲۳۴۵"), "otp", Action::kVerifyOtp, 0},
      {"otp letters are refused", In("otp"), Text("abc"), "otp"},
      {"idle text gets the help", idle, Text("سلام"), "idle"},
  };
}

TEST(Conversation, Table) {
  for (const Row& r : Table()) {
    SCOPED_TRACE(r.name);
    Step s = Advance(r.from, r.in, ConversationOptions{});
    EXPECT_EQ(s.next.state, r.to);
    EXPECT_EQ(s.action, r.action);
    EXPECT_GE(s.replies.size(), r.min_replies);
  }
}

TEST(Conversation, GathersUntilSendAndKeepsWhatCame) {
  ChatState s;
  s = Advance(s, Text("/new"), {}).next;
  s = Advance(s, Text("پیشنهاد"), {}).next;
  EXPECT_EQ(s.type, "suggestion");
  s = Advance(s, Text("بخش اول"), {}).next;
  s = Advance(s, Text("بخش دوم"), {}).next;
  s = Advance(s, Photo("file-1", 1000), {}).next;
  EXPECT_EQ(s.parts, (std::vector<std::string>{"بخش اول", "بخش دوم"}));
  EXPECT_EQ(s.photos, (std::vector<std::string>{"file-1"}));
  s = Advance(s, Text("ارسال"), {}).next;
  s = Advance(s, Contact("989121234567", false), {}).next;  // someone else's contact: not verified
  EXPECT_EQ(s.mobile, "09121234567");
  EXPECT_FALSE(s.mobile_verified);
  Step last = Advance(s, Text("رد شدن"), {});
  EXPECT_EQ(last.next.state, "confirm");
  ASSERT_EQ(last.replies.size(), 2u);
  EXPECT_TRUE(last.replies[1].reply_markup.contains("inline_keyboard"));
}

TEST(Conversation, SendWithoutTextIsRefusedAndCapsHold) {
  ChatState s;
  s.state = "text";
  s.type = "question";
  EXPECT_EQ(Advance(s, Text("ارسال"), {}).next.state, "text");
  ConversationOptions tight{.max_text_chars = 10, .max_photos = 1};
  s.parts = {"12345678"};
  EXPECT_EQ(Advance(s, Text("abcdef"), tight).next.parts.size(), 1u);  // over the cap: not added
  s.photos = {"a"};
  EXPECT_EQ(Advance(s, Photo("b", 10), tight).next.photos.size(), 1u);
}

TEST(Conversation, ContactButtonAsksForTheContact) {
  ChatState s;
  s.state = "text";
  s.type = "question";
  s.parts = {"متن"};
  Step st = Advance(s, Text("ارسال"), {});
  ASSERT_FALSE(st.replies.empty());
  EXPECT_TRUE(st.replies[0].reply_markup["keyboard"][0][0].value("request_contact", false));
}

TEST(Conversation, StateSurvivesJson) {
  ChatState s = In("national");
  s.photos = {"p"};
  s.national_code = "0499370899";
  ChatState back = ChatState::FromJson(s.state, s.ToJson());
  EXPECT_EQ(back.state, "national");
  EXPECT_EQ(back.parts, s.parts);
  EXPECT_EQ(back.photos, s.photos);
  EXPECT_EQ(back.mobile, s.mobile);
  EXPECT_TRUE(back.mobile_verified);
  EXPECT_EQ(back.national_code, s.national_code);
  EXPECT_EQ(ChatState::FromJson("", nullptr).state, "idle");
}

}  // namespace
}  // namespace pol::messenger
