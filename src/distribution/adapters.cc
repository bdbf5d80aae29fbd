#include "distribution/adapters.h"

#include <sodium.h>

#include <charconv>

#include "base/hex.h"
#include "net/outbound_guard.h"
#include "text/number_words.h"

namespace pol::distribution {

namespace {

// A stored channel whose endpoint breaks the transport rules (saved before they existed): every send
// fails, and nothing is sent.
class RefusingAdapter : public ChannelAdapter {
 public:
  explicit RefusingAdapter(Status why) : why_(std::move(why)) {}
  SendResult Send(const OutMessage&) override {
    return SendResult::Fail(false, why_.api_code(), why_.message(), why_.api_code());
  }

 private:
  Status why_;
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeAdapter(const ChannelConfig& c, const std::string& secret) {
  if (Status st = CheckTransport(c); !st.ok()) return std::make_unique<RefusingAdapter>(st);
  if (c.kind == "telegram" || c.kind == "bale") return MakeBotApiAdapter(c, secret);
  if (c.kind == "eitaa") return MakeEitaaAdapter(c, secret);
  if (c.kind == "email") return MakeSmtpAdapter(c, secret);
  if (c.kind == "webhook") return MakeWebhookAdapter(c, secret);
  return nullptr;
}

net::RequestLimits ChannelLimits() {
  return net::RequestLimits{.connect_timeout_ms = 5000,
                            .timeout_ms = 20000,
                            .max_response_bytes = net::kMaxAnswerBytes,
                            .user_agent = "Pol/1 (distribution)"};
}

std::string WebhookSignature(const std::string& key, const std::string& timestamp, const std::string& body) {
  std::string msg = timestamp + "." + body;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
  crypto_auth_hmacsha256_final(&st, mac);
  return "sha256=" + HexEncode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

SendResult Refused() {
  return SendResult::Fail(
      false, net::kOutboundRefused,
      "نشانی این کانال به شبکهٔ داخلی یا نشانی غیرعمومی می‌رسد و سامانه به آن وصل نمی‌شود.",
      net::kOutboundRefused);
}

SendResult TransportFailure(int status, int curl_code, const std::string& curl_error,
                            const std::string& retry_after, const std::string& body) {
  (void)body;  // never kept: the answer of a remote host is not shown to anyone
  if (status == 0 && curl_error == net::kOutboundRefused) return Refused();
  if (status == 0) {
    return SendResult::Fail(true, "channel_unreachable", "سرویس کانال در دسترس نبود.",
                            "curl " + std::to_string(curl_code));
  }
  if (status == 429) {
    SendResult r = SendResult::Fail(true, "rate_limited",
                                    "کانال محدودیت سرعت گذاشت و خواست کمی بعد فرستاده شود.", "HTTP 429");
    int64_t secs = 0;
    auto [p, ec] = std::from_chars(retry_after.data(), retry_after.data() + retry_after.size(), secs);
    if (ec == std::errc() && secs > 0) r.retry_after_ms = secs * 1000;
    return r;
  }
  if (status >= 500) {
    return SendResult::Fail(true, "channel_error",
                            "سرویس کانال خطای موقت داد (کد " + text::PersianNumber(status) + ").",
                            "HTTP " + std::to_string(status));
  }
  return SendResult{};
}

}  // namespace pol::distribution
