// CommitteeService: meetings, their state machine and clash warnings, agenda, attendance, quorum, RSVP.
#include <algorithm>

#include "committee/committee_internal.h"
#include "committee/committees.h"
#include "store/calendar_repo.h"
#include "store/user_repo.h"
#include "text/jalali.h"
#include "text/number_words.h"

namespace pol::committee {
namespace {

using accounts::Actor;
using internal::LoadScope;

constexpr int64_t kDayMs = 86400000;
// The opening agenda item lists open decisions due up to a week after the meeting, and overdue ones.
constexpr int64_t kReviewHorizonMs = 7 * kDayMs;
constexpr const char* kReviewTitle = "بررسی مصوبات باز";

Status Refuse(std::string code, std::string message) {
  return FailedPrecondition(std::move(code), std::move(message));
}

// Checks a meeting's own fields; FailedPrecondition/InvalidArgument with a code otherwise.
Status CheckMeetingFields(const store::Meeting& m, int64_t now) {
  if (m.kind != "regular" && m.kind != "extraordinary") {
    return InvalidArgument(
        "invalid_kind",
        "نوع جلسه باید regular (عادی) یا extraordinary (فوق‌العاده) باشد.",
        "kind");
  }
  if (m.starts_at <= now) return InvalidArgument("meeting_in_past", "زمان جلسه گذشته است.", "starts_at");
  if (m.duration_min < 15 || m.duration_min > 8 * 60) {
    return InvalidArgument("invalid_duration", "مدت جلسه باید بین ۱۵ دقیقه و ۸ ساعت باشد.", "duration_min");
  }
  if (!m.online_url.empty() && m.online_url.rfind("https://", 0) != 0) {
    return InvalidArgument("invalid_url", "پیوند جلسهٔ برخط باید با https:// آغاز شود.", "online_url");
  }
  return Status::Ok();
}

Status CheckNoOverlap(store::Conn& c, const store::Meeting& m) {
  POL_ASSIGN_OR_RETURN(auto same,
                       store::OverlappingMeetings(c, m.starts_at, m.starts_at + m.duration_min * 60000, m.id,
                                                  m.committee_id, {}));
  if (!same.empty()) {
    return InvalidArgument("meeting_overlap",
                           "این کمیته در همین زمان جلسهٔ شمارهٔ " +
                               text::ToPersianDigits(std::to_string(same.front().number)) + " را دارد.",
                           "starts_at");
  }
  return Status::Ok();
}

Status ApplyMeetingInput(const MeetingInput& in, store::Meeting& m) {
  if (in.kind) m.kind = *in.kind;
  if (in.starts_at) m.starts_at = *in.starts_at;
  if (in.duration_min) m.duration_min = *in.duration_min;
  if (in.place) {
    POL_ASSIGN_OR_RETURN(m.place, internal::Text(in.place, 300, "place", false));
  }
  if (in.online_url) m.online_url = *in.online_url;
  return Status::Ok();
}

}  // namespace

namespace internal {

StatusOr<MeetingView> LoadMeetingView(store::Conn& c, const store::Committee& committee,
                                      const store::Meeting& m, int64_t now, const text::WorkCalendar& cal) {
  MeetingView v;
  v.meeting = m;
  v.starts_jalali = JalaliDateTime(m.starts_at);
  POL_ASSIGN_OR_RETURN(v.agenda, store::ListAgenda(c, m.id));
  POL_ASSIGN_OR_RETURN(v.attendance, store::ListAttendance(c, m.id));
  store::DecisionFilter f{
      .committee_id = committee.id, .overdue_at = m.starts_at + kReviewHorizonMs, .limit = 200};
  POL_ASSIGN_OR_RETURN(auto open, store::ListDecisions(c, f));
  for (const auto& d : open.first) {
    if (d.meeting_id == m.id) continue;
    POL_ASSIGN_OR_RETURN(DecisionView dv, LoadDecisionView(c, d, now, cal, false));
    v.review.push_back(std::move(dv));
  }
  POL_ASSIGN_OR_RETURN(auto members, store::ListMembers(c, committee.id, true));
  int64_t voting = 0, present = 0;
  for (const auto& mem : members) {
    if (!mem.voting) continue;
    ++voting;
    for (const auto& a : v.attendance) {
      if (a.member_id == mem.id && CountsAsPresent(a.status)) ++present;
    }
  }
  v.quorum = ComputeQuorum(committee.quorum_rule, voting, present);
  return v;
}

}  // namespace internal

StatusOr<std::vector<store::Meeting>> CommitteeService::ListMeetings(const Actor& actor,
                                                                     int64_t committee_id) {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<std::vector<store::Meeting>> {
    POL_RETURN_IF_ERROR(LoadScope(c, actor, committee_id).status());
    return store::ListMeetings(c, committee_id);
  });
}

StatusOr<MeetingView> CommitteeService::CreateMeeting(const Actor& actor, int64_t committee_id,
                                                      const MeetingInput& in) {
  const int64_t now = env_->NowMillis();
  store::Meeting m;
  m.committee_id = committee_id;
  m.kind = in.kind.value_or("regular");
  m.duration_min = in.duration_min.value_or(90);
  m.status = "draft";
  if (!in.starts_at) return InvalidArgument("required", "زمان جلسه لازم است.", "starts_at");
  POL_RETURN_IF_ERROR(ApplyMeetingInput(in, m));
  m.created_at = m.updated_at = now;
  MeetingView view;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::Scope s, LoadScope(c, actor, committee_id));
    if (!CanRunMeetings(actor, s.committee.council_id, s.seat)) return PermissionDenied();
    POL_RETURN_IF_ERROR(CheckMeetingFields(m, now));
    POL_RETURN_IF_ERROR(CheckNoOverlap(c, m));
    POL_ASSIGN_OR_RETURN(m.number, store::NextMeetingNumber(c, committee_id));
    POL_ASSIGN_OR_RETURN(m.id, store::InsertMeeting(c, m));
    store::AgendaItem review{.meeting_id = m.id, .position = 0, .title = kReviewTitle, .is_review = true};
    POL_RETURN_IF_ERROR(store::InsertAgendaItem(c, review).status());
    POL_RETURN_IF_ERROR(accounts::Audit(c, actor, now, "create", "committee_meeting", std::to_string(m.id),
                                        {s.committee.council_id, std::nullopt},
                                        {{"committee_id", committee_id},
                                         {"number", m.number},
                                         {"kind", m.kind},
                                         {"starts_at", m.starts_at}}));
    POL_ASSIGN_OR_RETURN(view, internal::LoadMeetingView(c, s.committee, m, now, work_calendar_));
    return Status::Ok();
  }));
  return view;
}

StatusOr<MeetingView> CommitteeService::GetMeeting(const Actor& actor, int64_t id) {
  const int64_t now = env_->NowMillis();
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<MeetingView> {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, id));
    store::Meeting* m = &found.meeting;
    internal::Scope* s = &found.scope;
    return internal::LoadMeetingView(c, s->committee, *m, now, work_calendar_);
  });
}

StatusOr<MeetingView> CommitteeService::UpdateMeeting(const Actor& actor, int64_t id,
                                                      const MeetingInput& in) {
  if (!in.version)
    return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  const int64_t now = env_->NowMillis();
  MeetingView view;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, id));
    store::Meeting* m = &found.meeting;
    internal::Scope* s = &found.scope;
    if (!CanRunMeetings(actor, s->committee.council_id, s->seat)) return PermissionDenied();
    if (m->status != "draft" && m->status != "scheduled") {
      return Refuse("meeting_locked",
                    "جلسهٔ برگزارشده یا لغوشده ویرایش نمی‌شود.");
    }
    if (m->version != *in.version) return VersionConflict();
    POL_RETURN_IF_ERROR(ApplyMeetingInput(in, *m));
    POL_RETURN_IF_ERROR(CheckMeetingFields(*m, now));
    POL_RETURN_IF_ERROR(CheckNoOverlap(c, *m));
    POL_RETURN_IF_ERROR(store::UpdateMeeting(c, *m, now));
    m->version += 1;
    m->updated_at = now;
    POL_RETURN_IF_ERROR(
        accounts::Audit(c, actor, now, "update", "committee_meeting", std::to_string(id),
                        {s->committee.council_id, std::nullopt},
                        {{"starts_at", m->starts_at}, {"kind", m->kind}, {"place", m->place}}));
    if (meeting_hook_) POL_RETURN_IF_ERROR(meeting_hook_(c, *m, now));
    POL_ASSIGN_OR_RETURN(view, internal::LoadMeetingView(c, s->committee, *m, now, work_calendar_));
    return Status::Ok();
  }));
  return view;
}

StatusOr<MeetingView> CommitteeService::Transition(const Actor& actor, int64_t id, const std::string& action,
                                                   std::optional<int64_t> version) {
  if (!version) return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  const int64_t now = env_->NowMillis();
  MeetingView view;
  std::vector<int64_t> member_users;
  int64_t council_id = 0;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, id));
    store::Meeting* m = &found.meeting;
    internal::Scope* s = &found.scope;
    if (!CanRunMeetings(actor, s->committee.council_id, s->seat)) return PermissionDenied();
    if (m->version != *version) return VersionConflict();
    council_id = s->committee.council_id;
    const std::string from = m->status;
    if (action == "schedule" && from == "draft") {
      POL_RETURN_IF_ERROR(CheckMeetingFields(*m, now));
      POL_RETURN_IF_ERROR(CheckNoOverlap(c, *m));
      m->status = "scheduled";
    } else if (action == "hold" && from == "scheduled") {
      m->status = "held";
    } else if (action == "cancel" && (from == "draft" || from == "scheduled")) {
      m->status = "cancelled";
    } else if (action != "schedule" && action != "hold" && action != "cancel") {
      return InvalidArgument("invalid_action", "کنش باید schedule، hold یا cancel باشد.", "action");
    } else {
      return Refuse("invalid_transition", "این کنش در وضعیت کنونی جلسه ممکن نیست.");
    }
    POL_RETURN_IF_ERROR(store::UpdateMeeting(c, *m, now));
    m->version += 1;
    m->updated_at = now;
    POL_RETURN_IF_ERROR(accounts::Audit(c, actor, now, action, "committee_meeting", std::to_string(id),
                                        {s->committee.council_id, std::nullopt},
                                        {{"from", from}, {"to", m->status}}));
    if (meeting_hook_) POL_RETURN_IF_ERROR(meeting_hook_(c, *m, now));
    POL_ASSIGN_OR_RETURN(view, internal::LoadMeetingView(c, s->committee, *m, now, work_calendar_));
    if (action == "schedule") {
      POL_ASSIGN_OR_RETURN(auto members, store::ListMembers(c, s->committee.id, true));
      for (const auto& x : members) member_users.push_back(x.user_id);
      // Clashes with the same members' meetings in other committees: a warning, not a refusal.
      POL_ASSIGN_OR_RETURN(auto others,
                           store::OverlappingMeetings(c, m->starts_at, m->starts_at + m->duration_min * 60000,
                                                      m->id, std::nullopt, member_users));
      for (const auto& o : others) {
        if (o.committee_id == m->committee_id) continue;
        POL_ASSIGN_OR_RETURN(store::Committee oc, store::GetCommittee(c, o.committee_id));
        view.warnings.push_back("هم‌زمان با جلسهٔ شمارهٔ " +
                                text::ToPersianDigits(std::to_string(o.number)) + " «" + oc.name +
                                "» که اعضای مشترک دارد.");
      }
    }
    return Status::Ok();
  }));
  if (action == "schedule") {
    const text::CivilDate day = text::TehranFromUnix(view.meeting.starts_at / 1000).date;
    std::string holiday;
    // The council's calendar: the official holidays plus its closures and corrections (sla_calendar).
    text::WorkCalendar work = work_calendar_;
    if (auto k = db_->ReadValue(
            [&](store::Conn& c) { return store::CouncilWorkCalendar(c, work_calendar_, council_id); });
        k.ok()) {
      work = std::move(*k);
    }
    if (work.IsHoliday(day, &holiday)) {
      view.warnings.push_back("روز جلسه تعطیل رسمی است: " + holiday + ".");
    } else if (!work.IsWorkingDay(day)) {
      view.warnings.push_back("روز جلسه تعطیل آخر هفته است.");
    }
    if (calendar_) {
      // The newsroom's editorial calendar of that Tehran day: occasions and planned releases.
      const int64_t from = text::UnixFromTehran({day, 0}) * 1000;
      auto cal = calendar_->Calendar(actor, council_id, from, from + kDayMs);
      if (cal.ok()) {
        for (const auto& o : cal->occasions) {
          view.warnings.push_back("در تقویم رسانه‌ای، روز جلسه مناسبت «" +
                                  o.name + "» است.");
        }
        if (!cal->releases.empty()) {
          view.warnings.push_back("در تقویم رسانه‌ای برای روز جلسه " +
                                  text::ToPersianDigits(std::to_string(cal->releases.size())) +
                                  " خبر برنامه‌ریزی شده است.");
        }
      }
    }
  }
  return view;
}

StatusOr<store::AgendaItem> CommitteeService::AddAgendaItem(const Actor& actor, int64_t meeting_id,
                                                            const AgendaInput& in) {
  store::AgendaItem a;
  a.meeting_id = meeting_id;
  POL_ASSIGN_OR_RETURN(a.title, internal::Text(in.title, 500, "title", true));
  a.presenter_user_id = in.presenter_user_id;
  a.duration_min = in.duration_min.value_or(0);
  if (a.duration_min < 0 || a.duration_min > 480) {
    return InvalidArgument("invalid_duration", "مدت بند دستور باید بین ۰ تا ۴۸۰ دقیقه باشد.", "duration_min");
  }
  a.link_kind = in.link_kind.value_or("");
  if (a.link_kind != "" && a.link_kind != "release" && a.link_kind != "media_item" &&
      a.link_kind != "citizen_request" && a.link_kind != "issue") {
    return InvalidArgument("invalid_link_kind",
                           "نوع پیوند باید release، media_item، citizen_request یا issue باشد.", "link_kind");
  }
  if (!a.link_kind.empty() && !in.link_id) {
    return InvalidArgument("required", "شناسهٔ مورد پیوندشده لازم است.", "link_id");
  }
  a.link_id = in.link_id;
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, meeting_id));
    store::Meeting* m = &found.meeting;
    internal::Scope* s = &found.scope;
    if (!CanRunMeetings(actor, s->committee.council_id, s->seat)) return PermissionDenied();
    if (m->status != "draft" && m->status != "scheduled") {
      return Refuse("meeting_locked",
                    "دستور جلسهٔ برگزارشده یا لغوشده تغییر نمی‌کند.");
    }
    if (a.presenter_user_id && !store::GetUser(c, *a.presenter_user_id).ok()) {
      return InvalidArgument("unknown_user",
                             "ارائه‌دهندهٔ انتخاب‌شده وجود ندارد.",
                             "presenter_user_id");
    }
    POL_ASSIGN_OR_RETURN(auto agenda, store::ListAgenda(c, meeting_id));
    a.position = agenda.empty() ? 1 : agenda.back().position + 1;
    POL_ASSIGN_OR_RETURN(a.id, store::InsertAgendaItem(c, a));
    return accounts::Audit(c, actor, now, "add_agenda_item", "committee_meeting", std::to_string(meeting_id),
                           {s->committee.council_id, std::nullopt},
                           {{"item_id", a.id}, {"title", a.title}, {"position", a.position}});
  }));
  return a;
}

StatusOr<MeetingView> CommitteeService::SetAttendance(const Actor& actor, int64_t meeting_id,
                                                      const std::vector<AttendanceInput>& in) {
  if (in.empty()) return InvalidArgument("required", "فهرست حضور خالی است.", "attendance");
  for (const auto& a : in) {
    if (a.status != "present" && a.status != "excused" && a.status != "absent" && a.status != "late" &&
        a.status != "delegated") {
      return InvalidArgument("invalid_attendance",
                             "وضعیت حضور باید present، excused، absent، late یا delegated باشد.",
                             "attendance");
    }
    if (a.status == "delegated" && a.delegate_name.empty()) {
      return InvalidArgument("required", "نام نماینده برای حضور با نمایندگی لازم است.", "attendance");
    }
  }
  const int64_t now = env_->NowMillis();
  MeetingView view;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, meeting_id));
    store::Meeting* m = &found.meeting;
    internal::Scope* s = &found.scope;
    if (!CanRunMeetings(actor, s->committee.council_id, s->seat)) return PermissionDenied();
    if (m->status != "scheduled" && m->status != "held") {
      return Refuse(
          "meeting_locked",
          "حضور و غیاب فقط برای جلسهٔ برنامه‌ریزی‌شده یا برگزارشده ثبت می‌شود.");
    }
    POL_ASSIGN_OR_RETURN(auto members, store::ListMembers(c, m->committee_id, true));
    nlohmann::json detail = nlohmann::json::array();
    for (const auto& a : in) {
      if (std::none_of(members.begin(), members.end(), [&](const auto& x) { return x.id == a.member_id; })) {
        return InvalidArgument("unknown_member",
                               "عضو انتخاب‌شده عضو کنونی این کمیته نیست.",
                               "attendance");
      }
      POL_ASSIGN_OR_RETURN(std::string delegate, internal::Text(a.delegate_name, 200, "attendance", false));
      POL_RETURN_IF_ERROR(store::UpsertAttendance(c, {meeting_id, a.member_id, a.status, delegate, ""}));
      detail.push_back({{"member_id", a.member_id}, {"status", a.status}});
    }
    POL_RETURN_IF_ERROR(accounts::Audit(c, actor, now, "attendance", "committee_meeting",
                                        std::to_string(meeting_id), {s->committee.council_id, std::nullopt},
                                        {{"attendance", detail}}));
    POL_ASSIGN_OR_RETURN(view, internal::LoadMeetingView(c, s->committee, *m, now, work_calendar_));
    return Status::Ok();
  }));
  return view;
}

Status CommitteeService::Rsvp(const Actor& actor, int64_t meeting_id, const std::string& rsvp,
                              const std::string& delegate_name) {
  if (rsvp != "yes" && rsvp != "no" && rsvp != "delegate") {
    return InvalidArgument("invalid_rsvp", "پاسخ دعوت باید yes، no یا delegate باشد.", "rsvp");
  }
  POL_ASSIGN_OR_RETURN(std::string delegate,
                       internal::Text(delegate_name, 200, "delegate_name", rsvp == "delegate"));
  const int64_t now = env_->NowMillis();
  return db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, meeting_id));
    store::Meeting* m = &found.meeting;
    internal::Scope* s = &found.scope;
    if (!CanRsvp(s->seat))
      return PermissionDenied("فقط اعضای کمیته به دعوت پاسخ می‌دهند.");
    if (m->status != "scheduled")
      return Refuse("meeting_not_scheduled", "این جلسه در انتظار پاسخ دعوت نیست.");
    POL_RETURN_IF_ERROR(store::UpsertRsvp(c, meeting_id, s->member->id, rsvp, delegate));
    return accounts::Audit(c, actor, now, "rsvp", "committee_meeting", std::to_string(meeting_id),
                           {s->committee.council_id, std::nullopt},
                           {{"member_id", s->member->id}, {"rsvp", rsvp}});
  });
}

}  // namespace pol::committee
