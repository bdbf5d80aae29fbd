// RequestService: SMS abuse. One-time codes cost money and reach a person's phone, so every code is
// recorded in a ledger per mobile (store: citizen_sms_sends) inside the transaction that stores it:
//   - no SMS provider configured: no code is sent; the citizen is told codes cannot be sent now
//     (503 sms_unavailable) and staff see a warning (SmsConfigured);
//   - a global hourly budget (otp_per_hour): past it no code is sent (503 sms_budget_exhausted) and the
//     council desk (its council_admins) gets a notification, at most once an hour;
//   - a daily cap per mobile across requests (otp_per_mobile_per_day; 429 sms_daily_limit);
//   - an exponential back-off per mobile for resends: after n codes today the next waits
//     otp_resend_backoff_ms × 2^(n−1) after the last one (60 s, 120 s, 240 s, …; 429 resend_too_soon).
// And Open311 clients' API keys (SHA-256 of each key in the settings, never the key itself).
#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/hex.h"
#include "citizen/requests.h"
#include "citizen/requests_internal.h"
#include "store/release_repo.h"
#include "text/number_words.h"

namespace pol::citizen {

using store::Conn;
using namespace internal;

namespace {

constexpr char kCannotSend[] = "ارسال کد تأیید در حال حاضر ممکن نیست؛ لطفاً بعداً دوباره تلاش کنید.";

}  // namespace

Status RequestService::ReserveOtpSend(Conn& c, const std::string& mobile, int64_t now, bool resend) {
  if (options_.sms_unconfigured) return Status(StatusCode::kUnavailable, "sms_unavailable", kCannotSend);
  if (options_.otp_per_hour > 0) {
    POL_ASSIGN_OR_RETURN(store::SmsSendStats all,
                         store::SmsSendsSince(c, store::kSmsSendOtp, "", now - kHour));
    if (all.count >= options_.otp_per_hour) {
      return Status(StatusCode::kUnavailable, "sms_budget_exhausted", kCannotSend);
    }
  }
  POL_ASSIGN_OR_RETURN(store::SmsSendStats mine,
                       store::SmsSendsSince(c, store::kSmsSendOtp, mobile, now - kDay));
  if (options_.otp_per_mobile_per_day > 0 && mine.count >= options_.otp_per_mobile_per_day) {
    return ResourceExhausted(
        "sms_daily_limit",
        "امروز بیش از اندازه کد تأیید به این شماره فرستاده شده است؛ فردا دوباره تلاش کنید.");
  }
  if (resend && options_.otp_resend_backoff_ms > 0 && mine.count > 0 && mine.last_at) {
    const int64_t wait = options_.otp_resend_backoff_ms << std::min<int64_t>(mine.count - 1, 20);
    if (now < *mine.last_at + wait) {
      const int64_t seconds = (*mine.last_at + wait - now + 999) / 1000;
      return ResourceExhausted(
          "resend_too_soon",
          "برای کد تازه " + text::ToPersianDigits(std::to_string(seconds)) + " ثانیهٔ دیگر صبر کنید.");
    }
  }
  return store::InsertSmsSend(c, store::kSmsSendOtp, mobile, now);
}

Status RequestService::AfterReserve(const Status& s, int64_t now) {
  if (s.api_code() == "sms_budget_exhausted") RaiseBudgetAlert(now);
  return s;
}

void RequestService::RaiseBudgetAlert(int64_t now) {
  auto council = ServedCouncil();
  if (!council.ok()) return;
  bool raised = false;
  Status s = db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::SmsSendStats alerts,
                         store::SmsSendsSince(c, store::kSmsSendBudgetAlert, "", now - kHour));
    if (alerts.count > 0) return Status::Ok();
    POL_RETURN_IF_ERROR(store::InsertSmsSend(c, store::kSmsSendBudgetAlert, "", now));
    POL_ASSIGN_OR_RETURN(auto desk, store::UsersWithCouncilRoles(c, *council, {"council_admin"}));
    for (int64_t u : desk) {
      POL_RETURN_IF_ERROR(
          store::InsertNotification(
              c,
              {.user_id = u,
               .kind = "citizen.sms_budget",
               .title =
                   "سقف ساعتی پیامک‌های کد تأیید (" +
                   text::ToPersianDigits(std::to_string(options_.otp_per_hour)) +
                   ") پر شد؛ تا یک ساعت کدی فرستاده نمی‌شود. ممکن است کسی از "
                   "فرم‌ها سوءاستفاده کند.",
               .link = "/console/citizen",
               .created_at = now})
              .status());
    }
    raised = true;
    return Status::Ok();
  });
  if (!s.ok()) spdlog::warn("citizen sms budget alert: {}", s.ToString());
  if (raised)
    spdlog::error("citizen: the hourly budget of one-time codes ({}) is spent; codes are refused",
                  options_.otp_per_hour);
}

StatusOr<bool> RequestService::CheckOpen311Key(const std::string& api_key) const {
  if (api_key.empty()) return false;
  const std::string digest = Sha256Hex(api_key);
  const auto& keys = options_.open311_key_hashes;
  if (std::find(keys.begin(), keys.end(), digest) != keys.end()) return true;
  return Status(StatusCode::kPermissionDenied, "invalid_api_key", "کلید API (api_key) شناخته نیست.");
}

}  // namespace pol::citizen
