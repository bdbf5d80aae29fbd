// The conversation of a citizen with an agency's bot, as a pure state machine: (state, incoming update)
// → (new state, replies to send, an action for the service). No I/O: the service (bots.h) loads the
// state, calls Advance, performs the action (filing the request, looking a status up, checking a one-time
// code) and stores the new state with the update's offset in one transaction.
//
// States: idle → type (reply keyboard of the request types) → text (messages and photos gathered until
// «ارسال») → contact (the contact button; a typed mobile is accepted but must be verified by SMS code)
// → national (optional national code, «رد شدن» skips) → confirm (inline «ثبت» / «انصراف») → [submit]
// → idle, or otp (the one-time code of a typed mobile) → [verify] → idle.
// Commands anywhere: /start (welcome, then type), /new (type), /status CODE or a tracking code alone
// (status), /cancel (idle), /help.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pol::messenger {

// What came in, reduced to what the conversation needs (bots.cc parses the Bot API update).
struct Incoming {
  enum class Kind { kText, kContact, kPhoto, kCallback, kOther };
  Kind kind = Kind::kText;
  std::string text;           // text, or a photo's caption
  std::string contact_phone;  // kContact
  bool contact_own = false;   // the contact's user_id is the sender's own
  std::string file_id;        // kPhoto: the largest size
  int64_t file_size = 0;
  std::string callback_data;  // kCallback
};

struct Reply {
  std::string text;
  nlohmann::json reply_markup;  // null: none; {"remove_keyboard":true} or a keyboard
};

struct ChatState {
  std::string state = "idle";
  std::string type;
  std::vector<std::string> parts;   // text messages gathered
  std::vector<std::string> photos;  // file ids
  std::string mobile;
  bool mobile_verified = false;
  std::string national_code;
  std::string tracking_code;  // the request awaiting its one-time code (state otp)

  nlohmann::json ToJson() const;
  static ChatState FromJson(const std::string& state, const nlohmann::json& data);
};

enum class Action { kNone, kSubmit, kStatus, kVerifyOtp };

struct Step {
  ChatState next;
  std::vector<Reply> replies;
  Action action = Action::kNone;
  std::string arg;  // kStatus: the tracking code (Latin digits); kVerifyOtp: the code typed
};

struct ConversationOptions {
  std::string welcome;           // the bot's welcome text ("" = the default)
  size_t max_text_chars = 5000;  // all parts together
  size_t max_photos = 3;         // like the portal's attachments
  int64_t max_photo_bytes = 600 * 1024;
};

Step Advance(const ChatState& s, const Incoming& in, const ConversationOptions& o);

// Texts the service sends after an action.
Reply SubmittedReply(const std::string& tracking_code, bool needs_otp);
Reply VerifiedReply(const std::string& tracking_code);
Reply StatusReply(const std::string& tracking_code, const std::string& state_name, const std::string& agency);
Reply ErrorReply(const std::string& message);
// Persian texts of the buttons (also what the service matches in callbacks).
inline constexpr char kSendButton[] = "ارسال";
inline constexpr char kCancelButton[] = "انصراف";
inline constexpr char kSkipButton[] = "رد شدن";
inline constexpr char kConfirmData[] = "confirm";
inline constexpr char kCancelData[] = "cancel";

}  // namespace pol::messenger
