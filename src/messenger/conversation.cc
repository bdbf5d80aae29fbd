#include "messenger/conversation.h"

#include "citizen/request_types.h"
#include "citizen/tracking_code.h"
#include "text/identifiers.h"
#include "text/number_words.h"

namespace pol::messenger {
namespace {

using nlohmann::json;
using Kind = Incoming::Kind;

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

json RemoveKeyboard() { return json{{"remove_keyboard", true}}; }

json TypeKeyboard() {
  json rows = json::array();
  json row = json::array();
  for (const auto& t : citizen::RequestTypes()) {
    row.push_back(json{{"text", t.name}});
    if (row.size() == 2) {
      rows.push_back(row);
      row = json::array();
    }
  }
  if (!row.empty()) rows.push_back(row);
  rows.push_back(json::array({json{{"text", kCancelButton}}}));
  return json{{"keyboard", rows}, {"resize_keyboard", true}, {"one_time_keyboard", true}};
}

json SendKeyboard() {
  return json{
      {"keyboard", json::array({json::array({json{{"text", kSendButton}}, json{{"text", kCancelButton}}})})},
      {"resize_keyboard", true}};
}

json ContactKeyboard() {
  return json{
      {"keyboard",
       json::array({json::array({json{{"text", "فرستادن شمارهٔ همراه من"}, {"request_contact", true}}}),
                    json::array({json{{"text", kCancelButton}}})})},
      {"resize_keyboard", true},
      {"one_time_keyboard", true}};
}

json SkipKeyboard() {
  return json{
      {"keyboard", json::array({json::array({json{{"text", kSkipButton}}, json{{"text", kCancelButton}}})})},
      {"resize_keyboard", true},
      {"one_time_keyboard", true}};
}

json ConfirmKeyboard() {
  return json{{"inline_keyboard",
               json::array({json::array({json{{"text", "ثبت درخواست"}, {"callback_data", kConfirmData}},
                                         json{{"text", kCancelButton}, {"callback_data", kCancelData}}})})}};
}

const char kHelp[] =
    "راهنما:\n/new — درخواست تازه (پرسش، شکایت، انتقاد، پیشنهاد، قدردانی یا گزارش)\n"
    "/status کد — پیگیری درخواست با کد رهگیری (یا فقط کد را بفرستید)\n/cancel — انصراف از درخواست نیمه‌کاره\n"
    "/help — همین راهنما";
const char kDefaultWelcome[] =
    "سلام! از این ربات می‌توانید درخواست، شکایت یا پیشنهاد خود را برای دستگاه بفرستید و "
    "پاسخ را همین‌جا بگیرید.";

Step Say(ChatState next, std::string text, json markup = nullptr) {
  Step s{.next = std::move(next)};
  s.replies.push_back(Reply{std::move(text), std::move(markup)});
  return s;
}

Step AskType(ChatState fresh, std::string prefix = "") {
  fresh = ChatState{};
  fresh.state = "type";
  return Say(fresh, prefix + "نوع درخواست را انتخاب کنید:", TypeKeyboard());
}

std::string TypeCode(const std::string& text) {
  for (const auto& t : citizen::RequestTypes()) {
    if (text == t.name || text == t.code) return t.code;
  }
  return "";
}

size_t TotalChars(const std::vector<std::string>& parts) {
  size_t n = 0;
  for (const auto& p : parts) n += p.size();
  return n;
}

std::string Summary(const ChatState& s) {
  std::string text;
  for (const auto& p : s.parts) text += (text.empty() ? "" : "\n") + p;
  std::string out = "خلاصهٔ درخواست شما:\nنوع: " + citizen::TypeName(s.type) + "\nمتن: " + text;
  if (!s.photos.empty()) out += "\nعکس‌ها: " + text::ToPersianDigits(std::to_string(s.photos.size()));
  out += "\nشمارهٔ همراه: " + text::ToPersianDigits(citizen::MaskMobile(s.mobile));
  if (!s.national_code.empty()) out += "\nکد ملی: ثبت شد";
  return out + "\nاگر درست است «ثبت درخواست» را بزنید.";
}

Step AskConfirm(ChatState s) {
  s.state = "confirm";
  Step step{.next = s};
  step.replies.push_back(Reply{"بسیار خوب.", RemoveKeyboard()});
  step.replies.push_back(Reply{Summary(s), ConfirmKeyboard()});
  return step;
}

Step Unknown(const ChatState& s) {
  return Say(
      s,
      "این نوع پیام (برچسب، صدا، پرونده و مانند آن) را نمی‌توانیم بخوانیم؛ لطفاً متن بنویسید یا عکس بفرستید.");
}

// Commands and the tracking code alone work in every state.
bool Command(const ChatState& s, const Incoming& in, const ConversationOptions& o, Step& out) {
  if (in.kind != Kind::kText) return false;
  const std::string t = Trim(in.text);
  auto starts = [&](const char* cmd) {
    const std::string c = cmd;
    return t == c || t.rfind(c + " ", 0) == 0 || t.rfind(c + "@", 0) == 0;
  };
  if (starts("/start")) {
    Step st = AskType(s);
    st.replies.insert(st.replies.begin(), Reply{o.welcome.empty() ? kDefaultWelcome : o.welcome, nullptr});
    out = st;
    return true;
  }
  if (starts("/new")) return out = AskType(s), true;
  if (starts("/cancel") || (t == kCancelButton && s.state != "idle")) {
    out = Say(
        ChatState{},
        "درخواست نیمه‌کاره کنار گذاشته شد. برای درخواست تازه /new را بفرستید.",
        RemoveKeyboard());
    return true;
  }
  if (starts("/help")) return out = Say(s, kHelp), true;
  std::string code_text;
  if (starts("/status")) {
    code_text = Trim(t.substr(std::string("/status").size()));
    if (code_text.empty())
      return out = Say(s, "کد رهگیری را پس از /status بنویسید، مانند: /status ۱۲۳۴۵۶۷۸۹۰"), true;
  } else if (s.state != "otp" && s.state != "national") {
    code_text = t;
  }
  if (code_text.empty()) return false;
  auto code = citizen::NormalizeTrackingCode(code_text);
  if (!code) {
    if (t.rfind("/status", 0) == 0)
      return out = Say(s, "این کد رهگیری درست نیست؛ ده رقم آن را دوباره بفرستید."), true;
    return false;
  }
  out = Step{.next = s, .action = Action::kStatus, .arg = *code};
  return true;
}

}  // namespace

json ChatState::ToJson() const {
  return json{{"type", type},
              {"parts", parts},
              {"photos", photos},
              {"mobile", mobile},
              {"mobile_verified", mobile_verified},
              {"national_code", national_code},
              {"tracking_code", tracking_code}};
}

ChatState ChatState::FromJson(const std::string& state, const json& d) {
  ChatState s;
  s.state = state.empty() ? "idle" : state;
  if (!d.is_object()) return s;
  s.type = d.value("type", "");
  if (d.contains("parts") && d["parts"].is_array()) s.parts = d["parts"].get<std::vector<std::string>>();
  if (d.contains("photos") && d["photos"].is_array()) s.photos = d["photos"].get<std::vector<std::string>>();
  s.mobile = d.value("mobile", "");
  s.mobile_verified = d.value("mobile_verified", false);
  s.national_code = d.value("national_code", "");
  s.tracking_code = d.value("tracking_code", "");
  return s;
}

Step Advance(const ChatState& s, const Incoming& in, const ConversationOptions& o) {
  Step cmd;
  if (Command(s, in, o, cmd)) return cmd;
  if (in.kind == Kind::kOther) return Unknown(s);
  const std::string t = Trim(in.text);

  if (s.state == "type") {
    const std::string code = in.kind == Kind::kText ? TypeCode(t) : "";
    if (code.empty())
      return Say(s, "لطفاً یکی از دکمه‌های نوع درخواست را بزنید.",
                 TypeKeyboard());
    ChatState n = s;
    n.type = code;
    n.state = "text";
    return Say(
        n,
        "متن " + citizen::TypeName(code) +
            " را بنویسید. می‌توانید چند پیام و تا سه عکس بفرستید؛ در پایان «ارسال» را بزنید.",
        SendKeyboard());
  }
  if (s.state == "text") {
    ChatState n = s;
    if (in.kind == Kind::kPhoto) {
      if (n.photos.size() >= o.max_photos)
        return Say(s, "بیش از سه عکس نمی‌شود فرستاد.");
      if (in.file_size > o.max_photo_bytes) return Say(s, "این عکس بیش از اندازهٔ مجاز است.");
      n.photos.push_back(in.file_id);
      if (!t.empty()) n.parts.push_back(t);
      return Say(n, "عکس دریافت شد.");
    }
    if (in.kind != Kind::kText) return Say(s, "متن درخواست را بنویسید یا «ارسال» را بزنید.", SendKeyboard());
    if (t == kSendButton) {
      if (n.parts.empty())
        return Say(s, "هنوز متنی ننوشته‌اید؛ متن درخواست را بنویسید.",
                   SendKeyboard());
      n.state = "contact";
      return Say(n,
                 "برای پیگیری، شمارهٔ همراه خود را با دکمهٔ زیر بفرستید (یا آن را بنویسید تا کد تأیید پیامک "
                 "شود).",
                 ContactKeyboard());
    }
    if (t.empty()) return Say(s, "پیام خالی بود.");
    if (TotalChars(n.parts) + t.size() > o.max_text_chars)
      return Say(
          s,
          "متن درخواست بیش از اندازه بلند است؛ آن را کوتاه‌تر کنید یا «ارسال» را بزنید.",
          SendKeyboard());
    n.parts.push_back(t);
    return Say(n, "دریافت شد. ادامه دهید یا «ارسال» را بزنید.", SendKeyboard());
  }
  if (s.state == "contact") {
    ChatState n = s;
    std::optional<std::string> mobile;
    if (in.kind == Kind::kContact) {
      mobile = text::NormalizeIranianMobile(in.contact_phone);
      n.mobile_verified = mobile && in.contact_own;
    } else if (in.kind == Kind::kText) {
      mobile = text::NormalizeIranianMobile(t);
      n.mobile_verified = false;
    }
    if (!mobile) return Say(s, "شمارهٔ همراه ایرانی درست نیست؛ دوباره بفرستید.", ContactKeyboard());
    n.mobile = *mobile;
    n.state = "national";
    return Say(n, "کد ملی خود را بنویسید (اختیاری؛ برای رد شدن «رد شدن» را بزنید).", SkipKeyboard());
  }
  if (s.state == "national") {
    ChatState n = s;
    if (in.kind == Kind::kText && t == kSkipButton) return AskConfirm(n);
    auto nc = in.kind == Kind::kText ? text::NormalizeNationalCode(t) : std::nullopt;
    if (!nc) return Say(s, "کد ملی درست نیست؛ دوباره بنویسید یا «رد شدن» را بزنید.", SkipKeyboard());
    n.national_code = *nc;
    return AskConfirm(n);
  }
  if (s.state == "confirm") {
    if (in.kind == Kind::kCallback && in.callback_data == kConfirmData)
      return Step{.next = s, .action = Action::kSubmit};
    if (in.kind == Kind::kCallback && in.callback_data == kCancelData)
      return Say(ChatState{}, "درخواست ثبت نشد. برای درخواست تازه /new را بفرستید.", RemoveKeyboard());
    return Say(s, "برای ثبت، دکمهٔ «ثبت درخواست» را بزنید یا «انصراف» را.", ConfirmKeyboard());
  }
  if (s.state == "otp") {
    const std::string digits = text::ToLatinDigits(t);
    if (in.kind == Kind::kText && !digits.empty() &&
        digits.find_first_not_of("0123456789") == std::string::npos)
      return Step{.next = s, .action = Action::kVerifyOtp, .arg = digits};
    return Say(s, "کد تأییدی را که پیامک شد بنویسید (فقط رقم‌ها).");
  }
  // idle
  if (in.kind == Kind::kCallback) return Say(s, "این دکمه دیگر کار نمی‌کند.");
  return Say(s, std::string("برای فرستادن درخواست تازه /new را بفرستید.\n") + kHelp);
}

Reply SubmittedReply(const std::string& tracking_code, bool needs_otp) {
  std::string text = "درخواست شما ثبت شد. کد رهگیری: " + citizen::DisplayTrackingCode(tracking_code);
  if (needs_otp)
    text +=
        "\nکد تأییدی به شمارهٔ همراه شما پیامک شد؛ آن را همین‌جا بنویسید تا درخواست بررسی شود.";
  else
    text += "\nپاسخ دستگاه در همین گفتگو فرستاده می‌شود.";
  return Reply{text, json{{"remove_keyboard", true}}};
}

Reply VerifiedReply(const std::string& tracking_code) {
  return Reply{
      "شمارهٔ همراه تأیید شد و درخواست " + citizen::DisplayTrackingCode(tracking_code) +
          " به دستگاه مسئول رفت. پاسخ در همین گفتگو فرستاده می‌شود.",
      nullptr};
}

Reply StatusReply(const std::string& tracking_code, const std::string& state_name,
                  const std::string& agency) {
  std::string text = "درخواست " + citizen::DisplayTrackingCode(tracking_code) + ": " + state_name;
  if (!agency.empty()) text += "\nدستگاه: " + agency;
  return Reply{text, nullptr};
}

Reply ErrorReply(const std::string& message) { return Reply{message, nullptr}; }

}  // namespace pol::messenger
