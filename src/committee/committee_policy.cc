#include "committee/committee_policy.h"

#include <algorithm>

namespace pol::committee {

using accounts::Actor;
using accounts::Role;

namespace {

bool CouncilAdmin(const Actor& a, int64_t council_id) {
  return a.IsSystemAdmin() || a.principal->HasInCouncil(Role::kCouncilAdmin, council_id);
}

}  // namespace

bool CanReadCommittee(const Actor& a, int64_t council_id, const std::optional<Seat>& seat) {
  return seat.has_value() || CouncilAdmin(a, council_id) ||
         a.principal->HasInCouncil(Role::kCommitteeMember, council_id);
}

bool CanManageCommittee(const Actor& a, int64_t council_id) { return CouncilAdmin(a, council_id); }

bool CanRunMeetings(const Actor& a, int64_t council_id, const std::optional<Seat>& seat) {
  return CouncilAdmin(a, council_id) || (seat && seat->role == "secretary");
}

bool CanApproveMinutes(const Actor& a, int64_t council_id, const std::optional<Seat>& seat) {
  return CouncilAdmin(a, council_id) || (seat && seat->role == "chair");
}

bool CanRsvp(const std::optional<Seat>& seat) { return seat.has_value(); }

bool CanCastOwnVote(const std::optional<Seat>& seat) { return seat && seat->voting; }

bool CanReadDecision(const Actor& a, int64_t council_id, const std::optional<Seat>& seat,
                     int64_t owner_agency_id) {
  return CanReadCommittee(a, council_id, seat) ||
         a.principal->HasInAgency(Role::kAgencyPrManager, owner_agency_id);
}

bool CanFollowUp(const Actor& a, int64_t council_id, const std::optional<Seat>& seat, int64_t owner_agency_id,
                 std::optional<int64_t> owner_user_id) {
  if (CanRunMeetings(a, council_id, seat)) return true;
  if (owner_user_id && *owner_user_id == a.principal->user_id) return true;
  return a.principal->HasInAgency(Role::kAgencyPrManager, owner_agency_id);
}

std::optional<std::vector<int64_t>> CommitteeCouncils(const Actor& a) {
  if (a.IsSystemAdmin()) return std::nullopt;
  std::vector<int64_t> out;
  for (const auto& g : a.principal->grants) {
    if (!g.council_id || g.agency_id) continue;
    const int64_t c = *g.council_id;
    const bool reads = a.principal->HasInCouncil(Role::kCouncilAdmin, c) ||
                       a.principal->HasInCouncil(Role::kCommitteeMember, c);
    if (reads && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

std::vector<int64_t> FollowedAgencies(const Actor& a) {
  std::vector<int64_t> out;
  if (a.IsSystem()) return out;
  for (const auto& g : a.principal->grants) {
    if (!g.agency_id || !a.principal->HasInAgency(Role::kAgencyPrManager, *g.agency_id)) continue;
    if (std::find(out.begin(), out.end(), *g.agency_id) == out.end()) out.push_back(*g.agency_id);
  }
  return out;
}

bool CanCommentOnMinutes(const Actor& a, int64_t council_id, const std::optional<Seat>& seat, bool attended) {
  if (CanRunMeetings(a, council_id, seat) || CanApproveMinutes(a, council_id, seat)) return true;
  return seat.has_value() && attended;
}

}  // namespace pol::committee
