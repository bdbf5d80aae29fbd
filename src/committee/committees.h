// The council's PR committee: committees and members (with history), meetings numbered per committee and
// their state machine (draft → scheduled → held; cancelled), the agenda that always opens with the review
// of open decisions, attendance and quorum, RSVP, decisions with their follow-up log and votes.
// Permission through committee_policy.h; every write is audited in its own transaction; bad input is a
// Persian InvalidArgument/FailedPrecondition with a stable code and nothing is written.
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "committee/committee_policy.h"
#include "committee/quorum.h"
#include "newsroom/calendar.h"
#include "store/committee_repo.h"
#include "text/work_calendar.h"

namespace pol::committee {

struct CommitteeInput {
  std::optional<int64_t> council_id, parent_id;
  std::optional<std::string> name, quorum_rule;
};

struct MemberInput {
  std::optional<int64_t> user_id, agency_id;
  std::optional<std::string> role;
  std::optional<bool> voting;
};

struct MeetingInput {
  std::optional<int64_t> version, starts_at, duration_min;  // starts_at: Unix milliseconds
  std::optional<std::string> kind, place, online_url;
};

struct AgendaInput {
  std::optional<std::string> title, link_kind;
  std::optional<int64_t> presenter_user_id, duration_min, link_id;
};

struct AttendanceInput {
  int64_t member_id = 0;
  std::string status, delegate_name;
};

struct DecisionInput {
  std::optional<int64_t> version, agenda_item_id, owner_agency_id, owner_user_id;
  std::optional<std::string> text, deadline, priority, status, majority;  // deadline: Jalali yyyy/mm/dd
};

struct FollowUpInput {
  std::optional<std::string> note, status;
  std::optional<int64_t> progress;
};

struct VoteInput {
  std::optional<int64_t> member_id;  // absent: the actor's own seat
  std::string vote;                  // yes | no | abstain
};

struct CommitteeView {
  store::Committee committee;
  std::vector<store::CommitteeMember> members;  // current and past (left_at set)
  std::optional<Seat> my_seat;
};

struct DecisionView {
  store::Decision decision;
  bool overdue = false;
  std::string deadline_jalali;    // «۲۰ آذر ۱۴۰۵»
  int64_t working_days_left = 0;  // working days from today to the deadline (negative when overdue)
  std::vector<store::FollowUp> followups;
  std::vector<store::Vote> votes;
  std::optional<VoteTally> tally;  // when a majority is set
};

struct MeetingView {
  store::Meeting meeting;
  std::string starts_jalali;  // «شنبه ۲۰ آذر ۱۴۰۵، ساعت ۱۰:۰۰»
  std::vector<store::AgendaItem> agenda;
  std::vector<DecisionView> review;  // the opening item: open decisions due or overdue
  std::vector<store::Attendance> attendance;
  Quorum quorum;
  std::vector<std::string> warnings;  // clashes found when scheduling (Persian)
};

struct MyView {
  std::vector<MeetingView> meetings;  // upcoming meetings of the committees where the actor has a seat
  std::vector<DecisionView> decisions;
};

class CommitteeService {
 public:
  // `calendar` (the newsroom's editorial calendar) may be null: no editorial warnings then.
  CommitteeService(store::Database* db, Env* env, newsroom::CalendarService* calendar)
      : db_(db), env_(env), calendar_(calendar) {}

  StatusOr<std::vector<store::Committee>> ListCommittees(const accounts::Actor& actor);
  StatusOr<CommitteeView> GetCommittee(const accounts::Actor& actor, int64_t id);
  StatusOr<store::Committee> CreateCommittee(const accounts::Actor& actor, const CommitteeInput& in);
  StatusOr<store::CommitteeMember> AddMember(const accounts::Actor& actor, int64_t committee_id,
                                             const MemberInput& in);
  Status EndMember(const accounts::Actor& actor, int64_t committee_id, int64_t member_id);

  StatusOr<std::vector<store::Meeting>> ListMeetings(const accounts::Actor& actor, int64_t committee_id);
  StatusOr<MeetingView> CreateMeeting(const accounts::Actor& actor, int64_t committee_id,
                                      const MeetingInput& in);
  StatusOr<MeetingView> GetMeeting(const accounts::Actor& actor, int64_t id);
  StatusOr<MeetingView> UpdateMeeting(const accounts::Actor& actor, int64_t id, const MeetingInput& in);
  // action: schedule | hold | cancel.
  StatusOr<MeetingView> Transition(const accounts::Actor& actor, int64_t id, const std::string& action,
                                   std::optional<int64_t> version);
  StatusOr<store::AgendaItem> AddAgendaItem(const accounts::Actor& actor, int64_t meeting_id,
                                            const AgendaInput& in);
  StatusOr<MeetingView> SetAttendance(const accounts::Actor& actor, int64_t meeting_id,
                                      const std::vector<AttendanceInput>& in);
  // rsvp: yes | no | delegate (with the delegate's name).
  Status Rsvp(const accounts::Actor& actor, int64_t meeting_id, const std::string& rsvp,
              const std::string& delegate_name);

  StatusOr<DecisionView> CreateDecision(const accounts::Actor& actor, int64_t meeting_id,
                                        const DecisionInput& in);
  StatusOr<DecisionView> GetDecision(const accounts::Actor& actor, int64_t id);
  StatusOr<DecisionView> UpdateDecision(const accounts::Actor& actor, int64_t id, const DecisionInput& in);
  StatusOr<std::pair<std::vector<DecisionView>, int64_t>> ListDecisions(const accounts::Actor& actor,
                                                                        store::DecisionFilter f,
                                                                        bool overdue_only);
  StatusOr<DecisionView> AddFollowUp(const accounts::Actor& actor, int64_t decision_id,
                                     const FollowUpInput& in);
  StatusOr<DecisionView> CastVote(const accounts::Actor& actor, int64_t decision_id, const VoteInput& in);

  StatusOr<MyView> Mine(const accounts::Actor& actor);

  // Called inside the write transaction that schedules, updates, holds or cancels a meeting, after the
  // change (committee/invitations.h enqueues invitations there). Set once, before serving.
  using MeetingHook = std::function<Status(store::Conn&, const store::Meeting&, int64_t now)>;
  void SetMeetingHook(MeetingHook hook) { meeting_hook_ = std::move(hook); }

 private:
  friend struct ServiceInternals;
  store::Database* const db_;
  Env* const env_;
  newsroom::CalendarService* const calendar_;
  const text::WorkCalendar work_calendar_;
  MeetingHook meeting_hook_;
};

}  // namespace pol::committee
