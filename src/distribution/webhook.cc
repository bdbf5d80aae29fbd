// Webhooks: POST the release as JSON, signed. Headers: X-Pol-Event (the payload's "event": release.published,
// release.corrected, release.withdrawn), X-Pol-Delivery (stable per delivery:
// the receiver's idempotency key), X-Pol-Timestamp (unix seconds), X-Pol-Signature ("sha256=" + hex
// HMAC-SHA256 of "<timestamp>.<body>" under the channel's key). 2xx is success; 429/5xx/no answer are
// retried; other answers fail the delivery.
#include "distribution/adapters.h"
#include "net/http_client.h"
#include "text/number_words.h"

namespace pol::distribution {
namespace {

std::string EventOf(const nlohmann::json& payload) {
  if (payload.is_object() && payload.contains("event") && payload["event"].is_string())
    return payload["event"].get<std::string>();
  return "release.published";
}

class WebhookAdapter : public ChannelAdapter {
 public:
  WebhookAdapter(ChannelConfig c, std::string key) : c_(std::move(c)), key_(std::move(key)) {}

  SendResult Send(const OutMessage& m) override {
    if (m.document && !m.test) return CheckDocumentSize("webhook", 0);  // unsupported_document
    std::string body = m.test ? nlohmann::json{{"event", "ping"}, {"message", "پیام آزمایشی از «پل»"}}.dump()
                              : m.payload.dump();
    std::string ts = std::to_string(m.now_ms / 1000);
    net::HttpRequest req{.url = c_.url,
                         .body = body,
                         .headers = {{"X-Pol-Event", m.test ? "ping" : EventOf(m.payload)},
                                     {"X-Pol-Delivery", std::to_string(m.delivery_id)},
                                     {"X-Pol-Timestamp", ts},
                                     {"X-Pol-Signature", WebhookSignature(key_, ts, body)}},
                         .limits = ChannelLimits()};
    net::HttpResult res = net::HttpSend(req);
    if (res.refused) return Refused();
    if (res.status >= 200 && res.status < 300) return SendResult::Ok(std::to_string(m.delivery_id), "");
    if (res.status == 0 || res.status == 429 || res.status >= 500) {
      return TransportFailure(res.status, res.curl_code, res.error, res.Header("retry-after"), res.body);
    }
    return SendResult::Fail(false, "webhook_refused",
                            "گیرندهٔ وب‌هوک پیام را نپذیرفت (کد " +
                                text::PersianNumber(res.status) + ").",
                            "HTTP " + std::to_string(res.status));  // never the receiver's body
  }

 private:
  ChannelConfig c_;
  std::string key_;
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeWebhookAdapter(const ChannelConfig& c, const std::string& key) {
  return std::make_unique<WebhookAdapter>(c, key);
}

}  // namespace pol::distribution
