// Who may turn the committee's public page on and publish decisions on it (committee/publication.h).
// Built on committee_policy.h's rules; no role primitive here.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <optional>

#include "accounts/actor.h"
#include "committee/committee_policy.h"

namespace pol::committee {

// The public page of a council's decisions is turned on and off by the council's admins and system admins.
bool CanSetPublicPage(const accounts::Actor& a, int64_t council_id);

// A decision is published on (or withdrawn from) the public page by the committee's secretary or chair,
// the council's admins and system admins.
bool CanPublishDecision(const accounts::Actor& a, int64_t council_id, const std::optional<Seat>& seat);

}  // namespace pol::committee
