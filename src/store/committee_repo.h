// SQL of the PR committee (src/committee): committees, members and their history, meetings, agenda,
// attendance, decisions, follow-up entries and votes. Plain rows; the rules live in committee/.
//
// Thread-safety: functions of a Conn, which the caller holds inside Database::Read/Write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct Committee {
  int64_t id = 0, council_id = 0;
  std::optional<int64_t> parent_id;
  std::string name, quorum_rule = "half";  // half | two_thirds | all
  int64_t version = 1, created_at = 0, updated_at = 0;
};

struct CommitteeMember {
  int64_t id = 0, committee_id = 0, user_id = 0;
  std::optional<int64_t> agency_id;
  std::string role;  // chair | secretary | member | guest
  bool voting = true;
  int64_t joined_at = 0;
  std::optional<int64_t> left_at;  // set when the member left; the row stays as history
  std::string user_name;           // read only: users.name
};

struct Meeting {
  int64_t id = 0, committee_id = 0, number = 0;
  std::string kind;  // regular | extraordinary
  int64_t starts_at = 0, duration_min = 60;
  std::string place, online_url;
  std::string status;  // draft | scheduled | held | minutes_review | minutes_approved | cancelled
  int64_t version = 1, created_at = 0, updated_at = 0;
};

struct AgendaItem {
  int64_t id = 0, meeting_id = 0, position = 0;
  std::string title;
  std::optional<int64_t> presenter_user_id;
  int64_t duration_min = 0;
  std::string link_kind;  // "" | release | media_item | citizen_request | issue
  std::optional<int64_t> link_id;
  bool is_review = false;  // the opening "review of open decisions"
};

struct Attendance {
  int64_t meeting_id = 0, member_id = 0;
  std::string status;  // present | excused | absent | late | delegated | "" (not recorded)
  std::string delegate_name, rsvp;
};

struct Decision {
  int64_t id = 0, committee_id = 0, meeting_id = 0;
  std::optional<int64_t> agenda_item_id;
  std::string text;
  int64_t owner_agency_id = 0;
  std::optional<int64_t> owner_user_id;
  int64_t deadline = 0;
  std::string priority = "normal", status = "open";
  int64_t progress = 0;
  std::string majority, vote_result;
  std::optional<int64_t> done_at;
  int64_t version = 1, created_at = 0, updated_at = 0;
  int64_t meeting_number = 0;  // read only
};

struct FollowUp {
  int64_t id = 0, decision_id = 0, at = 0;
  std::optional<int64_t> user_id;
  std::string note;
  int64_t progress = 0;
  std::string status;
};

struct Vote {
  int64_t decision_id = 0, member_id = 0;
  std::string vote;  // yes | no | abstain
  int64_t at = 0;
};

struct DecisionFilter {
  std::optional<int64_t> committee_id, meeting_id, owner_agency_id, owner_user_id;
  std::optional<std::vector<int64_t>> only_agency_ids, only_committee_ids;
  std::optional<std::string> status;
  std::optional<int64_t> overdue_at;  // open or in progress with a deadline before this time
  int64_t limit = 50, offset = 0;
};

StatusOr<int64_t> InsertCommittee(Conn& c, const Committee& v);
StatusOr<Committee> GetCommittee(Conn& c, int64_t id);
StatusOr<std::vector<Committee>> ListCommittees(Conn& c, const std::optional<std::vector<int64_t>>& councils);

StatusOr<int64_t> InsertMember(Conn& c, const CommitteeMember& m);
StatusOr<CommitteeMember> GetMember(Conn& c, int64_t id);
// Members of a committee; with `current_only`, those who have not left.
StatusOr<std::vector<CommitteeMember>> ListMembers(Conn& c, int64_t committee_id, bool current_only);
Status EndMembership(Conn& c, int64_t member_id, int64_t at);
// The current memberships of a user, over all committees.
StatusOr<std::vector<CommitteeMember>> MembershipsOfUser(Conn& c, int64_t user_id);

StatusOr<int64_t> NextMeetingNumber(Conn& c, int64_t committee_id);
StatusOr<int64_t> InsertMeeting(Conn& c, const Meeting& m);
StatusOr<Meeting> GetMeeting(Conn& c, int64_t id);
StatusOr<std::vector<Meeting>> ListMeetings(Conn& c, int64_t committee_id);
// Meetings (not cancelled, not `except_id`) overlapping [from, to) of the committee, or of any committee
// where one of `user_ids` is a current member.
StatusOr<std::vector<Meeting>> OverlappingMeetings(Conn& c, int64_t from, int64_t to, int64_t except_id,
                                                   std::optional<int64_t> committee_id,
                                                   const std::vector<int64_t>& user_ids);
// Writes the mutable fields when `version` matches; VersionConflict otherwise.
Status UpdateMeeting(Conn& c, const Meeting& m, int64_t now);

StatusOr<int64_t> InsertAgendaItem(Conn& c, const AgendaItem& a);
StatusOr<std::vector<AgendaItem>> ListAgenda(Conn& c, int64_t meeting_id);

// Inserts or replaces one member's attendance status (keeps the RSVP).
Status UpsertAttendance(Conn& c, const Attendance& a);
Status UpsertRsvp(Conn& c, int64_t meeting_id, int64_t member_id, const std::string& rsvp,
                  const std::string& delegate_name);
StatusOr<std::vector<Attendance>> ListAttendance(Conn& c, int64_t meeting_id);

StatusOr<int64_t> InsertDecision(Conn& c, const Decision& d);
StatusOr<Decision> GetDecision(Conn& c, int64_t id);
StatusOr<std::pair<std::vector<Decision>, int64_t>> ListDecisions(Conn& c, const DecisionFilter& f);
Status UpdateDecision(Conn& c, const Decision& d, int64_t now);

StatusOr<int64_t> InsertFollowUp(Conn& c, const FollowUp& f);
StatusOr<std::vector<FollowUp>> ListFollowUps(Conn& c, int64_t decision_id);

Status UpsertVote(Conn& c, const Vote& v);
StatusOr<std::vector<Vote>> ListVotes(Conn& c, int64_t decision_id);

}  // namespace pol::store
