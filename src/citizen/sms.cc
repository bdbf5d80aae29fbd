#include "citizen/sms.h"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>

#include <nlohmann/json.hpp>

namespace pol::citizen {
namespace {

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::string Escape(CURL* curl, const std::string& s) {
  char* e = curl_easy_escape(curl, s.data(), static_cast<int>(s.size()));
  std::string out = e ? e : "";
  curl_free(e);
  return out;
}

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
  CURL* curl = curl_easy_init();
  if (!curl) return Unavailable();
  std::string url = options_.base_url + "/v1/" + Escape(curl, options_.api_key) + "/sms/send.json";
  std::string form = "receptor=" + Escape(curl, mobile) + "&message=" + Escape(curl, text);
  if (!options_.sender.empty()) form += "&sender=" + Escape(curl, options_.sender);
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(form.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  CURLcode rc = curl_easy_perform(curl);
  long http = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    spdlog::warn("kavenegar: {} (to {})", curl_easy_strerror(rc), MaskForLog(mobile));
    return Unavailable("ارسال پیامک ممکن نشد؛ دوباره تلاش می‌شود.");
  }
  int status = static_cast<int>(http);
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
  if (settings.provider.empty() || settings.provider == "log")
    return std::unique_ptr<SmsProvider>(new LogSmsProvider());
  if (settings.provider == "kavenegar") {
    if (settings.kavenegar.api_key.empty())
      return InvalidArgument("config",
                             "POL_SMS_API_KEY (sms.api_key) is required for the kavenegar provider");
    return std::unique_ptr<SmsProvider>(new KavenegarSmsProvider(settings.kavenegar));
  }
  return InvalidArgument("config", "POL_SMS_PROVIDER (sms.provider) must be log or kavenegar");
}

SmsOutbox::SmsOutbox(SmsProvider* provider, size_t capacity)
    : provider_(provider), capacity_(capacity), thread_([this] { Run(); }) {}

SmsOutbox::~SmsOutbox() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

bool SmsOutbox::Post(std::string mobile, std::string text) {
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= capacity_) return false;
    queue_.emplace_back(std::move(mobile), std::move(text));
  }
  cv_.notify_one();
  return true;
}

void SmsOutbox::Run() {
  const auto stop_deadline_after = std::chrono::seconds(3);
  std::optional<std::chrono::steady_clock::time_point> deadline;
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_ && !deadline) deadline = std::chrono::steady_clock::now() + stop_deadline_after;
    if (queue_.empty() || (deadline && std::chrono::steady_clock::now() > *deadline)) {
      if (stopping_) return;
      continue;
    }
    auto [mobile, text] = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    Status s = provider_->Send(mobile, text);
    if (!s.ok()) spdlog::warn("sms outbox: {}", s.ToString());
    lock.lock();
  }
}

}  // namespace pol::citizen
