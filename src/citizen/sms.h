// Text messages to citizens' mobiles.
//
// SmsProvider is the gateway interface. Two implementations, each only when named (POL_SMS_PROVIDER;
// with none, no code can be sent and the citizens' channel says so):
//   LogSmsProvider       development and tests: writes each message to the log (warn level, so it shows with the
//                        default settings) instead of sending it;
//   KavenegarSmsProvider Kavenegar's documented REST API (https://kavenegar.com/rest.html):
//                        POST {base}/v1/{api_key}/sms/send.json with receptor, message and (optional)
//                        sender as form fields; success is HTTP 200 with {"return":{"status":200}}.
//                        The base URL is configurable so tests run it against a loopback fake.
// SmsOutbox sends in the background on its own thread (bounded queue), for one-time codes: they are
// short-lived, and a lost one is simply requested again. Messages that must not be lost (the tracking
// code after verification, news of an answer) go through the durable job queue (kind "citizen.sms",
// see requests.h), which retries with backoff.
//
// Thread-safety: providers are thread-safe; SmsOutbox is thread-safe.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <thread>

#include "base/mutex.h"
#include "base/status.h"

namespace pol::citizen {

class SmsProvider {
 public:
  virtual ~SmsProvider() = default;
  // `mobile` is "09xxxxxxxxx". Unavailable for a retryable failure, InvalidArgument for a refused message.
  virtual Status Send(const std::string& mobile, const std::string& text) = 0;
  // The same from another sender line (`sender` "" = the configured one). Providers without lines (log)
  // send as Send does.
  virtual Status SendFrom(const std::string& sender, const std::string& mobile, const std::string& text) {
    (void)sender;
    return Send(mobile, text);
  }
  virtual std::string Name() const = 0;
};

class LogSmsProvider final : public SmsProvider {
 public:
  Status Send(const std::string& mobile, const std::string& text) override;
  std::string Name() const override { return "log"; }
};

struct KavenegarOptions {
  std::string base_url = "https://api.kavenegar.com";
  std::string api_key;
  std::string sender;  // the line number; empty: the account's default line
  long timeout_ms = 10000;
};

class KavenegarSmsProvider final : public SmsProvider {
 public:
  explicit KavenegarSmsProvider(KavenegarOptions options) : options_(std::move(options)) {}
  Status Send(const std::string& mobile, const std::string& text) override;
  Status SendFrom(const std::string& sender, const std::string& mobile, const std::string& text) override;
  std::string Name() const override { return "kavenegar"; }

 private:
  const KavenegarOptions options_;
};

// Which gateway to use, filled by cli/config (TOML [sms], POL_SMS_PROVIDER, POL_SMS_KAVENEGAR_URL,
// POL_SMS_API_KEY, POL_SMS_SENDER; docs/configuration.md).
struct SmsSettings {
  std::string provider;        // log | kavenegar | none (or empty): log only when chosen explicitly
  KavenegarOptions kavenegar;  // base_url, api_key, sender (kavenegar only)
};

// The provider the settings name; null for none (empty or "none"). InvalidArgument for an unknown
// provider or kavenegar without an API key.
StatusOr<std::unique_ptr<SmsProvider>> NewSmsProvider(const SmsSettings& settings);

class SmsOutbox {
 public:
  explicit SmsOutbox(SmsProvider* provider, size_t capacity = 10000);
  ~SmsOutbox();  // sends what is queued (up to a few seconds), then stops
  // False when the queue is full (the message is dropped; the caller may tell the citizen to retry).
  bool Post(std::string mobile, std::string text) EXCLUDES(mu_);

 private:
  void Run() EXCLUDES(mu_);
  SmsProvider* const provider_;
  const size_t capacity_;
  Mutex mu_;
  CondVar cv_{&mu_};
  std::deque<std::pair<std::string, std::string>> queue_ GUARDED_BY(mu_);
  bool stopping_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace pol::citizen
