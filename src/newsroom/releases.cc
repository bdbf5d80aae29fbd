#include "newsroom/releases.h"

#include <algorithm>
#include <set>

#include "accounts/validate.h"
#include "newsroom/sanitize.h"
#include "store/council_repo.h"
#include "text/normalize.h"
#include "text/search_terms.h"

namespace pol::newsroom {
namespace {

using accounts::Actor;
using accounts::NormalizeText;
using accounts::Role;
using nlohmann::json;
using store::Conn;
using store::Release;

constexpr int64_t kMinTime = 1577836800000;  // 2020-01-01: earlier times are typing mistakes
constexpr int64_t kMaxTime = 4102444800000;  // 2100-01-01
constexpr size_t kMaxBodyHtmlBytes = 512 * 1024;

bool HasAgencyRole(const Actor& a, int64_t agency_id) {
  if (a.IsSystem()) return true;
  return std::any_of(a.principal->grants.begin(), a.principal->grants.end(),
                     [&](const store::RoleGrant& g) { return g.agency_id == agency_id; });
}

bool HasCouncilRole(const Actor& a, int64_t council_id) {
  if (a.IsSystem()) return true;
  return std::any_of(a.principal->grants.begin(), a.principal->grants.end(), [&](const store::RoleGrant& g) {
    auto role = accounts::ParseRole(g.role);
    return role && accounts::IsCouncilScoped(*role) && g.council_id == council_id;
  });
}

bool CanRead(const Actor& a, const Release& r) {
  if (a.IsSystemAdmin() || HasCouncilRole(a, r.council_id) || HasAgencyRole(a, r.agency_id)) return true;
  return std::any_of(r.co_signers.begin(), r.co_signers.end(),
                     [&](const store::ReleaseCoSigner& s) { return HasAgencyRole(a, s.agency_id); });
}

bool CanWrite(const Actor& a, int64_t agency_id) {
  return a.IsSystemAdmin() || a.principal->HasInAgency(Role::kAgencyEditor, agency_id) ||
         a.principal->HasInAgency(Role::kAgencyPrManager, agency_id);
}

bool CanManage(const Actor& a, int64_t agency_id) {
  return a.IsSystemAdmin() || a.principal->HasInAgency(Role::kAgencyPrManager, agency_id);
}

bool IsCouncilApprover(const Actor& a, int64_t council_id) {
  return a.IsSystemAdmin() || a.principal->HasInCouncil(Role::kCouncilAdmin, council_id) ||
         a.principal->HasInCouncil(Role::kCommitteeMember, council_id);
}

std::optional<int64_t> ActorId(const Actor& a) {
  if (a.IsSystem()) return std::nullopt;
  return a.principal->user_id;
}
std::string ActorName(const Actor& a) { return a.IsSystem() ? "سامانه" : a.principal->name; }

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

Status CheckTime(int64_t t, const char* field) {
  if (t < kMinTime || t > kMaxTime) {
    return InvalidArgument("invalid_date", "تاریخ و زمان واردشده معتبر نیست.", field);
  }
  return Status::Ok();
}

Status ApplyInput(Conn& c, const ReleaseInput& in, Release& r, json& changes) {
  if (in.over_title) {
    POL_ASSIGN_OR_RETURN(r.over_title, NormalizeText(*in.over_title, 200, "over_title", false));
    changes["over_title"] = r.over_title;
  }
  if (in.title) {
    POL_ASSIGN_OR_RETURN(r.title, NormalizeText(*in.title, 300, "title", true));
    if (r.title.find('\n') != std::string::npos) {
      return InvalidArgument("invalid_field", "تیتر باید یک خط باشد.", "title");
    }
    changes["title"] = r.title;
  }
  if (in.lead) {
    POL_ASSIGN_OR_RETURN(r.lead, NormalizeText(*in.lead, 1500, "lead", false));
    changes["lead"] = r.lead;
  }
  if (in.body_html) {
    if (in.body_html->size() > kMaxBodyHtmlBytes) {
      return InvalidArgument("too_long", "متن خبر بیش از اندازهٔ مجاز است.", "body_html");
    }
    SanitizedHtml clean = SanitizeHtml(*in.body_html);
    r.body_html = std::move(clean.html);
    r.body_text = std::move(clean.text);
    changes["body"] = true;
  }
  if (in.category) {
    POL_ASSIGN_OR_RETURN(r.category, NormalizeText(*in.category, 100, "category", false));
    changes["category"] = r.category;
  }
  if (in.urgency) {
    if (*in.urgency != "normal" && *in.urgency != "urgent" && *in.urgency != "flash") {
      return InvalidArgument("invalid_urgency", "فوریت باید یکی از «عادی»، «فوری» یا «خیلی فوری» باشد.",
                             "urgency");
    }
    r.urgency = *in.urgency;
    changes["urgency"] = r.urgency;
  }
  if (in.source_line) {
    POL_ASSIGN_OR_RETURN(r.source_line, NormalizeText(*in.source_line, 200, "source_line", false));
    changes["source_line"] = r.source_line;
  }
  if (in.council_level) {
    r.council_level = *in.council_level;
    changes["council_level"] = r.council_level;
  }
  if (in.occasion_id) {
    if (*in.occasion_id == 0) {
      r.occasion_id.reset();
    } else {
      auto o = store::GetOccasion(c, *in.occasion_id);
      if (!o.ok() && o.status().code() == StatusCode::kNotFound) {
        return InvalidArgument("unknown_occasion", "مناسبت انتخاب‌شده وجود ندارد.",
                               "occasion_id");
      }
      if (!o.ok()) return o.status();
      if (o->council_id && *o->council_id != r.council_id) {
        return InvalidArgument("unknown_occasion", "مناسبت انتخاب‌شده وجود ندارد.",
                               "occasion_id");
      }
      r.occasion_id = *in.occasion_id;
    }
    changes["occasion_id"] = r.occasion_id ? json(*r.occasion_id) : json();
  }
  if (in.embargo_until) {
    if (*in.embargo_until == 0) {
      r.embargo_until.reset();
    } else {
      POL_RETURN_IF_ERROR(CheckTime(*in.embargo_until, "embargo_until"));
      r.embargo_until = *in.embargo_until;
    }
    changes["embargo_until"] = r.embargo_until ? json(*r.embargo_until) : json();
  }
  if (in.publish_at) {
    if (*in.publish_at == 0) {
      r.publish_at.reset();
    } else {
      POL_RETURN_IF_ERROR(CheckTime(*in.publish_at, "publish_at"));
      r.publish_at = *in.publish_at;
    }
    changes["publish_at"] = r.publish_at ? json(*r.publish_at) : json();
  }
  if (in.tags) {
    if (in.tags->size() > 20)
      return InvalidArgument("too_many", "حداکثر ۲۰ برچسب می‌توان گذاشت.", "tags");
    std::vector<std::string> tags;
    for (const std::string& raw : *in.tags) {
      std::string t = raw;
      while (!t.empty() && t.front() == '#') t.erase(0, 1);
      POL_ASSIGN_OR_RETURN(t, NormalizeText(t, 50, "tags", true));
      if (t.find('\n') != std::string::npos)
        return InvalidArgument("invalid_field", "برچسب باید یک خط باشد.", "tags");
      if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
    }
    r.tags = std::move(tags);
    changes["tags"] = r.tags;
  }
  if (in.co_agency_ids) {
    if (in.co_agency_ids->size() > 20) {
      return InvalidArgument("too_many",
                             "حداکثر ۲۰ دستگاه همکار می‌توان افزود.",
                             "co_agency_ids");
    }
    std::vector<store::ReleaseCoSigner> co;
    for (int64_t aid : *in.co_agency_ids) {
      if (aid == r.agency_id) {
        return InvalidArgument(
            "invalid_co_agency",
            "دستگاه نویسندهٔ خبر نمی‌تواند هم‌امضاکننده هم "
            "باشد.",
            "co_agency_ids");
      }
      auto a = store::GetAgency(c, aid);
      if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
      if (!a.ok() || a->council_id != r.council_id || a->disabled) {
        return InvalidArgument(
            "invalid_co_agency",
            "دستگاه همکار باید از دستگاه‌های فعال همین شورا "
            "باشد.",
            "co_agency_ids");
      }
      if (std::none_of(co.begin(), co.end(), [&](const auto& s) { return s.agency_id == aid; })) {
        co.push_back({aid, std::nullopt, std::nullopt});
      }
    }
    r.co_signers = std::move(co);
    changes["co_agency_ids"] = *in.co_agency_ids;
  }
  if (in.photos) {
    if (in.photos->size() > 30)
      return InvalidArgument("too_many", "حداکثر ۳۰ عکس می‌توان افزود.", "photos");
    std::vector<store::ReleasePhoto> photos;
    for (const PhotoInput& p : *in.photos) {
      POL_ASSIGN_OR_RETURN(auto owner, store::MediaAgency(c, p.media_id));
      if (!owner || *owner != r.agency_id) {
        return InvalidArgument(
            "unknown_media",
            "عکس انتخاب‌شده در کتابخانهٔ رسانهٔ این دستگاه نیست.",
            "photos");
      }
      if (std::any_of(photos.begin(), photos.end(),
                      [&](const auto& x) { return x.media_id == p.media_id; })) {
        continue;
      }
      POL_ASSIGN_OR_RETURN(std::string caption, NormalizeText(p.caption, 500, "photos", false));
      photos.push_back({p.media_id, static_cast<int64_t>(photos.size()), caption});
    }
    r.photos = std::move(photos);
    changes["photos"] = r.photos.size();
  }
  return Status::Ok();
}

Status Notify(Conn& c, const Actor& actor, int64_t user_id, const std::string& kind, const std::string& title,
              const std::string& body, const Release& r, int64_t now) {
  if (ActorId(actor) == user_id) return Status::Ok();  // people are not told of their own doing
  store::Notification n{.user_id = user_id,
                        .kind = kind,
                        .title = title,
                        .body = body,
                        .link = "/console/releases/" + std::to_string(r.id),
                        .created_at = now};
  return store::InsertNotification(c, n).status();
}

Status NotifyAuthor(Conn& c, const Actor& actor, const Release& r, const std::string& kind,
                    const std::string& title, const std::string& body, int64_t now) {
  if (!r.author_id) return Status::Ok();
  return Notify(c, actor, *r.author_id, kind, title + ": " + r.title, body, r, now);
}

Status NotifyUsers(Conn& c, const Actor& actor, const std::vector<int64_t>& users, const Release& r,
                   const std::string& kind, const std::string& title, int64_t now) {
  for (int64_t u : users) POL_RETURN_IF_ERROR(Notify(c, actor, u, kind, title + ": " + r.title, "", r, now));
  return Status::Ok();
}

Status Persist(Conn& c, const Actor& actor, Release& r, const std::string& action, const std::string& comment,
               int64_t now, const json& detail) {
  POL_RETURN_IF_ERROR(store::UpdateRelease(c, r, now));
  r.version += 1;
  r.updated_at = now;
  POL_RETURN_IF_ERROR(store::SaveReleaseTags(c, r.id, r.tags));
  POL_RETURN_IF_ERROR(store::SaveReleaseCoSigners(c, r.id, r.co_signers));
  POL_RETURN_IF_ERROR(store::SaveReleasePhotos(c, r.id, r.photos));
  POL_RETURN_IF_ERROR(store::InsertReleaseRevision(c, {.release_id = r.id,
                                                       .rev = r.version,
                                                       .action = action,
                                                       .author_id = ActorId(actor),
                                                       .author_name = ActorName(actor),
                                                       .at = now,
                                                       .comment = comment,
                                                       .snapshot = Snapshot(r).dump()}));
  return accounts::Audit(c, actor, now, action, "release", std::to_string(r.id), {r.council_id, r.agency_id},
                         detail);
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

}  // namespace

json Snapshot(const Release& r) {
  json co = json::array();
  for (const auto& s : r.co_signers) co.push_back(s.agency_id);
  json photos = json::array();
  for (const auto& p : r.photos) photos.push_back({{"media_id", p.media_id}, {"caption", p.caption}});
  auto opt = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(); };
  return json{{"status", r.status},
              {"over_title", r.over_title},
              {"title", r.title},
              {"lead", r.lead},
              {"body_html", r.body_html},
              {"body_text", r.body_text},
              {"category", r.category},
              {"occasion_id", opt(r.occasion_id)},
              {"urgency", r.urgency},
              {"source_line", r.source_line},
              {"council_level", r.council_level},
              {"embargo_until", opt(r.embargo_until)},
              {"publish_at", opt(r.publish_at)},
              {"tags", r.tags},
              {"co_agency_ids", co},
              {"photos", photos},
              {"return_comment", r.return_comment},
              {"correction_note", r.correction_note},
              {"withdrawn_reason", r.withdrawn_reason}};
}

StatusOr<Release> ReleaseService::Create(const Actor& actor, const ReleaseInput& in) {
  if (!in.agency_id) return InvalidArgument("required", "دستگاه خبر را انتخاب کنید.", "agency_id");
  if (!in.title) return InvalidArgument("required", "تیتر خبر لازم است.", "title");
  const int64_t now = env_->NowMillis();
  Release r;
  Status s = db_->Write([&](Conn& c) -> Status {
    auto agency = store::GetAgency(c, *in.agency_id);
    if (!agency.ok() && agency.status().code() != StatusCode::kNotFound) return agency.status();
    if (!agency.ok() || !(actor.IsSystemAdmin() || actor.principal->CanReadCouncil(agency->council_id))) {
      return InvalidArgument("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.",
                             "agency_id");
    }
    if (!CanWrite(actor, agency->id))
      return PermissionDenied(
          "فقط دبیران و مدیر روابط عمومی این دستگاه می‌توانند برای آن خبر "
          "بنویسند.");
    r.agency_id = agency->id;
    r.council_id = agency->council_id;
    r.author_id = ActorId(actor);
    r.created_at = r.updated_at = now;
    json changes = json::object();
    POL_RETURN_IF_ERROR(ApplyInput(c, in, r, changes));
    POL_ASSIGN_OR_RETURN(r.id, store::InsertRelease(c, r));
    POL_RETURN_IF_ERROR(store::SaveReleaseTags(c, r.id, r.tags));
    POL_RETURN_IF_ERROR(store::SaveReleaseCoSigners(c, r.id, r.co_signers));
    POL_RETURN_IF_ERROR(store::SaveReleasePhotos(c, r.id, r.photos));
    POL_RETURN_IF_ERROR(store::InsertReleaseRevision(c, {.release_id = r.id,
                                                         .rev = 1,
                                                         .action = "create",
                                                         .author_id = ActorId(actor),
                                                         .author_name = ActorName(actor),
                                                         .at = now,
                                                         .snapshot = Snapshot(r).dump()}));
    return accounts::Audit(c, actor, now, "create", "release", std::to_string(r.id),
                           {r.council_id, r.agency_id}, changes);
  });
  if (!s.ok()) return s;
  return r;
}

StatusOr<Release> ReleaseService::CreatePublished(int64_t agency_id, const ReleaseInput& in) {
  accounts::Actor system;
  ReleaseInput draft = in;
  draft.agency_id = agency_id;
  POL_ASSIGN_OR_RETURN(Release r, Create(system, draft));
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    r.status = "published";
    r.published_at = now;
    return Persist(c, system, r, "publish", "", now, json::object());
  }));
  return r;
}

StatusOr<Release> ReleaseService::Get(const Actor& actor, int64_t id) {
  Release r;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, store::GetRelease(c, id));
    return Status::Ok();
  }));
  if (!CanRead(actor, r)) return NotFound("خبر پیدا نشد.");
  return r;
}

StatusOr<std::pair<std::vector<Release>, int64_t>> ReleaseService::List(const Actor& actor,
                                                                        const ReleaseQuery& q) {
  store::ReleaseFilter f{.agency_id = q.agency_id,
                         .council_id = q.council_id,
                         .status = q.status,
                         .tag = q.tag,
                         .from = q.from,
                         .to = q.to,
                         .limit = q.limit,
                         .offset = q.offset};
  if (!actor.IsSystemAdmin()) {
    std::vector<int64_t> agencies, councils;
    for (const auto& g : actor.principal->grants) {
      auto role = accounts::ParseRole(g.role);
      if (g.agency_id) agencies.push_back(*g.agency_id);
      if (role && accounts::IsCouncilScoped(*role) && g.council_id) councils.push_back(*g.council_id);
    }
    f.only_agencies = std::move(agencies);
    f.only_councils = std::move(councils);
  }
  if (q.tag) {
    POL_ASSIGN_OR_RETURN(std::string tag, NormalizeText(*q.tag, 50, "tag", false));
    f.tag = tag;
  }
  if (!q.q.empty()) {
    f.words = text::QueryWords(q.q);
    if (f.words.empty()) return std::make_pair(std::vector<Release>(), int64_t{0});  // only stop words
  }
  std::pair<std::vector<Release>, int64_t> page;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(page, store::ListReleases(c, f));
    return Status::Ok();
  }));
  return page;
}

StatusOr<Release> ReleaseService::Change(const Actor& actor, int64_t id, std::optional<int64_t> version,
                                         const std::string& action, const std::string& comment,
                                         const Mutator& fn) {
  if (!version) return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  const int64_t now = env_->NowMillis();
  Release r;
  Status s = db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, store::GetRelease(c, id));
    if (!CanRead(actor, r)) return NotFound("خبر پیدا نشد.");
    const int64_t loaded = r.version;
    json detail = json::object();
    POL_RETURN_IF_ERROR(fn(c, r, detail));
    if (loaded != *version) return store::VersionConflict();
    r.version = loaded;
    return Persist(c, actor, r, action, comment, now, detail);
  });
  if (!s.ok()) return s;
  if (queue_ && (r.status == "scheduled" || r.status == "published")) queue_->Notify();
  return r;
}

StatusOr<Release> ReleaseService::Update(const Actor& actor, int64_t id, const ReleaseInput& in) {
  if (in.agency_id) return InvalidArgument("immutable", "دستگاه یک خبر تغییرپذیر نیست.", "agency_id");
  return Change(actor, id, in.version, "update", "", [&](Conn& c, Release& r, json& detail) -> Status {
    if (!CanWrite(actor, r.agency_id)) return PermissionDenied("ویرایش این خبر در اختیار شما نیست.");
    const bool editable = r.status == "draft" || r.status == "returned" ||
                          (r.status == "submitted" && CanManage(actor, r.agency_id));
    if (!editable) {
      return FailedPrecondition(
          "not_editable",
          "خبر در وضعیت «" + StatusName(r.status) +
              "» ویرایش‌پذیر نیست؛ خبر منتشرشده را با «اصلاحیه» "
              "تغییر دهید.");
    }
    return ApplyInput(c, in, r, detail);
  });
}

StatusOr<Release> ReleaseService::Submit(const Actor& actor, int64_t id, const ActionInput& in) {
  const int64_t now = env_->NowMillis();
  return Change(actor, id, in.version, "submit", "", [&](Conn& c, Release& r, json&) -> Status {
    if (!CanWrite(actor, r.agency_id)) return PermissionDenied("فرستادن این خبر در اختیار شما نیست.");
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
    const auto uid = ActorId(actor);
    json steps = json::array();
    if (r.status == "submitted") {
      if (!CanManage(actor, r.agency_id))
        return PermissionDenied("تأیید این خبر با مدیر روابط عمومی دستگاه است.");
      r.approved_by = uid;
      r.approved_at = now;
      r.status = "approved";
      steps.push_back("agency");
    } else if (r.status == "approved") {
      for (auto& s : r.co_signers) {
        if (!s.signed_at && CanManage(actor, s.agency_id)) {
          s.signed_by = uid;
          s.signed_at = now;
          steps.push_back("co_sign:" + std::to_string(s.agency_id));
        }
      }
      if (r.council_level && !r.council_approved_at && IsCouncilApprover(actor, r.council_id)) {
        r.council_approved_by = uid;
        r.council_approved_at = now;
        steps.push_back("council");
      }
      if (steps.empty()) return PermissionDenied("گام تأییدی از این خبر در اختیار شما نیست.");
    } else {
      return InvalidTransition(r);
    }
    detail["steps"] = steps;
    if (in.publish_at) r.publish_at = *in.publish_at;
    // The agency's own step may already cover the others (a system admin, or a manager of every co-signer).
    if (r.status == "approved") {
      for (auto& s : r.co_signers) {
        if (!s.signed_at && CanManage(actor, s.agency_id)) {
          s.signed_by = uid;
          s.signed_at = now;
        }
      }
      if (r.council_level && !r.council_approved_at && actor.IsSystemAdmin()) {
        r.council_approved_by = uid;
        r.council_approved_at = now;
      }
    }
    const bool complete = AllSigned(r) && (!r.council_level || r.council_approved_at);
    if (!complete) {
      // Tell the ones whose step is next.
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
      return NotifyAuthor(c, actor, r, "release.approved", "خبر شما تأیید شد",
                          "در انتظار گام‌های بعدی تأیید.", now);
    }
    int64_t when = r.publish_at.value_or(0);
    if (r.embargo_until) when = std::max(when, *r.embargo_until);
    if (when > now) {
      r.status = "scheduled";
      r.publish_at = when;
      detail["publish_at"] = when;
      if (queue_) {
        jobs::JobSpec spec{
            .kind = kPublishJobKind,
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
  });
}

StatusOr<Release> ReleaseService::Return(const Actor& actor, int64_t id, const ActionInput& in) {
  const int64_t now = env_->NowMillis();
  auto comment = NormalizeText(in.comment, 2000, "comment", true);
  return Change(actor, id, in.version, "return", comment.ok() ? *comment : "",
                [&](Conn& c, Release& r, json& detail) -> Status {
                  bool allowed = CanManage(actor, r.agency_id);
                  if (r.status == "approved") {
                    for (const auto& s : r.co_signers)
                      allowed = allowed || (!s.signed_at && CanManage(actor, s.agency_id));
                    allowed = allowed || (r.council_level && IsCouncilApprover(actor, r.council_id));
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
                  if (!CanManage(actor, r.agency_id))
                    return PermissionDenied(
                        "پس‌گرفتن خبر با مدیر روابط عمومی دستگاه است.");
                  if (r.status != "published" && r.status != "corrected" && r.status != "scheduled") {
                    return InvalidTransition(r);
                  }
                  if (!reason.ok()) return reason.status();
                  r.status = "withdrawn";
                  r.withdrawn_at = now;
                  r.withdrawn_reason = *reason;
                  detail["reason"] = *reason;
                  return NotifyAuthor(c, actor, r, "release.withdrawn", "خبر شما پس گرفته شد", *reason, now);
                });
}

StatusOr<Release> ReleaseService::Correct(const Actor& actor, int64_t id, const ActionInput& in) {
  const int64_t now = env_->NowMillis();
  auto note = NormalizeText(in.note, 2000, "note", true);
  return Change(actor, id, in.version, "correct", note.ok() ? *note : "",
                [&](Conn& c, Release& r, json& detail) -> Status {
                  if (!CanManage(actor, r.agency_id))
                    return PermissionDenied("اصلاحیهٔ خبر با مدیر روابط عمومی دستگاه است.");
                  if (r.status != "published" && r.status != "corrected") return InvalidTransition(r);
                  if (!note.ok()) return note.status();
                  if (in.changes.agency_id)
                    return InvalidArgument("immutable", "دستگاه یک خبر تغییرپذیر نیست.", "agency_id");
                  POL_RETURN_IF_ERROR(ApplyInput(c, in.changes, r, detail));
                  r.status = "corrected";
                  r.corrected_at = now;
                  r.correction_note = *note;
                  detail["note"] = *note;
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

StatusOr<std::vector<store::ReleaseRevision>> ReleaseService::Revisions(const Actor& actor, int64_t id) {
  POL_RETURN_IF_ERROR(Get(actor, id).status());
  std::vector<store::ReleaseRevision> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListReleaseRevisions(c, id, false));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::ReleaseRevision> ReleaseService::Revision(const Actor& actor, int64_t id, int64_t rev) {
  POL_RETURN_IF_ERROR(Get(actor, id).status());
  store::ReleaseRevision out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::GetReleaseRevision(c, id, rev));
    return Status::Ok();
  }));
  return out;
}

StatusOr<RevisionDiff> ReleaseService::Diff(const Actor& actor, int64_t id, int64_t from, int64_t to) {
  POL_ASSIGN_OR_RETURN(store::ReleaseRevision a, Revision(actor, id, from));
  POL_ASSIGN_OR_RETURN(store::ReleaseRevision b, Revision(actor, id, to));
  json ja = json::parse(a.snapshot, nullptr, false), jb = json::parse(b.snapshot, nullptr, false);
  if (ja.is_discarded() || jb.is_discarded()) return Internal("revision snapshot is not JSON");
  auto as_text = [](const json& j, const char* k) -> std::string {
    if (!j.contains(k) || j[k].is_null()) return "";
    if (j[k].is_string()) return j[k].get<std::string>();
    if (j[k].is_array() &&
        std::all_of(j[k].begin(), j[k].end(), [](const json& x) { return x.is_string(); })) {
      std::string s;
      for (const auto& x : j[k]) s += (s.empty() ? "" : " ") + x.get<std::string>();
      return s;
    }
    return j[k].dump();
  };
  RevisionDiff d{.from = from, .to = to};
  for (const char* field :
       {"status", "over_title", "title", "lead", "body_text", "category", "urgency", "source_line", "tags",
        "co_agency_ids", "photos", "occasion_id", "embargo_until", "publish_at", "council_level",
        "return_comment", "correction_note", "withdrawn_reason"}) {
    std::string x = as_text(ja, field), y = as_text(jb, field);
    if (x == y) continue;
    d.fields.push_back({field, DiffWords(x, y)});
  }
  return d;
}

StatusOr<std::vector<Release>> ReleaseService::Approvals(const Actor& actor) {
  std::optional<std::vector<int64_t>> agencies, councils;
  if (!actor.IsSystemAdmin()) {
    agencies = actor.principal->ManagedAgencies();
    councils.emplace();
    for (const auto& g : actor.principal->grants) {
      if ((g.role == "council_admin" || g.role == "committee_member") && g.council_id)
        councils->push_back(*g.council_id);
    }
    if (agencies->empty() && councils->empty()) return std::vector<Release>();
  }
  std::vector<Release> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListAwaitingApproval(c, agencies, councils));
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::pair<std::vector<store::Notification>, int64_t>> ReleaseService::Notifications(
    const Actor& actor, bool unread_only, int64_t limit, int64_t offset) {
  if (actor.IsSystem()) return std::make_pair(std::vector<store::Notification>(), int64_t{0});
  std::pair<std::vector<store::Notification>, int64_t> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out,
                         store::ListNotifications(c, actor.principal->user_id, unread_only, limit, offset));
    return Status::Ok();
  }));
  return out;
}

Status ReleaseService::MarkRead(const Actor& actor, int64_t id) {
  if (actor.IsSystem()) return NotFound("اعلان پیدا نشد.");
  const int64_t now = env_->NowMillis();
  return db_->Write(
      [&](Conn& c) { return store::MarkNotificationRead(c, actor.principal->user_id, id, now); });
}

Status RegisterNewsroomJobs(jobs::WorkerPool& pool, ReleaseService* releases) {
  return pool.Register(kPublishJobKind, [releases](const jobs::Job& job, jobs::JobContext&) -> Status {
    json p = json::parse(job.payload_json, nullptr, false);
    if (p.is_discarded() || !p.contains("release_id") || !p["release_id"].is_number_integer() ||
        !p.contains("publish_at") || !p["publish_at"].is_number_integer()) {
      return jobs::PermanentError("malformed newsroom.publish payload: " + job.payload_json);
    }
    return releases->PublishDue(p["release_id"].get<int64_t>(), p["publish_at"].get<int64_t>());
  });
}

}  // namespace pol::newsroom
