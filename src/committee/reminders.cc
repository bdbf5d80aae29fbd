#include "committee/reminders.h"

#include <algorithm>
#include <map>
#include <vector>

#include "committee/escalation.h"
#include "store/committee_repo_reminders.h"

namespace pol::committee {

StatusOr<int64_t> Invitations::SweepMeetings(store::Conn& c, int64_t now) {
  int64_t added = 0;
  POL_ASSIGN_OR_RETURN(auto ids, store::ScheduledMeetingsStarting(c, now, now + 24 * kHourMs));
  for (int64_t id : ids) {
    POL_ASSIGN_OR_RETURN(store::Meeting m, store::GetMeeting(c, id));
    const std::string kind = m.starts_at - now <= kHourMs ? "remind_hour" : "remind_day";
    const std::string key = kind + ":m" + std::to_string(m.id) + ":" + std::to_string(m.starts_at);
    POL_ASSIGN_OR_RETURN(auto members, store::ListMembers(c, m.committee_id, true));
    POL_ASSIGN_OR_RETURN(auto attendance, store::ListAttendance(c, m.id));
    for (const store::CommitteeMember& member : members) {
      bool declined = false;
      for (const auto& a : attendance) declined |= a.member_id == member.id && a.rsvp == "no";
      if (declined) continue;
      store::CommitteeNotice n;
      n.kind = kind;
      n.committee_id = m.committee_id;
      n.meeting_id = m.id;
      n.member_id = member.id;
      n.user_id = member.user_id;
      n.sequence = m.starts_at;
      n.created_at = now;
      POL_ASSIGN_OR_RETURN(int64_t k, EnqueueForUser(c, n, key));
      added += k;
    }
  }
  return added;
}

StatusOr<int64_t> Invitations::SweepDecisionsDue(store::Conn& c, int64_t now) {
  int64_t added = 0;
  // Each committee's lead time (committee_reminder_settings, 3 days by default, at most 30): decisions due
  // within the longest possible lead are read, then each is held to its own committee's.
  std::map<int64_t, int64_t> lead_ms;  // committee → lead time
  POL_ASSIGN_OR_RETURN(
      auto ids, store::OpenDecisionsDueBefore(c, now + store::kMaxDecisionReminderDays * 24 * kHourMs));
  for (int64_t id : ids) {
    POL_ASSIGN_OR_RETURN(store::Decision d, store::GetDecision(c, id));
    if (d.deadline < now) continue;  // overdue: escalation.cc
    auto lead = lead_ms.find(d.committee_id);
    if (lead == lead_ms.end()) {
      POL_ASSIGN_OR_RETURN(auto settings, store::GetCommitteeReminderSettings(c, d.committee_id));
      lead = lead_ms.emplace(d.committee_id, settings.decision_reminder_days * 24 * kHourMs).first;
    }
    if (d.deadline - now > lead->second) continue;
    // The owner person and the PR managers of the owner agency, once each (per user and channel).
    std::vector<int64_t> to;
    if (d.owner_user_id) to.push_back(*d.owner_user_id);
    POL_ASSIGN_OR_RETURN(auto managers, store::AgencyPrManagers(c, d.owner_agency_id));
    for (int64_t u : managers) {
      if (std::find(to.begin(), to.end(), u) == to.end()) to.push_back(u);
    }
    for (int64_t user_id : to) {
      store::CommitteeNotice n;
      n.kind = "decision_due";
      n.committee_id = d.committee_id;
      n.decision_id = d.id;
      n.user_id = user_id;
      n.sequence = d.deadline;
      n.created_at = now;
      POL_ASSIGN_OR_RETURN(
          int64_t k,
          EnqueueForUser(c, n, "decision_due:d" + std::to_string(d.id) + ":" + std::to_string(d.deadline)));
      added += k;
    }
  }
  return added;
}

StatusOr<int64_t> Invitations::Sweep() {
  const int64_t now = env_->NowMillis();
  int64_t added = 0;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    added = 0;  // a retried transaction starts over
    POL_ASSIGN_OR_RETURN(int64_t a, SweepMeetings(c, now));
    POL_ASSIGN_OR_RETURN(int64_t b, SweepDecisionsDue(c, now));
    POL_ASSIGN_OR_RETURN(int64_t e, SweepOverdue(c, now));
    added = a + b + e;
    return Status::Ok();
  }));
  if (added > 0) queue_->Notify();
  return added;
}

}  // namespace pol::committee
