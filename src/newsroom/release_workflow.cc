// The release workflow: edit, submit, approve (agency, co-signers, council), return, withdraw, correct,
// and the scheduled publication. Permission comes from newsroom_policy.h.
#include <algorithm>
#include <string>

#include "accounts/validate.h"
#include "newsroom/newsroom_policy.h"
#include "newsroom/release_internal.h"
#include "newsroom/releases.h"

namespace pol::newsroom {
namespace {

using accounts::Actor;
using accounts::NormalizeText;
using internal::ActorId;
using internal::ApplyInput;
using internal::CheckTime;
using internal::NotifyAuthor;
using internal::NotifyUsers;
using internal::Persist;
using nlohmann::json;
using store::Conn;
using store::Release;

std::string StatusName(const std::string& s) {
  if (s == "draft") return "پیش‌نویس";
  if (s == "submitted") return "فرستاده برای تأیید";
  if (s == "returned") return "بازگشته برای اصلاح";
  if (s == "approved")
    return "در انتظار تأیید شورا یا امضای دستگاه‌های همکار";
  if (s == "scheduled") return "زمان‌بندی‌شده";
  if (s == "published") return "منتشرشده";
  if (s == "corrected") return "منتشرشده با اصلاحیه";
  if (s == "withdrawn") return "پس‌گرفته";
  return s;
}

Status InvalidTransition(const Release& r) {
  return FailedPrecondition("invalid_transition",
                            "این کار در وضعیت کنونی خبر («" + StatusName(r.status) + "») ممکن نیست.");
}
bool AllSigned(const Release& r) {
  return std::all_of(r.co_signers.begin(), r.co_signers.end(),
                     [](const auto& s) { return s.signed_at.has_value(); });
}

void ResetApprovals(Release& r) {
  r.approved_by.reset();
  r.approved_at.reset();
  r.council_approved_by.reset();
  r.council_approved_at.reset();
  for (auto& s : r.co_signers) {
    s.signed_by.reset();
    s.signed_at.reset();
  }
}

// Takes every approval step the actor may take now and returns their names: the agency's own (submitted →
// approved), then the co-signers' and the council's; permission_denied when there is none.
StatusOr<json> TakeApprovalSteps(const Actor& actor, Release& r, int64_t now) {
  const auto uid = ActorId(actor);
  json steps = json::array();
  if (r.status == "submitted") {
    if (!CanManageReleases(actor, r.agency_id))
      return PermissionDenied("تأیید این خبر با مدیر روابط عمومی دستگاه است.");
    r.approved_by = uid;
    r.approved_at = now;
    r.status = "approved";
    steps.push_back("agency");
  } else if (r.status == "approved") {
    for (auto& s : r.co_signers) {
      if (!s.signed_at && CanManageReleases(actor, s.agency_id)) {
        s.signed_by = uid;
        s.signed_at = now;
        steps.push_back("co_sign:" + std::to_string(s.agency_id));
      }
    }
    if (r.council_level && !r.council_approved_at && CanApproveForCouncil(actor, r.council_id)) {
      r.council_approved_by = uid;
      r.council_approved_at = now;
      steps.push_back("council");
    }
    if (steps.empty()) return PermissionDenied("گام تأییدی از این خبر در اختیار شما نیست.");
    return steps;
  } else {
    return InvalidTransition(r);
  }
  // The agency's own step may already cover the others (a system admin, or a manager of every co-signer).
  for (auto& s : r.co_signers) {
    if (!s.signed_at && CanManageReleases(actor, s.agency_id)) {
      s.signed_by = uid;
      s.signed_at = now;
    }
  }
  if (r.council_level && !r.council_approved_at && ApprovalCoversCouncilStep(actor)) {
    r.council_approved_by = uid;
    r.council_approved_at = now;
  }
  return steps;
}

// Tells the ones whose approval step is next: the co-signers' PR managers, the council's approvers.
Status NotifyNextApprovers(Conn& c, const Actor& actor, const Release& r, int64_t now) {
  for (const auto& s : r.co_signers) {
    if (s.signed_at) continue;
    POL_ASSIGN_OR_RETURN(auto m, store::UsersWithAgencyRole(c, s.agency_id, "agency_pr_manager"));
    POL_RETURN_IF_ERROR(
        NotifyUsers(c, actor, m, r, "release.co_sign", "خبر مشترک در انتظار امضای دستگاه شما", now));
  }
  if (r.council_level && !r.council_approved_at) {
    POL_ASSIGN_OR_RETURN(
        auto m, store::UsersWithCouncilRoles(c, r.council_id, {"council_admin", "committee_member"}));
    POL_RETURN_IF_ERROR(
        NotifyUsers(c, actor, m, r, "release.council", "خبر شورایی در انتظار تأیید کمیته", now));
  }
  return Status::Ok();
}

}  // namespace

StatusOr<Release> ReleaseService::Update(const Actor& actor, int64_t id, const ReleaseInput& in,
                                         std::vector<SanitizeWarning>* warnings) {
  if (in.agency_id) return InvalidArgument("immutable", "دستگاه یک خبر تغییرپذیر نیست.", "agency_id");
  POL_ASSIGN_OR_RETURN(const internal::PreparedInput prepared, internal::PrepareInput(in));
  if (warnings && prepared.body) *warnings = prepared.body->warnings;
  return Change(actor, id, in.version, "update", "", [&](Conn& c, Release& r, json& detail) -> Status {
    if (!CanWriteReleases(actor, r.agency_id)) return PermissionDenied("ویرایش این خبر در اختیار شما نیست.");
    const bool editable = r.status == "draft" || r.status == "returned" ||
                          (r.status == "submitted" && CanManageReleases(actor, r.agency_id));
    if (!editable) {
      return FailedPrecondition(
          "not_editable",
          "خبر در وضعیت «" + StatusName(r.status) +
              "» ویرایش‌پذیر نیست؛ خبر منتشرشده را با «اصلاحیه» "
              "تغییر دهید.");
    }
    return ApplyInput(c, in, prepared, r, detail);
  });
}

StatusOr<Release> ReleaseService::Submit(const Actor& actor, int64_t id, const ActionInput& in) {
  const int64_t now = env_->NowMillis();
  return Change(actor, id, in.version, "submit", "", [&](Conn& c, Release& r, json&) -> Status {
    if (!CanWriteReleases(actor, r.agency_id)) return PermissionDenied("فرستادن این خبر در اختیار شما نیست.");
    if (r.status != "draft" && r.status != "returned") return InvalidTransition(r);
    if (r.body_text.empty()) return InvalidArgument("required", "متن خبر خالی است.", "body_html");
    r.status = "submitted";
    r.submitted_at = now;
    POL_ASSIGN_OR_RETURN(auto managers, store::UsersWithAgencyRole(c, r.agency_id, "agency_pr_manager"));
    return NotifyUsers(c, actor, managers, r, "release.submitted", "خبر تازه در انتظار تأیید", now);
  });
}

StatusOr<Release> ReleaseService::Approve(const Actor& actor, int64_t id, const ActionInput& in) {
  const int64_t now = env_->NowMillis();
  if (in.publish_at) POL_RETURN_IF_ERROR(CheckTime(*in.publish_at, "publish_at"));
  std::string comment;
  if (!in.comment.empty()) {
    POL_ASSIGN_OR_RETURN(comment, NormalizeText(in.comment, 2000, "comment", false));
  }
  return Change(actor, id, in.version, "approve", comment, [&](Conn& c, Release& r, json& detail) -> Status {
    POL_ASSIGN_OR_RETURN(detail["steps"], TakeApprovalSteps(actor, r, now));
    if (in.publish_at) r.publish_at = *in.publish_at;
    const bool complete = AllSigned(r) && (!r.council_level || r.council_approved_at);
    if (!complete) {
      POL_RETURN_IF_ERROR(NotifyNextApprovers(c, actor, r, now));
      return NotifyAuthor(c, actor, r, "release.approved", "خبر شما تأیید شد",
                          "در انتظار گام‌های بعدی تأیید.", now);
    }
    return PublishOrSchedule(c, actor, r, comment, now, detail);
  });
}

Status ReleaseService::PublishOrSchedule(Conn& c, const Actor& actor, Release& r, const std::string& comment,
                                         int64_t now, json& detail) {
  int64_t when = r.publish_at.value_or(0);
  if (r.embargo_until) when = std::max(when, *r.embargo_until);
  if (when > now) {
    r.status = "scheduled";
    r.publish_at = when;
    detail["publish_at"] = when;
    if (queue_) {
      jobs::JobSpec spec{.kind = kPublishJobKind,
                         .payload_json = json{{"release_id", r.id}, {"publish_at", when}}.dump(),
                         .run_at = when,
                         .max_attempts = 20,
                         .dedup_key = "release-publish:" + std::to_string(r.id) + ":" + std::to_string(when)};
      POL_RETURN_IF_ERROR(queue_->EnqueueIn(c, spec).status());
    }
    return NotifyAuthor(c, actor, r, "release.scheduled",
                        "خبر شما تأیید و زمان‌بندی شد", comment, now);
  }
  r.status = "published";
  r.published_at = now;
  if (publish_hook_) POL_RETURN_IF_ERROR(publish_hook_(c, r, now));
  return NotifyAuthor(c, actor, r, "release.published", "خبر شما تأیید و منتشر شد", comment, now);
}

StatusOr<Release> ReleaseService::Return(const Actor& actor, int64_t id, const ActionInput& in) {
  const int64_t now = env_->NowMillis();
  auto comment = NormalizeText(in.comment, 2000, "comment", true);
  return Change(actor, id, in.version, "return", comment.ok() ? *comment : "",
                [&](Conn& c, Release& r, json& detail) -> Status {
                  bool allowed = CanManageReleases(actor, r.agency_id);
                  if (r.status == "approved") {
                    for (const auto& s : r.co_signers)
                      allowed = allowed || (!s.signed_at && CanManageReleases(actor, s.agency_id));
                    allowed = allowed || (r.council_level && CanApproveForCouncil(actor, r.council_id));
                  } else if (r.status != "submitted") {
                    return InvalidTransition(r);
                  }
                  if (!allowed) return PermissionDenied("بازگرداندن این خبر در اختیار شما نیست.");
                  if (!comment.ok()) return comment.status();
                  r.status = "returned";
                  r.return_comment = *comment;
                  ResetApprovals(r);
                  detail["comment"] = *comment;
                  return NotifyAuthor(c, actor, r, "release.returned", "خبر شما برای اصلاح بازگشت", *comment,
                                      now);
                });
}

StatusOr<Release> ReleaseService::Withdraw(const Actor& actor, int64_t id, const ActionInput& in) {
  const int64_t now = env_->NowMillis();
  auto reason = NormalizeText(in.reason, 2000, "reason", true);
  return Change(actor, id, in.version, "withdraw", reason.ok() ? *reason : "",
                [&](Conn& c, Release& r, json& detail) -> Status {
                  if (!CanManageReleases(actor, r.agency_id))
                    return PermissionDenied(
                        "پس‌گرفتن خبر با مدیر روابط عمومی دستگاه است.");
                  if (r.status != "published" && r.status != "corrected" && r.status != "scheduled") {
                    return InvalidTransition(r);
                  }
                  if (!reason.ok()) return reason.status();
                  const bool was_public = r.status != "scheduled";
                  r.status = "withdrawn";
                  r.withdrawn_at = now;
                  r.withdrawn_reason = *reason;
                  detail["reason"] = *reason;
                  if (was_public && change_hook_) POL_RETURN_IF_ERROR(change_hook_(c, r, "withdrawn", now));
                  return NotifyAuthor(c, actor, r, "release.withdrawn", "خبر شما پس گرفته شد", *reason, now);
                });
}

StatusOr<Release> ReleaseService::Correct(const Actor& actor, int64_t id, const ActionInput& in,
                                          std::vector<SanitizeWarning>* warnings) {
  POL_ASSIGN_OR_RETURN(const internal::PreparedInput prepared, internal::PrepareInput(in.changes));
  if (warnings && prepared.body) *warnings = prepared.body->warnings;
  const int64_t now = env_->NowMillis();
  auto note = NormalizeText(in.note, 2000, "note", true);
  return Change(actor, id, in.version, "correct", note.ok() ? *note : "",
                [&](Conn& c, Release& r, json& detail) -> Status {
                  if (!CanManageReleases(actor, r.agency_id))
                    return PermissionDenied("اصلاحیهٔ خبر با مدیر روابط عمومی دستگاه است.");
                  if (r.status != "published" && r.status != "corrected") return InvalidTransition(r);
                  if (!note.ok()) return note.status();
                  if (in.changes.agency_id)
                    return InvalidArgument("immutable", "دستگاه یک خبر تغییرپذیر نیست.", "agency_id");
                  POL_RETURN_IF_ERROR(ApplyInput(c, in.changes, prepared, r, detail));
                  r.status = "corrected";
                  r.corrected_at = now;
                  r.correction_note = *note;
                  detail["note"] = *note;
                  if (change_hook_) POL_RETURN_IF_ERROR(change_hook_(c, r, "corrected", now));
                  return NotifyAuthor(c, actor, r, "release.corrected", "برای خبر شما اصلاحیه منتشر شد",
                                      *note, now);
                });
}

Status ReleaseService::PublishDue(int64_t id, int64_t publish_at) {
  const int64_t now = env_->NowMillis();
  accounts::Actor system;
  bool published = false;
  Status st = db_->Write([&](Conn& c) -> Status {
    auto got = store::GetRelease(c, id);
    if (!got.ok() && got.status().code() == StatusCode::kNotFound) return Status::Ok();  // nothing to publish
    if (!got.ok()) return got.status();
    Release r = std::move(got).value();
    if (r.status != "scheduled" || r.publish_at != publish_at)
      return Status::Ok();                                                     // withdrawn or rescheduled
    if (publish_at > now) return Unavailable("هنوز زمان انتشار نرسیده است.");  // retried later
    r.status = "published";
    r.published_at = now;
    POL_RETURN_IF_ERROR(Persist(c, system, r, "publish", "", now, json{{"scheduled_for", publish_at}}));
    if (publish_hook_) POL_RETURN_IF_ERROR(publish_hook_(c, r, now));
    published = true;
    return NotifyAuthor(c, system, r, "release.published",
                        "خبر شما در زمان تعیین‌شده منتشر شد", "", now);
  });
  if (st.ok() && published && queue_) queue_->Notify();  // the publish hook's jobs
  return st;
}

}  // namespace pol::newsroom
