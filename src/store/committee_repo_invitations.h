// SQL of the committee's notices (committee/invitations.h, reminders.h, escalation.h): one row per message
// to one person on one channel, unique by its dedup key, and the lookups of the reminder sweep.
//
// Thread-safety: functions of a Conn, which the caller holds inside Database::Read/Write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct CommitteeNotice {
  int64_t id = 0;
  std::string dedup;
  std::string kind;     // invite | cancel | remind_day | remind_hour | decision_due | decision_overdue
  std::string channel;  // email | sms | messenger
  int64_t committee_id = 0;
  std::optional<int64_t> meeting_id, decision_id, member_id;
  int64_t user_id = 0;
  int64_t sequence = 0;            // invitations: the meeting's version (iCalendar SEQUENCE)
  std::string status = "pending";  // pending | sent | skipped | failed
  std::string error;               // why skipped or failed (a stable code)
  int64_t created_at = 0;
  std::optional<int64_t> sent_at;
};

// Inserts the notice unless one with its dedup key exists: its id, or nullopt when it existed.
StatusOr<std::optional<int64_t>> InsertNoticeIfNew(Conn& c, const CommitteeNotice& n);
StatusOr<CommitteeNotice> GetNotice(Conn& c, int64_t id);
// Records the outcome: status sent (sent_at = at), skipped or failed (with the code).
Status FinishNotice(Conn& c, int64_t id, const std::string& status, const std::string& error, int64_t at);
// The notices of a meeting or of a decision, oldest first.
StatusOr<std::vector<CommitteeNotice>> ListNoticesOfMeeting(Conn& c, int64_t meeting_id);
StatusOr<std::vector<CommitteeNotice>> ListNoticesOfDecision(Conn& c, int64_t decision_id);
// Whether an invitation of the meeting was ever recorded (a cancellation goes to those invited).
StatusOr<bool> MeetingWasInvited(Conn& c, int64_t meeting_id);

// Ids of scheduled meetings starting in (from, to], soonest first.
StatusOr<std::vector<int64_t>> ScheduledMeetingsStarting(Conn& c, int64_t from, int64_t to);
// Ids of open or in-progress decisions with a deadline before `until`, soonest first.
StatusOr<std::vector<int64_t>> OpenDecisionsDueBefore(Conn& c, int64_t until);

}  // namespace pol::store
