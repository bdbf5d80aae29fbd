// Internal to src/distribution: the delivery states and the small helpers the Distributor's files
// (distributor.cc, delivery.cc, channel_admin.cc, press_lists.cc) share. Not for other folders.
//
// Thread-safety: constants and pure functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

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

}  // namespace pol::distribution::internal
