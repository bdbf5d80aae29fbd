// RequestService: one-time codes. A code is six digits, sent by SMS through the outbox (a lost one
// is simply requested again), stored only as a hash bound to its request, valid for otp_ttl_ms and
// otp_max_attempts tries; a correct one verifies and routes the request.
#include <sodium.h>

#include <algorithm>

#include "citizen/requests.h"
#include "citizen/requests_internal.h"
#include "citizen/tracking_code.h"
#include "text/number_words.h"

namespace pol::citizen {

using accounts::Actor;
using store::CitizenRequest;
using store::Conn;
using namespace internal;

namespace {

constexpr int64_t kFailureWindow = 15 * kMinute;
constexpr int64_t kMaxFailuresPerIp = 30;
constexpr int64_t kMaxResendsPerIpPerHour = 10;

Status InvalidCode(const std::string& message) { return Bad("invalid_code", message, "code"); }

bool SameHash(const std::string& want, const std::string& got) {
  return want.size() == got.size() && sodium_memcmp(want.data(), got.data(), want.size()) == 0;
}

}  // namespace

std::string RequestService::NewOtp() const {
  std::string b = env_->RandomBytes(8);
  uint64_t v = 0;
  for (unsigned char ch : b) v = v * 256 + ch;
  return std::to_string(100000 + v % 900000);
}

void RequestService::PostOtp(const std::string& mobile, const std::string& otp) {
  if (!outbox_) return;
  outbox_->Post(mobile, "کد تأیید درخواست شما در سامانهٔ شورا: " + otp + "\nاین کد را به کسی ندهید.");
}

StatusOr<CitizenRequest> RequestService::Verify(const std::string& tracking_code, const std::string& code,
                                                const std::string& ip) {
  auto tc = NormalizeTrackingCode(tracking_code);
  if (!tc) return Bad("invalid_tracking_code", "کد رهگیری درست نیست.", "tracking_code");
  const int64_t now = env_->NowMillis();
  if (limiter_.Count("otpfail:" + ip, kFailureWindow, now) >= kMaxFailuresPerIp) {
    return ResourceExhausted(
        "rate_limited",
        "تلاش‌های نادرست زیاد بود؛ پانزده دقیقهٔ دیگر دوباره تلاش کنید.");
  }
  std::string digits = text::ToLatinDigits(code);
  digits.erase(std::remove(digits.begin(), digits.end(), ' '), digits.end());
  CitizenRequest r;
  Status failure;
  Status s = db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto found, store::FindCitizenRequestByCode(c, *tc));
    if (!found) return InvalidCode("کد تأیید نادرست یا منقضی است.");
    r = *found;
    if (r.verified) return InvalidCode("کد تأیید نادرست یا منقضی است.");  // replay
    POL_ASSIGN_OR_RETURN(auto otp, store::LatestOtp(c, r.id));
    if (!otp || otp->used_at || otp->expires_at < now || otp->attempts >= options_.otp_max_attempts) {
      return InvalidCode("کد تأیید نادرست یا منقضی است؛ کد تازه بخواهید.");
    }
    otp->attempts += 1;
    if (!SameHash(otp->code_hash, OtpHash(r.id, digits))) {
      // Count the failed attempt (committed), then answer the error.
      failure = InvalidCode("کد تأیید نادرست است.");
      return store::UpdateOtp(c, *otp);
    }
    otp->used_at = now;
    POL_RETURN_IF_ERROR(store::UpdateOtp(c, *otp));
    return Apply(c, Actor{nullptr, ip}, r, "verify", now, [&](Edit& e, CitizenRequest& x) -> Status {
      x.verified = true;
      POL_RETURN_IF_ERROR(store::InsertRequestEvent(c, {.request_id = x.id,
                                                        .at = now,
                                                        .kind = "verified",
                                                        .actor_name = kCitizenName,
                                                        .is_public = true,
                                                        .body = "شمارهٔ همراه تأیید شد."}));
      POL_RETURN_IF_ERROR(RouteIn(c, x, now));
      POL_RETURN_IF_ERROR(EnqueueSms(c, x.id, "tracking", now));
      e.detail = {{"state", x.state}, {"route", x.route_source}};
      return Status::Ok();
    });
  });
  if (!s.ok()) {
    if (s.api_code() == "invalid_code") limiter_.Record("otpfail:" + ip, now);
    return s;
  }
  if (!failure.ok()) {
    limiter_.Record("otpfail:" + ip, now);
    return failure;
  }
  if (queue_) queue_->Notify();
  return r;
}

Status RequestService::ResendCode(const std::string& tracking_code, const std::string& ip) {
  auto tc = NormalizeTrackingCode(tracking_code);
  if (!tc) return Bad("invalid_tracking_code", "کد رهگیری درست نیست.", "tracking_code");
  const int64_t now = env_->NowMillis();
  if (!limiter_.Allow("resend:" + ip, kMaxResendsPerIpPerHour, kHour, now)) {
    return ResourceExhausted("rate_limited", "درخواست کد تازه زیاد بود؛ کمی بعد دوباره تلاش کنید.");
  }
  const std::string otp = NewOtp();
  std::string mobile;
  POL_RETURN_IF_ERROR(AfterReserve(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::FindCitizenRequestByCode(c, *tc));
    if (!r || r->verified) return Status::Ok();  // nothing to say about codes that do not wait for one
    POL_ASSIGN_OR_RETURN(int64_t sent, store::CountOtps(c, r->id));
    if (sent >= options_.otp_max_sends) {
      return ResourceExhausted("rate_limited", "برای این درخواست کد تأیید بیش از اندازه فرستاده شده است.");
    }
    POL_RETURN_IF_ERROR(ReserveOtpSend(c, r->mobile, now, true));
    mobile = r->mobile;
    return store::InsertOtp(c, {.request_id = r->id,
                                .code_hash = OtpHash(r->id, otp),
                                .expires_at = now + options_.otp_ttl_ms,
                                .created_at = now});
  }),
                                   now));
  if (!mobile.empty()) PostOtp(mobile, otp);
  return Status::Ok();
}

}  // namespace pol::citizen
