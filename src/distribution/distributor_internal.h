// Internal to src/distribution: the delivery states and the small helpers the Distributor's files
// (distributor.cc, delivery.cc, channel_admin.cc, press_lists.cc) share. Not for other folders.
//
// Thread-safety: constants and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "accounts/actor.h"
#include "distribution/adapters.h"
#include "store/distribution_repo.h"
#include "store/release_repo.h"
#include "text/number_words.h"

namespace pol::distribution::internal {

inline constexpr char kQueued[] = "queued";
inline constexpr char kSending[] = "sending";
inline constexpr char kSent[] = "sent";
inline constexpr char kFailed[] = "failed";
inline constexpr char kCancelled[] = "cancelled";

// Published or corrected: the release may go out.
inline bool IsPublic(const store::Release& r) { return r.status == "published" || r.status == "corrected"; }

// The domain of an e-mail address ("pol.local" without one), for Message-IDs.
inline std::string Domain(const std::string& address) {
  size_t at = address.find('@');
  return at == std::string::npos ? "pol.local" : address.substr(at + 1);
}

// What one send did to a row (ApplyOutcome).
enum class Outcome { kDone, kUnsubscribed, kGaveUp, kRetry };  // sent, cancelled, failed, queued again

// The one result-recording step of every delivery row — a release's (delivery.cc, retried by its own
// retry jobs) and the outbox kinds' (bulletin, alert, release update; retried by the job queue): sent;
// cancelled (the contact unsubscribed); failed (a permanent error, or `attempt` was the last of
// `max_attempts`: the cause, then that sending stopped); else queued again, saying which attempt comes next.
// The caller saves the row, and on kRetry schedules the retry, on kFailed tells the PR managers
// (NotifyDeliveryFailed).
template <typename Row>
Outcome ApplyOutcome(Row& d, const SendResult& r, int64_t attempt, int64_t max_attempts, int64_t now) {
  d.updated_at = now;
  if (r.ok) {
    d.state = kSent;
    d.message_id = r.message_id;
    d.url = r.url;
    d.sent_at = now;
    d.error_code.clear();
    d.error_fa.clear();
    d.error_detail.clear();
    return Outcome::kDone;
  }
  d.error_code = r.error_code;
  d.error_fa = r.error_fa;
  d.error_detail = r.detail;
  if (r.error_code == "unsubscribed") {
    d.state = kCancelled;
    return Outcome::kUnsubscribed;
  }
  if (!r.retryable || attempt >= max_attempts) {
    d.state = kFailed;
    if (r.retryable) d.error_fa += " پس از " + text::PersianNumber(d.attempts) + " تلاش، ارسال متوقف شد.";
    return Outcome::kGaveUp;
  }
  d.state = kQueued;
  d.error_fa += " دوباره تلاش می‌شود (تلاش " + text::PersianNumber(attempt + 1) +
                " از " + text::PersianNumber(max_attempts) + ").";
  return Outcome::kRetry;
}

// A delivery that stopped for good: a console notification (kind "distribution.failed") to the PR
// managers of `agency_id` (a council's channel: the council's admins), with the cause and a link where the
// delivery can be retried. Defined in distributor.cc.
Status NotifyDeliveryFailed(store::Conn& c, int64_t council_id, std::optional<int64_t> agency_id,
                            const std::string& title, const std::string& cause, const std::string& link,
                            int64_t now);

// A channel's stored config as JSON ({} when unreadable).
inline nlohmann::json ParseConfigJson(const store::Channel& ch) {
  nlohmann::json j = nlohmann::json::parse(ch.config, nullptr, false);
  return j.is_discarded() ? nlohmann::json::object() : j;
}

// The owner of a new channel or press list: the agency (and its council) when `agency_id` is given,
// else the council. 400 unknown_agency / unknown_council when it does not exist or lies outside the
// actor's councils (distribution_policy.h CanChooseOwner). Defined in channel_admin.cc.
struct Owner {
  int64_t council_id = 0;
  std::optional<int64_t> agency_id;
};
StatusOr<Owner> ResolveOwner(store::Conn& c, const accounts::Actor& actor, std::optional<int64_t> agency_id,
                             int64_t council_id);

}  // namespace pol::distribution::internal
