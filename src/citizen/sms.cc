#include "citizen/sms.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "net/http_client.h"

namespace pol::citizen {
namespace {

std::string MaskForLog(const std::string& mobile) {
  return mobile.size() == 11 ? mobile.substr(0, 4) + "***" + mobile.substr(7) : "***";
}

}  // namespace

Status LogSmsProvider::Send(const std::string& mobile, const std::string& text) {
  // Development only: the full number and text go to the log so a developer (or a test) can read the code.
  spdlog::warn("sms (dev provider, not sent) to={} text={}", mobile, text);
  return Status::Ok();
}

Status KavenegarSmsProvider::Send(const std::string& mobile, const std::string& text) {
  return SendFrom("", mobile, text);
}

Status KavenegarSmsProvider::SendFrom(const std::string& sender_line, const std::string& mobile,
                                      const std::string& text) {
  const std::string& sender = sender_line.empty() ? options_.sender : sender_line;
  std::string form = "receptor=" + UrlEncode(mobile) + "&message=" + UrlEncode(text);
  if (!sender.empty()) form += "&sender=" + UrlEncode(sender);
  net::HttpRequest req{.url = options_.base_url + "/v1/" + UrlEncode(options_.api_key) + "/sms/send.json",
                       .body = std::move(form),
                       .content_type = "application/x-www-form-urlencoded"};
  req.limits.timeout_ms = options_.timeout_ms;
  req.limits.connect_timeout_ms = options_.timeout_ms;
  const net::HttpResult res = net::HttpSend(req);
  if (res.status == 0) {
    spdlog::warn("kavenegar: {} (to {})", res.error, MaskForLog(mobile));
    return Unavailable("ارسال پیامک ممکن نشد؛ دوباره تلاش می‌شود.");
  }
  const std::string& body = res.body;
  int status = res.status;
  try {
    auto j = nlohmann::json::parse(body);
    status = j.at("return").at("status").get<int>();
  } catch (const std::exception&) {
    // keep the HTTP status
  }
  if (status == 200) return Status::Ok();
  spdlog::warn("kavenegar: status {} (to {})", status, MaskForLog(mobile));
  // Kavenegar: 4xx codes are refusals of the request (bad receptor, no credit, bad key); 5xx are theirs.
  if (status >= 400 && status < 500 && status != 429) {
    return InvalidArgument("sms_refused", "سامانهٔ پیامک پیام را نپذیرفت.");
  }
  return Unavailable("ارسال پیامک ممکن نشد؛ دوباره تلاش می‌شود.");
}

StatusOr<std::unique_ptr<SmsProvider>> NewSmsProvider(const SmsSettings& settings) {
  // None configured: no provider (the module warns; citizens are told codes cannot be sent now).
  if (settings.provider.empty() || settings.provider == "none") return std::unique_ptr<SmsProvider>();
  if (settings.provider == "log") return std::unique_ptr<SmsProvider>(new LogSmsProvider());
  if (settings.provider == "kavenegar") {
    if (settings.kavenegar.api_key.empty())
      return InvalidArgument("config",
                             "POL_SMS_API_KEY (sms.api_key) is required for the kavenegar provider");
    return std::unique_ptr<SmsProvider>(new KavenegarSmsProvider(settings.kavenegar));
  }
  return InvalidArgument("config", "POL_SMS_PROVIDER (sms.provider) must be log, kavenegar or none");
}

SmsOutbox::SmsOutbox(SmsProvider* provider, size_t capacity)
    : provider_(provider), capacity_(capacity), thread_([this] { Run(); }) {}

SmsOutbox::~SmsOutbox() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  cv_.SignalAll();
  thread_.join();
}

bool SmsOutbox::Post(std::string mobile, std::string text) {
  {
    MutexLock lock(&mu_);
    if (queue_.size() >= capacity_) return false;
    queue_.emplace_back(std::move(mobile), std::move(text));
  }
  cv_.Signal();
  return true;
}

void SmsOutbox::Run() {
  const auto stop_deadline_after = std::chrono::seconds(3);
  std::optional<std::chrono::steady_clock::time_point> deadline;
  MutexLock lock(&mu_);
  for (;;) {
    while (!stopping_ && queue_.empty()) cv_.Wait();
    if (stopping_ && !deadline) deadline = std::chrono::steady_clock::now() + stop_deadline_after;
    if (queue_.empty() || (deadline && std::chrono::steady_clock::now() > *deadline)) {
      if (stopping_) return;
      continue;
    }
    auto [mobile, text] = std::move(queue_.front());
    queue_.pop_front();
    mu_.Unlock();
    Status s = provider_->Send(mobile, text);
    if (!s.ok()) spdlog::warn("sms outbox: {}", s.ToString());
    mu_.Lock();
  }
}

}  // namespace pol::citizen
