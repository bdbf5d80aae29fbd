// Eitaa through the eitaayar HTTP API: POST {base}/api/{token}/sendMessage with form fields chat_id, text
// (plain text; 4,096 characters); a document with POST {base}/api/{token}/sendFile as multipart/form-data
// (chat_id, caption, title, file) — eitaayar's upload method. Answers {"ok":true,"result":{"message_id":…}} or {"ok":false,
// "error_code":…,"description":"…"}.
#include "base/strings.h"
#include "distribution/adapters.h"
#include "distribution/form_data.h"
#include "net/http_client.h"
#include "text/number_words.h"

namespace pol::distribution {
namespace {

using nlohmann::json;

class EitaaAdapter : public ChannelAdapter {
 public:
  EitaaAdapter(ChannelConfig c, std::string token) : c_(std::move(c)), token_(std::move(token)) {}

  SendResult Send(const OutMessage& m) override {
    const std::string base = c_.base_url.empty() ? DefaultBaseUrl("eitaa") : c_.base_url;
    net::HttpRequest req;
    if (m.document && !m.test) {
      const OutDocument& doc = *m.document;
      if (SendResult big = CheckDocumentSize("eitaa", static_cast<int64_t>(doc.data.size()));
          !big.error_code.empty())
        return big;
      std::vector<FormPart> parts{{.name = "chat_id", .value = c_.chat_id},
                                  {.name = "title", .value = doc.file_name}};
      if (!doc.caption.empty())
        parts.push_back({.name = "caption", .value = FitCaption(doc.caption, kCaptionLimit)});
      parts.push_back(
          {.name = "file", .value = doc.data, .filename = doc.file_name, .content_type = doc.content_type});
      FormData form = BuildFormData(parts);
      req = {.url = base + "/api/" + token_ + "/sendFile",
             .body = std::move(form.body),
             .content_type = form.content_type,
             .limits = DocumentLimits()};
    } else {
      std::string text = m.test ? "پیام آزمایشی از «پل»: اتصال این کانال برقرار است."
                                : ComposeMessenger(m.content, kTextLimit, false).text;
      req = {.url = base + "/api/" + token_ + "/sendMessage",
             .body = "chat_id=" + UrlEncode(c_.chat_id) + "&text=" + UrlEncode(text),
             .content_type = "application/x-www-form-urlencoded",
             .limits = ChannelLimits()};
    }
    net::HttpResult res = net::HttpSend(req);
    if (res.refused) return Refused();
    json answer = json::parse(res.body, nullptr, false);
    if (res.status == 200 && answer.is_object() && answer.value("ok", false)) {
      std::string id;
      if (answer.contains("result") && answer["result"].is_object() &&
          answer["result"].contains("message_id")) {
        id = answer["result"]["message_id"].dump();
      }
      std::string link;
      if (c_.chat_id.starts_with("@") && !id.empty())
        link = "https://eitaa.com/" + c_.chat_id.substr(1) + "/" + id;
      return SendResult::Ok(id, link);
    }
    // Status only: the host's own words are never passed on.
    const std::string detail = "HTTP " + std::to_string(res.status);
    if (res.status == 0 || res.status == 429 || res.status >= 500) {
      SendResult r =
          TransportFailure(res.status, res.curl_code, res.error, res.Header("retry-after"), res.body);
      if (res.status) r.detail = detail;
      return r;
    }
    if (res.status == 401 || res.status == 403) {
      return SendResult::Fail(false, "invalid_token", "توکن ایتایار پذیرفته نشد؛ توکن کانال را بررسی کنید.",
                              detail);
    }
    if (res.status == 200 || res.status == 400) {
      return SendResult::Fail(false, "bad_request", "ایتا پیام را نپذیرفت.", detail);
    }
    return SendResult::Fail(false, "channel_refused",
                            "ایتا پیام را نپذیرفت (کد " + text::PersianNumber(res.status) + ").", detail);
  }

 private:
  ChannelConfig c_;
  std::string token_;
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeEitaaAdapter(const ChannelConfig& c, const std::string& token) {
  return std::make_unique<EitaaAdapter>(c, token);
}

}  // namespace pol::distribution
