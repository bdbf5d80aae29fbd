// CommitteeService: decisions (مصوبات), their follow-up log, votes, and a member's own view.
#include <algorithm>

#include "committee/committee_internal.h"
#include "committee/committees.h"
#include "store/council_repo.h"
#include "store/user_repo.h"
#include "text/jalali.h"

namespace pol::committee {
namespace {

using accounts::Actor;
using internal::LoadScope;
using internal::LoadScopeUnchecked;

text::CivilDate TehranDay(int64_t ms) { return text::TehranFromUnix(ms / 1000).date; }

// A Jalali date (yyyy/mm/dd in any digits) → the last millisecond of that day in Tehran.
StatusOr<int64_t> ParseDeadline(const std::string& s) {
  auto j = text::ParseJalali(s);
  if (!j.ok())
    return InvalidArgument("invalid_date", "مهلت باید تاریخ خورشیدی معتبری باشد (مثل ۱۴۰۵/۰۹/۳۰).",
                           "deadline");
  return text::UnixFromTehran({text::FromJalali(*j), 86399}) * 1000 + 999;
}

bool Active(const std::string& status) { return status == "open" || status == "in_progress"; }

bool AllowedMove(const std::string& from, const std::string& to) {
  if (from == to) return true;
  if (from == "open") return to == "in_progress" || to == "done" || to == "cancelled";
  if (from == "in_progress") return to == "done" || to == "cancelled";
  return false;
}

Status CheckStatus(const std::string& s) {
  if (s == "open" || s == "in_progress" || s == "done" || s == "cancelled") return Status::Ok();
  return InvalidArgument("invalid_status", "وضعیت مصوبه باید open، in_progress، done یا cancelled باشد.",
                         "status");
}

// Applies owner, deadline, text, priority and majority; checks them against the meeting.
Status ApplyDecisionInput(store::Conn& c, const DecisionInput& in, const store::Committee& committee,
                          const store::Meeting& meeting, store::Decision& d, nlohmann::json& changes) {
  if (in.text) {
    POL_ASSIGN_OR_RETURN(d.text, internal::Text(in.text, 4000, "text", true));
    changes["text"] = d.text;
  }
  if (in.owner_agency_id) {
    auto a = store::GetAgency(c, *in.owner_agency_id);
    if (!a.ok() || a->council_id != committee.council_id) {
      return InvalidArgument("unknown_agency", "دستگاه مسئول در این شورا پیدا نشد.", "owner_agency_id");
    }
    d.owner_agency_id = *in.owner_agency_id;
    changes["owner_agency_id"] = d.owner_agency_id;
  }
  if (in.owner_user_id) {
    if (!store::GetUser(c, *in.owner_user_id).ok()) {
      return InvalidArgument("unknown_user", "مسئول انتخاب‌شده وجود ندارد.",
                             "owner_user_id");
    }
    d.owner_user_id = *in.owner_user_id;
    changes["owner_user_id"] = *d.owner_user_id;
  }
  if (in.deadline) {
    POL_ASSIGN_OR_RETURN(d.deadline, ParseDeadline(*in.deadline));
    changes["deadline"] = d.deadline;
  }
  if (d.deadline < meeting.starts_at) {
    return InvalidArgument(
        "deadline_before_meeting",
        "مهلت مصوبه نمی‌تواند پیش از تاریخ جلسه باشد.", "deadline");
  }
  if (in.priority) {
    if (*in.priority != "low" && *in.priority != "normal" && *in.priority != "high") {
      return InvalidArgument("invalid_priority", "اولویت باید low، normal یا high باشد.", "priority");
    }
    d.priority = *in.priority;
    changes["priority"] = d.priority;
  }
  if (in.majority) {
    if (!in.majority->empty() && !IsMajorityRule(*in.majority)) {
      return InvalidArgument("invalid_majority", "اکثریت لازم باید simple، two_thirds یا unanimous باشد.",
                             "majority");
    }
    d.majority = *in.majority;
    changes["majority"] = d.majority;
  }
  return Status::Ok();
}

}  // namespace

namespace internal {

StatusOr<DecisionView> LoadDecisionView(store::Conn& c, const store::Decision& d, int64_t now,
                                        const text::WorkCalendar& cal, bool details) {
  DecisionView v;
  v.decision = d;
  v.overdue = Active(d.status) && d.deadline < now;
  v.deadline_jalali = JalaliDay(d.deadline);
  const text::CivilDate today = TehranDay(now), due = TehranDay(d.deadline);
  v.working_days_left = text::DaysFromCivil(due) >= text::DaysFromCivil(today)
                            ? cal.WorkingDaysBetween(today, due)
                            : -cal.WorkingDaysBetween(due, today);
  if (details) {
    POL_ASSIGN_OR_RETURN(v.followups, store::ListFollowUps(c, d.id));
    POL_ASSIGN_OR_RETURN(v.votes, store::ListVotes(c, d.id));
  }
  if (!d.majority.empty()) {
    POL_ASSIGN_OR_RETURN(auto votes, store::ListVotes(c, d.id));
    POL_ASSIGN_OR_RETURN(auto attendance, store::ListAttendance(c, d.meeting_id));
    POL_ASSIGN_OR_RETURN(auto members, store::ListMembers(c, d.committee_id, false));
    int64_t yes = 0, no = 0, abstain = 0, present = 0;
    for (const auto& a : attendance) {
      auto m =
          std::find_if(members.begin(), members.end(), [&](const auto& x) { return x.id == a.member_id; });
      if (m != members.end() && m->voting && CountsAsPresent(a.status)) ++present;
    }
    for (const auto& x : votes) (x.vote == "yes" ? yes : x.vote == "no" ? no : abstain)++;
    v.tally = Tally(d.majority, yes, no, abstain, present);
  }
  return v;
}

}  // namespace internal

StatusOr<DecisionView> CommitteeService::CreateDecision(const Actor& actor, int64_t meeting_id,
                                                        const DecisionInput& in) {
  if (!in.owner_agency_id) {
    return InvalidArgument("owner_required", "دستگاه مسئول مصوبه را انتخاب کنید.", "owner_agency_id");
  }
  if (!in.deadline) return InvalidArgument("required", "مهلت انجام مصوبه لازم است.", "deadline");
  if (!in.text) return InvalidArgument("required", "متن مصوبه لازم است.", "text");
  const int64_t now = env_->NowMillis();
  store::Decision d;
  DecisionView view;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, meeting_id));
    store::Meeting* m = &found.meeting;
    internal::Scope* s = &found.scope;
    if (!CanRunMeetings(actor, s->committee.council_id, s->seat)) return PermissionDenied();
    if (m->status == "minutes_approved")
      return FailedPrecondition("minutes_locked", "صورت‌جلسه تأیید و قفل شده است.");
    if (m->status != "held" && m->status != "minutes_review") {
      return FailedPrecondition("meeting_not_held",
                                "مصوبه فقط در جلسهٔ برگزارشده ثبت می‌شود.");
    }
    d.committee_id = m->committee_id;
    d.meeting_id = meeting_id;
    d.status = "open";
    d.created_at = d.updated_at = now;
    if (in.agenda_item_id) {
      POL_ASSIGN_OR_RETURN(auto agenda, store::ListAgenda(c, meeting_id));
      if (std::none_of(agenda.begin(), agenda.end(),
                       [&](const auto& a) { return a.id == *in.agenda_item_id; })) {
        return InvalidArgument("unknown_agenda_item", "بند دستور جلسه پیدا نشد.", "agenda_item_id");
      }
      d.agenda_item_id = in.agenda_item_id;
    }
    nlohmann::json changes = nlohmann::json::object();
    POL_RETURN_IF_ERROR(ApplyDecisionInput(c, in, s->committee, *m, d, changes));
    POL_ASSIGN_OR_RETURN(d.id, store::InsertDecision(c, d));
    d.meeting_number = m->number;
    POL_RETURN_IF_ERROR(accounts::Audit(c, actor, now, "create", "committee_decision", std::to_string(d.id),
                                        {s->committee.council_id, d.owner_agency_id}, changes));
    POL_ASSIGN_OR_RETURN(view, internal::LoadDecisionView(c, d, now, work_calendar_, true));
    return Status::Ok();
  }));
  return view;
}

StatusOr<DecisionView> CommitteeService::GetDecision(const Actor& actor, int64_t id) {
  const int64_t now = env_->NowMillis();
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<DecisionView> {
    auto d = store::GetDecision(c, id);
    if (!d.ok()) return NotFound("مصوبه پیدا نشد.");
    POL_ASSIGN_OR_RETURN(internal::Scope s, LoadScopeUnchecked(c, actor, d->committee_id));
    if (!CanReadDecision(actor, s.committee.council_id, s.seat, d->owner_agency_id)) {
      return NotFound("مصوبه پیدا نشد.");
    }
    return internal::LoadDecisionView(c, *d, now, work_calendar_, true);
  });
}

StatusOr<DecisionView> CommitteeService::UpdateDecision(const Actor& actor, int64_t id,
                                                        const DecisionInput& in) {
  if (!in.version)
    return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  if (in.status) POL_RETURN_IF_ERROR(CheckStatus(*in.status));
  const int64_t now = env_->NowMillis();
  DecisionView view;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    auto d = store::GetDecision(c, id);
    if (!d.ok()) return NotFound("مصوبه پیدا نشد.");
    POL_ASSIGN_OR_RETURN(internal::Scope s, LoadScopeUnchecked(c, actor, d->committee_id));
    if (!CanReadDecision(actor, s.committee.council_id, s.seat, d->owner_agency_id)) {
      return NotFound("مصوبه پیدا نشد.");
    }
    if (!CanRunMeetings(actor, s.committee.council_id, s.seat)) return PermissionDenied();
    if (d->version != *in.version) return VersionConflict();
    POL_ASSIGN_OR_RETURN(store::Meeting m, store::GetMeeting(c, d->meeting_id));
    if (m.status == "minutes_approved" && (in.text || in.majority || in.owner_agency_id || in.deadline)) {
      return FailedPrecondition(
          "minutes_locked",
          "صورت‌جلسه تأیید و قفل شده است؛ متن مصوبه تغییر نمی‌کند.");
    }
    nlohmann::json changes = nlohmann::json::object();
    POL_RETURN_IF_ERROR(ApplyDecisionInput(c, in, s.committee, m, *d, changes));
    if (in.status) {
      if (!AllowedMove(d->status, *in.status)) {
        return FailedPrecondition("invalid_transition", "این تغییر وضعیت مصوبه ممکن نیست.");
      }
      d->status = *in.status;
      if (d->status == "done") {
        d->progress = 100;
        d->done_at = now;
      }
      changes["status"] = d->status;
    }
    POL_RETURN_IF_ERROR(store::UpdateDecision(c, *d, now));
    d->version += 1;
    d->updated_at = now;
    POL_RETURN_IF_ERROR(accounts::Audit(c, actor, now, "update", "committee_decision", std::to_string(id),
                                        {s.committee.council_id, d->owner_agency_id}, changes));
    POL_ASSIGN_OR_RETURN(view, internal::LoadDecisionView(c, *d, now, work_calendar_, true));
    return Status::Ok();
  }));
  return view;
}

StatusOr<std::pair<std::vector<DecisionView>, int64_t>> CommitteeService::ListDecisions(
    const Actor& actor, store::DecisionFilter f, bool overdue_only) {
  const int64_t now = env_->NowMillis();
  if (overdue_only) f.overdue_at = now;
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<std::pair<std::vector<DecisionView>, int64_t>> {
    const auto councils = CommitteeCouncils(actor);  // nullopt: every committee
    if (councils) {
      // Scope: committees the actor reads (by council role or a seat), or decisions of their agencies.
      std::vector<int64_t> committees;
      POL_ASSIGN_OR_RETURN(auto by_role, store::ListCommittees(c, councils));
      for (const auto& x : by_role) committees.push_back(x.id);
      if (!actor.IsSystem()) {
        POL_ASSIGN_OR_RETURN(auto seats, store::MembershipsOfUser(c, actor.principal->user_id));
        for (const auto& x : seats) committees.push_back(x.committee_id);
      }
      f.only_committee_ids = committees;
      f.only_agency_ids = FollowedAgencies(actor);
    }
    POL_ASSIGN_OR_RETURN(auto page, store::ListDecisions(c, f));
    std::pair<std::vector<DecisionView>, int64_t> out{{}, page.second};
    for (const auto& d : page.first) {
      POL_ASSIGN_OR_RETURN(DecisionView v, internal::LoadDecisionView(c, d, now, work_calendar_, false));
      out.first.push_back(std::move(v));
    }
    return out;
  });
}

StatusOr<DecisionView> CommitteeService::AddFollowUp(const Actor& actor, int64_t decision_id,
                                                     const FollowUpInput& in) {
  store::FollowUp f;
  f.decision_id = decision_id;
  POL_ASSIGN_OR_RETURN(f.note, internal::Text(in.note, 4000, "note", true));
  if (in.progress && (*in.progress < 0 || *in.progress > 100)) {
    return InvalidArgument("invalid_progress", "پیشرفت باید بین ۰ تا ۱۰۰ درصد باشد.", "progress");
  }
  if (in.status) {
    POL_RETURN_IF_ERROR(CheckStatus(*in.status));
    if (*in.status == "cancelled") {
      return InvalidArgument("invalid_status", "لغو مصوبه با دبیر کمیته است، نه با گزارش پیگیری.", "status");
    }
  }
  const int64_t now = env_->NowMillis();
  DecisionView view;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    auto d = store::GetDecision(c, decision_id);
    if (!d.ok()) return NotFound("مصوبه پیدا نشد.");
    POL_ASSIGN_OR_RETURN(internal::Scope s, LoadScopeUnchecked(c, actor, d->committee_id));
    const bool reads = CanReadDecision(actor, s.committee.council_id, s.seat, d->owner_agency_id) ||
                       (!actor.IsSystem() && d->owner_user_id == actor.principal->user_id);
    if (!reads) return NotFound("مصوبه پیدا نشد.");
    if (!CanFollowUp(actor, s.committee.council_id, s.seat, d->owner_agency_id, d->owner_user_id)) {
      return PermissionDenied("پیگیری این مصوبه با دستگاه یا فرد مسئول آن است.");
    }
    if (!Active(d->status)) return FailedPrecondition("decision_closed", "این مصوبه بسته شده است.");
    const std::string to = in.status.value_or(d->status == "open" ? "in_progress" : d->status);
    if (!AllowedMove(d->status, to))
      return FailedPrecondition("invalid_transition", "این تغییر وضعیت ممکن نیست.");
    d->status = to;
    d->progress = to == "done" ? 100 : in.progress.value_or(d->progress);
    if (to == "done") d->done_at = now;
    f.at = now;
    f.user_id = actor.IsSystem() ? std::nullopt : std::optional<int64_t>(actor.principal->user_id);
    f.progress = d->progress;
    f.status = d->status;
    POL_ASSIGN_OR_RETURN(f.id, store::InsertFollowUp(c, f));
    POL_RETURN_IF_ERROR(store::UpdateDecision(c, *d, now));
    d->version += 1;
    d->updated_at = now;
    POL_RETURN_IF_ERROR(
        accounts::Audit(c, actor, now, "follow_up", "committee_decision", std::to_string(decision_id),
                        {s.committee.council_id, d->owner_agency_id},
                        {{"followup_id", f.id}, {"status", f.status}, {"progress", f.progress}}));
    POL_ASSIGN_OR_RETURN(view, internal::LoadDecisionView(c, *d, now, work_calendar_, true));
    return Status::Ok();
  }));
  return view;
}

StatusOr<DecisionView> CommitteeService::CastVote(const Actor& actor, int64_t decision_id,
                                                  const VoteInput& in) {
  if (in.vote != "yes" && in.vote != "no" && in.vote != "abstain") {
    return InvalidArgument("invalid_vote", "رأی باید yes، no یا abstain باشد.", "vote");
  }
  const int64_t now = env_->NowMillis();
  DecisionView view;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    auto d = store::GetDecision(c, decision_id);
    if (!d.ok()) return NotFound("مصوبه پیدا نشد.");
    auto s = LoadScope(c, actor, d->committee_id);
    if (!s.ok()) return NotFound("مصوبه پیدا نشد.");
    int64_t member_id = 0;
    if (in.member_id && !(s->member && s->member->id == *in.member_id)) {
      if (!CanRunMeetings(actor, s->committee.council_id, s->seat)) {
        return PermissionDenied(
            "فقط دبیر کمیته رأی دیگر اعضا را ثبت می‌کند.");
      }
      member_id = *in.member_id;
    } else {
      if (!s->seat) return PermissionDenied("فقط اعضای کمیته رأی می‌دهند.");
      member_id = s->member->id;
    }
    POL_ASSIGN_OR_RETURN(store::Meeting m, store::GetMeeting(c, d->meeting_id));
    if (m.status == "minutes_approved") {
      return FailedPrecondition(
          "minutes_locked",
          "صورت‌جلسه تأیید و قفل شده است؛ رأی‌گیری بسته است.");
    }
    if (d->majority.empty())
      return FailedPrecondition("no_vote",
                                "برای این مصوبه رأی‌گیری تعریف نشده است.");
    auto member = store::GetMember(c, member_id);
    if (!member.ok() || member->committee_id != d->committee_id || member->left_at) {
      return InvalidArgument(
          "unknown_member", "رأی‌دهنده عضو کنونی این کمیته نیست.", "member_id");
    }
    if (!member->voting) return FailedPrecondition("not_voting", "این عضو حق رأی ندارد.");
    POL_ASSIGN_OR_RETURN(auto attendance, store::ListAttendance(c, d->meeting_id));
    if (std::none_of(attendance.begin(), attendance.end(), [&](const auto& a) {
          return a.member_id == member_id && internal::CountsAsPresent(a.status);
        })) {
      return FailedPrecondition(
          "not_present",
          "این عضو در جلسه حاضر نبوده و نمی‌تواند رأی دهد.");
    }
    POL_RETURN_IF_ERROR(store::UpsertVote(c, {decision_id, member_id, in.vote, now}));
    POL_ASSIGN_OR_RETURN(view, internal::LoadDecisionView(c, *d, now, work_calendar_, true));
    d->vote_result = TallyText(d->majority, *view.tally);
    POL_RETURN_IF_ERROR(store::UpdateDecision(c, *d, now));
    view.decision.vote_result = d->vote_result;
    view.decision.version = d->version + 1;
    view.decision.updated_at = now;
    return accounts::Audit(c, actor, now, "vote", "committee_decision", std::to_string(decision_id),
                           {s->committee.council_id, d->owner_agency_id},
                           {{"member_id", member_id}, {"vote", in.vote}});
  }));
  return view;
}

StatusOr<MyView> CommitteeService::Mine(const Actor& actor) {
  MyView v;
  if (actor.IsSystem()) return v;
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto seats, store::MembershipsOfUser(c, actor.principal->user_id));
    for (const auto& seat : seats) {
      POL_ASSIGN_OR_RETURN(store::Committee committee, store::GetCommittee(c, seat.committee_id));
      POL_ASSIGN_OR_RETURN(auto meetings, store::ListMeetings(c, seat.committee_id));
      for (const auto& m : meetings) {
        if (m.status == "draft" || m.status == "cancelled" || m.starts_at + 7 * 86400000LL < now) continue;
        POL_ASSIGN_OR_RETURN(MeetingView mv, internal::LoadMeetingView(c, committee, m, now, work_calendar_));
        v.meetings.push_back(std::move(mv));
      }
    }
    std::sort(v.meetings.begin(), v.meetings.end(), [](const MeetingView& a, const MeetingView& b) {
      return a.meeting.starts_at < b.meeting.starts_at;
    });
    store::DecisionFilter f{.owner_user_id = actor.principal->user_id, .limit = 200};
    POL_ASSIGN_OR_RETURN(auto page, store::ListDecisions(c, f));
    for (const auto& d : page.first) {
      POL_ASSIGN_OR_RETURN(DecisionView dv, internal::LoadDecisionView(c, d, now, work_calendar_, false));
      v.decisions.push_back(std::move(dv));
    }
    return Status::Ok();
  }));
  return v;
}

}  // namespace pol::committee
