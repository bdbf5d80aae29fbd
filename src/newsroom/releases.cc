// Releases: creating, reading and listing them, the change helper every workflow step runs through,
// revisions and their diffs, the approval queue, and the scheduled-publication job.
#include "newsroom/releases.h"

#include <algorithm>

#include "accounts/validate.h"
#include "newsroom/newsroom_policy.h"
#include "newsroom/release_internal.h"
#include "store/council_repo.h"
#include "text/search_terms.h"

namespace pol::newsroom {
namespace internal {

using accounts::Actor;
using nlohmann::json;
using store::Conn;
using store::Release;

std::optional<int64_t> ActorId(const Actor& a) {
  if (a.IsSystem()) return std::nullopt;
  return a.principal->user_id;
}

std::string ActorName(const Actor& a) { return a.IsSystem() ? "سامانه" : a.principal->name; }

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

}  // namespace internal

using accounts::Actor;
using accounts::NormalizeText;
using internal::ActorId;
using internal::ActorName;
using internal::ApplyInput;
using internal::Persist;
using nlohmann::json;
using store::Conn;
using store::Release;

StatusOr<Release> ReleaseService::Create(const Actor& actor, const ReleaseInput& in,
                                         std::vector<SanitizeWarning>* warnings) {
  if (!in.agency_id) return InvalidArgument("required", "دستگاه خبر را انتخاب کنید.", "agency_id");
  if (!in.title) return InvalidArgument("required", "تیتر خبر لازم است.", "title");
  POL_ASSIGN_OR_RETURN(const internal::PreparedInput prepared, internal::PrepareInput(in));
  if (warnings && prepared.body) *warnings = prepared.body->warnings;
  const int64_t now = env_->NowMillis();
  Release r;
  Status s = db_->Write([&](Conn& c) -> Status {
    auto agency = store::GetAgency(c, *in.agency_id);
    if (!agency.ok() && agency.status().code() != StatusCode::kNotFound) return agency.status();
    if (!agency.ok() || !CanSeeCouncil(actor, agency->council_id)) {
      return InvalidArgument("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.",
                             "agency_id");
    }
    if (!CanWriteReleases(actor, agency->id))
      return PermissionDenied(
          "فقط دبیران و مدیر روابط عمومی این دستگاه می‌توانند برای آن خبر "
          "بنویسند.");
    r.agency_id = agency->id;
    r.council_id = agency->council_id;
    r.author_id = ActorId(actor);
    r.created_at = r.updated_at = now;
    json changes = json::object();
    POL_RETURN_IF_ERROR(ApplyInput(c, in, prepared, r, changes));
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
  if (!CanReadRelease(actor, r)) return NotFound("خبر پیدا نشد.");
  return r;
}

StatusOr<store::ReleasePage> ReleaseService::List(const Actor& actor, const ReleaseQuery& q) {
  store::ReleaseFilter f{.agency_id = q.agency_id,
                         .council_id = q.council_id,
                         .status = q.status,
                         .tag = q.tag,
                         .from = q.from,
                         .to = q.to,
                         .limit = q.limit,
                         .offset = q.offset};
  if (auto scope = ReadableReleases(actor)) {
    f.only_agencies = std::move(scope->agencies);
    f.only_councils = std::move(scope->councils);
  }
  if (q.tag) {
    POL_ASSIGN_OR_RETURN(std::string tag, NormalizeText(*q.tag, 50, "tag", false));
    f.tag = tag;
  }
  if (!q.q.empty()) {
    f.words = text::QueryWords(q.q);
    if (f.words.empty()) return store::ReleasePage{};  // only stop words
  }
  store::ReleasePage page;
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
    if (!CanReadRelease(actor, r)) return NotFound("خبر پیدا نشد.");
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
  if (auto scope = ApprovableReleases(actor)) {
    if (scope->agencies.empty() && scope->councils.empty()) return std::vector<Release>();
    agencies = std::move(scope->agencies);
    councils = std::move(scope->councils);
  }
  std::vector<Release> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListAwaitingApproval(c, agencies, councils));
    return Status::Ok();
  }));
  return out;
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
