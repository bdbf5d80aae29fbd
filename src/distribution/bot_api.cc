// Telegram and Bale over the Bot API: POST {base}/bot{token}/sendMessage|sendPhoto with a JSON body, HTML
// parse mode; a document with sendDocument as multipart/form-data (chat_id, caption as plain text,
// document: the file). Corrections: editMessageText / editMessageCaption (JSON: chat_id, message_id, text or
// caption, parse_mode HTML); withdrawals: deleteMessage (chat_id, message_id). Answers:
// {"ok":true,"result":{"message_id":…,"chat":{…}}} or {"ok":false,"error_code":…,"description":"…",
// "parameters":{"retry_after":N}}.
#include <cstdint>

#include "distribution/adapters.h"
#include "distribution/form_data.h"
#include "net/http_client.h"
#include "text/number_words.h"

namespace pol::distribution {
namespace {

using nlohmann::json;

class BotApiAdapter : public ChannelAdapter {
 public:
  BotApiAdapter(ChannelConfig c, std::string token) : c_(std::move(c)), token_(std::move(token)) {}

  SendResult Send(const OutMessage& m) override {
    const std::string base = c_.base_url.empty() ? DefaultBaseUrl(c_.kind) : c_.base_url;
    if (m.document && !m.test) return SendDocument(base, *m.document);
    json body{{"chat_id", c_.chat_id}, {"parse_mode", "HTML"}};
    std::string method;
    if (m.test) {
      method = "sendMessage";
      body["text"] = "پیام آزمایشی از «پل»: اتصال این کانال برقرار است.";
    } else if (!m.content.photo_urls.empty()) {
      method = "sendPhoto";
      body["photo"] = m.content.photo_urls.front();
      body["caption"] = ComposeMessenger(m.content, kCaptionLimit, true).text;
    } else {
      method = "sendMessage";
      body["text"] = ComposeMessenger(m.content, kTextLimit, true).text;
    }
    net::HttpRequest req{
        .url = base + "/bot" + token_ + "/" + method, .body = body.dump(), .limits = ChannelLimits()};
    return Answer(net::HttpSend(req));
  }

  SendResult Edit(const OutMessage& m, const std::string& message_id) override {
    json body{{"chat_id", c_.chat_id}, {"parse_mode", "HTML"}};
    if (!SetMessageId(body, message_id)) return BadMessageId();
    std::string method;
    if (!m.content.photo_urls.empty()) {
      method = "editMessageCaption";
      body["caption"] = ComposeMessenger(m.content, kCaptionLimit, true).text;
    } else {
      method = "editMessageText";
      body["text"] = ComposeMessenger(m.content, kTextLimit, true).text;
    }
    SendResult r = Call(method, body);
    if (!r.ok && r.error_code == "not_modified") return SendResult::Ok(message_id, "");
    if (r.ok) r.message_id = message_id;
    return r;
  }

  SendResult Remove(const std::string& message_id) override {
    json body{{"chat_id", c_.chat_id}};
    if (!SetMessageId(body, message_id)) return BadMessageId();
    SendResult r = Call("deleteMessage", body);
    if (!r.ok && r.error_code == "message_not_found") return SendResult::Ok(message_id, "");  // already gone
    if (r.ok) r.message_id = message_id;
    return r;
  }

 private:
  static bool SetMessageId(json& body, const std::string& id) {
    int64_t n = 0;
    for (char ch : id) {
      if (ch < '0' || ch > '9' || n > (INT64_MAX - 9) / 10) return false;
      n = n * 10 + (ch - '0');
    }
    if (id.empty() || n == 0) return false;
    body["message_id"] = n;
    return true;
  }
  static SendResult BadMessageId() {
    return SendResult::Fail(
        false, "no_message_id",
        "شناسهٔ پیام فرستاده‌شده در دست نیست؛ پیام را نمی‌توان ویرایش یا حذف کرد.",
        "no_message_id");
  }
  SendResult Call(const std::string& method, const json& body) {
    const std::string base = c_.base_url.empty() ? DefaultBaseUrl(c_.kind) : c_.base_url;
    net::HttpRequest req{
        .url = base + "/bot" + token_ + "/" + method, .body = body.dump(), .limits = ChannelLimits()};
    return Answer(net::HttpSend(req));
  }

  SendResult SendDocument(const std::string& base, const OutDocument& doc) {
    if (SendResult big = CheckDocumentSize(c_.kind, static_cast<int64_t>(doc.data.size()));
        !big.error_code.empty())
      return big;
    std::vector<FormPart> parts{{.name = "chat_id", .value = c_.chat_id}};
    if (!doc.caption.empty())
      parts.push_back({.name = "caption", .value = FitCaption(doc.caption, kCaptionLimit)});
    parts.push_back(
        {.name = "document", .value = doc.data, .filename = doc.file_name, .content_type = doc.content_type});
    FormData form = BuildFormData(parts);
    net::HttpRequest req{.url = base + "/bot" + token_ + "/sendDocument",
                         .body = std::move(form.body),
                         .content_type = form.content_type,
                         .limits = DocumentLimits()};
    return Answer(net::HttpSend(req));
  }

  SendResult Answer(const net::HttpResult& res) {
    if (res.refused) return Refused();
    json answer = json::parse(res.body, nullptr, false);
    std::string description;
    if (answer.is_object() && answer.contains("description") && answer["description"].is_string()) {
      description = answer["description"].get<std::string>();
    }
    if (res.status == 200 && answer.is_object() && answer.value("ok", false) && answer.contains("result")) {
      const json& result = answer["result"];
      std::string id = result.contains("message_id") ? result["message_id"].dump() : "";
      std::string link;
      std::string username = c_.public_username;
      if (username.empty() && result.contains("chat") && result["chat"].contains("username") &&
          result["chat"]["username"].is_string()) {
        username = result["chat"]["username"].get<std::string>();
      }
      if (!username.empty() && !id.empty()) {
        link = (c_.kind == "bale" ? "https://ble.ir/" : "https://t.me/") + username + "/" + id;
      }
      return SendResult::Ok(id, link);
    }
    // Status only: the host's own words are used to pick the error, never passed on.
    const std::string detail = "HTTP " + std::to_string(res.status);
    if (res.status == 429) {
      SendResult r = TransportFailure(429, res.curl_code, res.error, res.Header("retry-after"), res.body);
      if (answer.is_object() && answer.contains("parameters") &&
          answer["parameters"].contains("retry_after") &&
          answer["parameters"]["retry_after"].is_number_integer()) {
        r.retry_after_ms = answer["parameters"]["retry_after"].get<int64_t>() * 1000;
      }
      r.detail = detail;
      return r;
    }
    if (res.status == 0 || res.status >= 500) {
      SendResult r =
          TransportFailure(res.status, res.curl_code, res.error, res.Header("retry-after"), res.body);
      if (res.status) r.detail = detail;
      return r;
    }
    if (res.status == 401 || res.status == 404) {
      return SendResult::Fail(false, "invalid_token", "توکن ربات پذیرفته نشد؛ توکن کانال را بررسی کنید.",
                              detail);
    }
    if (res.status == 403) {
      return SendResult::Fail(false, "bot_forbidden",
                              "ربات اجازهٔ فرستادن در این کانال را ندارد؛ آن را مدیر کانال کنید.", detail);
    }
    if (res.status == 400) {
      if (description.find("chat not found") != std::string::npos) {
        return SendResult::Fail(false, "chat_not_found",
                                "کانال با این شناسه پیدا نشد؛ شناسهٔ کانال را بررسی کنید.", detail);
      }
      if (description.find("too long") != std::string::npos) {
        return SendResult::Fail(false, "too_long", "متن برای این کانال بیش از اندازه بلند بود.", detail);
      }
      if (description.find("message is not modified") != std::string::npos) {
        return SendResult::Fail(false, "not_modified", "پیام تغییری نکرده بود.", detail);
      }
      if (description.find("message to edit not found") != std::string::npos ||
          description.find("message to delete not found") != std::string::npos) {
        return SendResult::Fail(
            false, "message_not_found",
            "پیام در کانال پیدا نشد (شاید پیش‌تر حذف شده است).",
            detail);
      }
      if (description.find("message can't be deleted") != std::string::npos ||
          description.find("message can't be edited") != std::string::npos) {
        return SendResult::Fail(
            false, "message_locked",
            "پیام دیگر ویرایش یا حذف نمی‌شود (پیام‌های قدیمی‌تر از ۴۸ ساعت را ربات نمی‌تواند حذف کند).",
            detail);
      }
      if (description.find("too big") != std::string::npos) {
        return SendResult::Fail(false, "document_too_large", "پرونده برای این کانال بیش از اندازه بزرگ بود.",
                                detail);
      }
      return SendResult::Fail(false, "bad_request", "کانال درخواست را نپذیرفت (400).", detail);
    }
    return SendResult::Fail(false, "channel_refused",
                            "کانال پیام را نپذیرفت (کد " + text::PersianNumber(res.status) + ").", detail);
  }

  ChannelConfig c_;
  std::string token_;
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeBotApiAdapter(const ChannelConfig& c, const std::string& token) {
  return std::make_unique<BotApiAdapter>(c, token);
}

}  // namespace pol::distribution
