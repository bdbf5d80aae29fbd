// What the files of CommitteeService share (committees.cc, meetings.cc, decisions.cc). Private.
#pragma once

#include <optional>
#include <string>

#include "committee/committees.h"

namespace pol::committee::internal {

// A committee with the actor's current seat in it (if any).
struct Scope {
  store::Committee committee;
  std::optional<store::CommitteeMember> member;
  std::optional<Seat> seat;
};

// Loads the committee and the actor's seat. NotFound when it does not exist or the actor may not read
// it (ids do not leak).
StatusOr<Scope> LoadScope(store::Conn& c, const accounts::Actor& a, int64_t committee_id);

// A meeting and the actor's scope in its committee. NotFound («جلسه پیدا نشد.») when the meeting does
// not exist or the actor may not read its committee.
struct MeetingInScope {
  store::Meeting meeting;
  Scope scope;
};
StatusOr<MeetingInScope> LoadMeetingInScope(store::Conn& c, const accounts::Actor& a, int64_t meeting_id);
// The same without the read check (for decisions read by an owner agency's PR manager).
StatusOr<Scope> LoadScopeUnchecked(store::Conn& c, const accounts::Actor& a, int64_t committee_id);

// «۲۰ آذر ۱۴۰۵» of a Unix-millisecond time, Tehran.
std::string JalaliDay(int64_t ms);
// «شنبه ۲۰ آذر ۱۴۰۵، ساعت ۱۰:۰۰».
std::string JalaliDateTime(int64_t ms);

StatusOr<DecisionView> LoadDecisionView(store::Conn& c, const store::Decision& d, int64_t now,
                                        const text::WorkCalendar& cal, bool details);
StatusOr<MeetingView> LoadMeetingView(store::Conn& c, const store::Committee& committee,
                                      const store::Meeting& m, int64_t now, const text::WorkCalendar& cal);

// Statuses of attendance that count as present for quorum and votes.
bool CountsAsPresent(const std::string& status);

// Text normalization with a Persian error naming the field (accounts/validate.h's NormalizeText).
StatusOr<std::string> Text(const std::optional<std::string>& v, size_t max_chars, const char* field,
                           bool required);

}  // namespace pol::committee::internal
