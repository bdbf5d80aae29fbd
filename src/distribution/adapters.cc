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

int64_t MaxDocumentBytes(const std::string& kind) {
  constexpr int64_t kMB = 1000 * 1000;
  if (kind == "telegram") return 50 * kMB;
  if (kind == "bale" || kind == "eitaa") return 20 * kMB;
  if (kind == "email") return 10 << 20;
  return 0;
}

net::RequestLimits DocumentLimits() {
  net::RequestLimits l = ChannelLimits();
  l.timeout_ms = 120000;
  return l;
}

SendResult CheckDocumentSize(const std::string& kind, int64_t bytes) {
  const int64_t max = MaxDocumentBytes(kind);
  if (max == 0) {
    return SendResult::Fail(false, "unsupported_document",
                            "این نوع کانال پرونده نمی‌پذیرد.",
                            "unsupported_document");
  }
  if (bytes > max) {
    auto mb = [](int64_t b) { return text::PersianNumber((b + 999999) / 1000000); };
    return SendResult::Fail(false, "document_too_large",
                            "پرونده (" + mb(bytes) + " مگابایت) از سقف " + mb(max) +
                                " مگابایت این کانال بزرگ‌تر است.",
                            "bytes " + std::to_string(bytes) + " > " + std::to_string(max));
  }
  return SendResult{};
}

std::string FitCaption(const std::string& text, size_t limit) {
  if (Utf16Length(text) <= limit) return text;
  const size_t budget = limit > 1 ? limit - 1 : 0;  // room for "…"
  size_t i = 0, units = 0, last_space = 0;
  while (i < text.size()) {
    size_t len = 1;
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xF0) {
      len = 4;
    } else if (lead >= 0xE0) {
      len = 3;
    } else if (lead >= 0xC0) {
      len = 2;
    }
    const size_t u = len == 4 ? 2 : 1;
    if (units + u > budget) break;
    if (text[i] == ' ' || text[i] == '\n') last_space = i;
    units += u;
    i += len;
  }
  const size_t cut = last_space > 0 ? last_space : i;
  return text.substr(0, cut) + "…";
}

SendResult Unsupported() {
  return SendResult::Fail(
      false, "unsupported_operation",
      "این کانال ویرایش یا حذف پیام فرستاده‌شده را پشتیبانی نمی‌کند.",
      "unsupported_operation");
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
