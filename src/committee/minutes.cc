// MinutesService: the minutes of a meeting, their review, approval, corrections and comments.
#include "committee/minutes.h"

#include <algorithm>

#include "committee/committee_internal.h"
#include "committee/minutes_pdf.h"
#include "newsroom/sanitize.h"
#include "report/pdf_document.h"
#include "store/committee_repo_minutes.h"
#include "store/council_repo.h"

namespace pol::committee {
namespace {

using accounts::Actor;

Status Refuse(std::string code, std::string message) {
  return FailedPrecondition(std::move(code), std::move(message));
}

Status Locked() {
  return Refuse(
      "minutes_locked",
      "صورت‌جلسهٔ تأییدشده قفل است؛ برای اصلاح، نسخهٔ اصلاحی بسازید.");
}

bool Attended(const MinutesView& v, const std::optional<store::CommitteeMember>& member) {
  if (!member) return false;
  return std::any_of(v.meeting.attendance.begin(), v.meeting.attendance.end(),
                     [&](const store::Attendance& a) {
                       return a.member_id == member->id && internal::CountsAsPresent(a.status);
                     });
}

// Everything the minutes show, read in one transaction, with the actor's possible actions.
StatusOr<MinutesView> LoadView(store::Conn& c, const Actor& actor, const internal::MeetingInScope& found,
                               int64_t now, const text::WorkCalendar& cal) {
  MinutesView v;
  v.committee = found.scope.committee;
  POL_ASSIGN_OR_RETURN(v.meeting, internal::LoadMeetingView(c, v.committee, found.meeting, now, cal));
  POL_ASSIGN_OR_RETURN(v.members, store::ListMembers(c, v.committee.id, true));
  POL_ASSIGN_OR_RETURN(v.revisions, store::ListMinutesRevisions(c, found.meeting.id));
  if (!v.revisions.empty()) {
    v.current = v.revisions.back();
    POL_ASSIGN_OR_RETURN(v.comments, store::ListMinutesComments(c, v.current->id));
    if (v.current->approved_at) v.approved_jalali = internal::JalaliDay(*v.current->approved_at);
  }
  store::DecisionFilter f{.meeting_id = found.meeting.id, .limit = 500};
  POL_ASSIGN_OR_RETURN(auto decided, store::ListDecisions(c, f));
  for (const auto& d : decided.first) {
    POL_ASSIGN_OR_RETURN(DecisionView dv, internal::LoadDecisionView(c, d, now, cal, true));
    v.decisions.push_back(std::move(dv));
  }
  std::sort(v.decisions.begin(), v.decisions.end(),
            [](const DecisionView& a, const DecisionView& b) { return a.decision.id < b.decision.id; });
  std::vector<int64_t> agencies;
  for (const auto& d : v.decisions) agencies.push_back(d.decision.owner_agency_id);
  for (const auto& m : v.members) {
    if (m.agency_id) agencies.push_back(*m.agency_id);
  }
  for (int64_t id : agencies) {
    if (v.agency_names.count(id)) continue;
    auto a = store::GetAgency(c, id);
    v.agency_names[id] = a.ok() ? a->name : "";
  }
  const int64_t council = v.committee.council_id;
  const auto& seat = found.scope.seat;
  const std::string status = v.current ? v.current->status : "";
  const bool runs = CanRunMeetings(actor, council, seat);
  const bool held = found.meeting.status == "held" || found.meeting.status == "minutes_review" ||
                    found.meeting.status == "minutes_approved";
  v.can_edit = runs && held && status != "approved";
  v.can_circulate = runs && status == "draft";
  v.can_approve = CanApproveMinutes(actor, council, seat) && status == "review";
  v.can_correct = runs && status == "approved";
  v.can_comment =
      status == "review" && CanCommentOnMinutes(actor, council, seat, Attended(v, found.scope.member));
  return v;
}

// The current revision's sanitized body, or a Persian refusal.
StatusOr<newsroom::SanitizedHtml> CleanBody(const std::string& html) {
  POL_RETURN_IF_ERROR(newsroom::CheckBodyBudget(html));
  newsroom::SanitizedHtml clean = newsroom::SanitizeHtml(html);
  if (clean.text.empty()) {
    return InvalidArgument("required", "متن صورت‌جلسه خالی است.", "body_html");
  }
  return clean;
}

Status AuditMinutes(store::Conn& c, const Actor& actor, int64_t now, const std::string& action,
                    const MinutesView& v, nlohmann::json detail) {
  return accounts::Audit(c, actor, now, action, "committee_meeting", std::to_string(v.meeting.meeting.id),
                         {v.committee.council_id, std::nullopt}, std::move(detail));
}

// Moves the meeting to `to` (held → minutes_review → minutes_approved) unless it is there already.
Status MoveMeeting(store::Conn& c, store::Meeting m, const std::string& to, int64_t now) {
  if (m.status == to || m.status == "minutes_approved") return Status::Ok();
  m.status = to;
  return store::UpdateMeeting(c, m, now);
}

}  // namespace

StatusOr<MinutesView> MinutesService::Get(const Actor& actor, int64_t meeting_id) {
  const int64_t now = env_->NowMillis();
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<MinutesView> {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, meeting_id));
    return LoadView(c, actor, found, now, work_calendar_);
  });
}

StatusOr<MinutesView> MinutesService::Save(const Actor& actor, int64_t meeting_id, const MinutesInput& in) {
  if (!in.body_html)
    return InvalidArgument("required", "متن صورت‌جلسه لازم است.", "body_html");
  POL_ASSIGN_OR_RETURN(newsroom::SanitizedHtml clean, CleanBody(*in.body_html));
  const int64_t now = env_->NowMillis();
  MinutesView view;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, meeting_id));
    if (!CanRunMeetings(actor, found.scope.committee.council_id, found.scope.seat)) return PermissionDenied();
    POL_ASSIGN_OR_RETURN(auto revisions, store::ListMinutesRevisions(c, meeting_id));
    if (revisions.empty()) {
      if (found.meeting.status != "held") {
        return Refuse(
            "meeting_not_held",
            "صورت‌جلسه فقط برای جلسهٔ برگزارشده نوشته می‌شود.");
      }
      if (in.version) return VersionConflict();
      store::Minutes m{
          .meeting_id = meeting_id,
          .revision = 1,
          .body_html = clean.html,
          .body_text = clean.text,
          .status = "draft",
          .created_by = actor.IsSystem() ? std::nullopt : std::optional(actor.principal->user_id),
          .created_at = now,
          .updated_at = now};
      POL_ASSIGN_OR_RETURN(m.id, store::InsertMinutes(c, m));
    } else {
      store::Minutes m = revisions.back();
      if (m.status == "approved") return Locked();
      if (!in.version) {
        return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
      }
      if (*in.version != m.version) return VersionConflict();
      m.body_html = clean.html;
      m.body_text = clean.text;
      POL_RETURN_IF_ERROR(store::UpdateMinutes(c, m, now));
    }
    POL_ASSIGN_OR_RETURN(view, LoadView(c, actor, found, now, work_calendar_));
    return AuditMinutes(c, actor, now, "minutes_save", view,
                        {{"revision", view.current->revision}, {"chars", clean.text.size()}});
  }));
  return view;
}

StatusOr<MinutesView> MinutesService::Transition(const Actor& actor, int64_t meeting_id,
                                                 const std::string& action, std::optional<int64_t> version,
                                                 const std::string& reason) {
  if (action != "circulate" && action != "approve" && action != "correct") {
    return InvalidArgument("invalid_action", "کنش باید circulate، approve یا correct باشد.", "action");
  }
  if (!version) return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  std::string why;
  if (action == "correct") {
    POL_ASSIGN_OR_RETURN(why, internal::Text(reason, 1000, "reason", true));
  }
  const int64_t now = env_->NowMillis();
  MinutesView view;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, meeting_id));
    const int64_t council = found.scope.committee.council_id;
    const bool allowed = action == "approve" ? CanApproveMinutes(actor, council, found.scope.seat)
                                             : CanRunMeetings(actor, council, found.scope.seat);
    if (!allowed) return PermissionDenied();
    POL_ASSIGN_OR_RETURN(auto revisions, store::ListMinutesRevisions(c, meeting_id));
    if (revisions.empty())
      return Refuse(
          "minutes_missing",
          "برای این جلسه هنوز صورت‌جلسه‌ای نوشته نشده است.");
    store::Minutes m = revisions.back();
    if (m.version != *version) return VersionConflict();
    const std::string from = m.status;
    nlohmann::json detail{{"revision", m.revision}, {"from", from}};
    if (action == "circulate" && from == "draft") {
      m.status = "review";
      m.circulated_at = now;
      POL_RETURN_IF_ERROR(store::UpdateMinutes(c, m, now));
      POL_RETURN_IF_ERROR(MoveMeeting(c, found.meeting, "minutes_review", now));
    } else if (action == "approve" && from == "review") {
      m.status = "approved";
      m.approved_at = now;
      if (!actor.IsSystem()) m.approved_by = actor.principal->user_id;
      POL_RETURN_IF_ERROR(store::UpdateMinutes(c, m, now));
      POL_RETURN_IF_ERROR(MoveMeeting(c, found.meeting, "minutes_approved", now));
    } else if (action == "correct" && from == "approved") {
      store::Minutes next{
          .meeting_id = meeting_id,
          .revision = m.revision + 1,
          .corrects_id = m.id,
          .correction_reason = why,
          .body_html = m.body_html,
          .body_text = m.body_text,
          .status = "draft",
          .created_by = actor.IsSystem() ? std::nullopt : std::optional(actor.principal->user_id),
          .created_at = now,
          .updated_at = now};
      POL_ASSIGN_OR_RETURN(next.id, store::InsertMinutes(c, next));
      detail["correction"] = next.revision;
      detail["reason"] = why;
    } else if (from == "approved") {
      return Locked();
    } else {
      return Refuse("invalid_transition",
                    "این کنش در وضعیت کنونی صورت‌جلسه ممکن نیست.");
    }
    // Re-read the meeting: its status and version may have moved.
    POL_ASSIGN_OR_RETURN(found.meeting, store::GetMeeting(c, meeting_id));
    POL_ASSIGN_OR_RETURN(view, LoadView(c, actor, found, now, work_calendar_));
    return AuditMinutes(c, actor, now, "minutes_" + action, view, std::move(detail));
  }));
  return view;
}

StatusOr<MinutesView> MinutesService::Comment(const Actor& actor, int64_t meeting_id,
                                              const std::string& body) {
  POL_ASSIGN_OR_RETURN(std::string text, internal::Text(body, 4000, "body", true));
  const int64_t now = env_->NowMillis();
  MinutesView view;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::MeetingInScope found, internal::LoadMeetingInScope(c, actor, meeting_id));
    POL_ASSIGN_OR_RETURN(MinutesView before, LoadView(c, actor, found, now, work_calendar_));
    if (!CanCommentOnMinutes(actor, found.scope.committee.council_id, found.scope.seat,
                             Attended(before, found.scope.member))) {
      return PermissionDenied(
          "فقط حاضران جلسه، رئیس و دبیر کمیته بر صورت‌جلسه نظر می‌دهند.");
    }
    if (!before.current || before.current->status != "review") {
      return Refuse("minutes_not_in_review",
                    "صورت‌جلسه در مرحلهٔ نظرخواهی نیست.");
    }
    store::MinutesComment k{
        .minutes_id = before.current->id,
        .member_id = found.scope.member ? std::optional(found.scope.member->id) : std::nullopt,
        .user_id = actor.IsSystem() ? std::nullopt : std::optional(actor.principal->user_id),
        .body = text,
        .at = now};
    POL_ASSIGN_OR_RETURN(k.id, store::InsertMinutesComment(c, k));
    POL_ASSIGN_OR_RETURN(view, LoadView(c, actor, found, now, work_calendar_));
    return AuditMinutes(c, actor, now, "minutes_comment", view,
                        {{"revision", before.current->revision}, {"comment_id", k.id}});
  }));
  return view;
}

StatusOr<std::shared_ptr<const report::Fonts>> MinutesService::LoadFonts() {
  MutexLock l(&mu_);
  if (!fonts_) {
    POL_ASSIGN_OR_RETURN(fonts_, report::Fonts::Load(font_dir_));
  }
  return fonts_;
}

StatusOr<std::string> MinutesService::Pdf(const Actor& actor, int64_t meeting_id) {
  POL_ASSIGN_OR_RETURN(MinutesView v, Get(actor, meeting_id));
  if (!v.current)
    return Refuse("minutes_missing",
                  "برای این جلسه هنوز صورت‌جلسه‌ای نوشته نشده است.");
  POL_ASSIGN_OR_RETURN(auto fonts, LoadFonts());
  return report::RenderPdf(MinutesDocument(v), *fonts);
}

}  // namespace pol::committee
