// Internal to the files of RequestService (requests*.cc, sla_sweep.cc, sms_job.cc): the small
// helpers they share. Not for use outside src/citizen.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "accounts/actor.h"
#include "base/hex.h"
#include "citizen/request_types.h"
#include "store/citizen_repo.h"
#include "store/council_repo.h"

namespace pol::citizen::internal {

inline constexpr int64_t kMinute = 60 * 1000;
inline constexpr int64_t kHour = 60 * kMinute;
inline constexpr int64_t kDay = 24 * kHour;

inline constexpr char kCitizenName[] = "شهروند";
inline constexpr char kSystemName[] = "سامانه";

// An InvalidArgument naming the field (the API's 400).
inline Status Bad(const char* code, const std::string& message, const char* field) {
  return InvalidArgument(code, message, field);
}
// The one answer for a request the caller may not see, or that does not exist.
inline Status RequestNotFound() { return NotFound("درخواست پیدا نشد."); }

inline std::optional<int64_t> ActorId(const accounts::Actor& a) {
  if (a.IsSystem()) return std::nullopt;
  return a.principal->user_id;
}
inline std::string ActorName(const accounts::Actor& a) {
  return a.IsSystem() ? kSystemName : a.principal->name;
}

inline std::string AgencyLabel(const store::Agency& a) {
  return a.short_name.empty() ? a.name : a.short_name;
}

// version_conflict when the caller's version is given and stale.
inline Status CheckVersion(const store::CitizenRequest& r, std::optional<int64_t> version) {
  if (version && *version != r.version) return store::VersionConflict();
  return Status::Ok();
}
// Closed and merged requests take no more casework.
inline Status RequireActive(const store::CitizenRequest& r) {
  if (r.state == "closed" || r.state == "merged") {
    return FailedPrecondition("invalid_transition", "این درخواست " + StateName(r.state) + " است.");
  }
  return Status::Ok();
}

// The stored form of a one-time code: bound to its request, never the code itself.
inline std::string OtpHash(int64_t request_id, const std::string& code) {
  return Sha256Hex("pol-otp:" + std::to_string(request_id) + ":" + code);
}

}  // namespace pol::citizen::internal
