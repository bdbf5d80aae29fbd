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
#include "store/distribution_repo.h"
#include "store/release_repo.h"

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
