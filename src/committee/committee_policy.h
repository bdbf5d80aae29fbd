// Who may do what in the council's PR committees. This file alone decides; the committee services call
// these functions and never the role primitives of accounts/roles.h. A "seat" is the actor's current
// membership in the committee concerned (chair, secretary, member or guest), read by the caller.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"

namespace pol::committee {

struct Seat {
  std::string role;  // chair | secretary | member | guest
  bool voting = false;
};

// A committee (meetings, agenda, decisions) is read by its members, the council's committee_member and
// council_admin role holders, and system admins.
bool CanReadCommittee(const accounts::Actor& a, int64_t council_id, const std::optional<Seat>& seat);

// Committees are created, and members added or ended, by the council's admins and system admins.
bool CanManageCommittee(const accounts::Actor& a, int64_t council_id);

// Meetings, agenda, attendance, decisions and recorded votes are managed by the committee's secretary,
// the council's admins and system admins.
bool CanRunMeetings(const accounts::Actor& a, int64_t council_id, const std::optional<Seat>& seat);

// Minutes are approved by the committee's chair, the council's admins and system admins.
bool CanApproveMinutes(const accounts::Actor& a, int64_t council_id, const std::optional<Seat>& seat);

// A member answers an invitation (RSVP) for their own seat only.
bool CanRsvp(const std::optional<Seat>& seat);

// A member casts their own vote when their seat carries a voting right.
bool CanCastOwnVote(const std::optional<Seat>& seat);

// A decision is read by whoever reads its committee and by the PR manager of its owner agency.
bool CanReadDecision(const accounts::Actor& a, int64_t council_id, const std::optional<Seat>& seat,
                     int64_t owner_agency_id);

// A decision's follow-up is written by those who run meetings, its owner person and the PR manager of
// its owner agency.
bool CanFollowUp(const accounts::Actor& a, int64_t council_id, const std::optional<Seat>& seat,
                 int64_t owner_agency_id, std::optional<int64_t> owner_user_id);

// The councils whose committees the actor reads by role (nullopt = all, for system admins); members
// also read their own committees, which the caller adds.
std::optional<std::vector<int64_t>> CommitteeCouncils(const accounts::Actor& a);

// The agencies whose decisions the actor follows up as their PR manager.
std::vector<int64_t> FollowedAgencies(const accounts::Actor& a);

// Minutes in review are commented on by the meeting's attendees (a seat recorded present, late or
// delegated), the committee's chair and those who run meetings.
bool CanCommentOnMinutes(const accounts::Actor& a, int64_t council_id, const std::optional<Seat>& seat,
                         bool attended);

}  // namespace pol::committee
