#include "committee/evidence.h"

#include "base/hex.h"
#include "committee/committee_internal.h"
#include "store/committee_repo.h"

namespace pol::committee {
namespace {

using accounts::Actor;

struct Found {
  store::Decision decision;
  internal::Scope scope;
};

// The decision when the actor reads it (its readers and its owner person); NotFound otherwise.
StatusOr<Found> LoadReadable(store::Conn& c, const Actor& actor, int64_t decision_id) {
  auto d = store::GetDecision(c, decision_id);
  if (!d.ok()) return NotFound("مصوبه پیدا نشد.");
  POL_ASSIGN_OR_RETURN(internal::Scope s, internal::LoadScopeUnchecked(c, actor, d->committee_id));
  const bool reads = CanReadDecision(actor, s.committee.council_id, s.seat, d->owner_agency_id) ||
                     (!actor.IsSystem() && d->owner_user_id == actor.principal->user_id);
  if (!reads) return NotFound("مصوبه پیدا نشد.");
  return Found{std::move(*d), std::move(s)};
}

}  // namespace

StatusOr<store::CommitteeEvidence> EvidenceService::Upload(const Actor& actor, int64_t decision_id,
                                                           int64_t followup_id, const std::string& filename,
                                                           std::string_view data) {
  const int64_t now = env_->NowMillis();
  // Who may, before anything about the file is said (a refused caller learns nothing from it).
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(Found f, LoadReadable(c, actor, decision_id));
    POL_ASSIGN_OR_RETURN(bool entry, store::FollowUpOfDecision(c, decision_id, followup_id));
    if (!entry) return NotFound("گزارش پیگیری پیدا نشد.");
    if (!CanFollowUp(actor, f.scope.committee.council_id, f.scope.seat, f.decision.owner_agency_id,
                     f.decision.owner_user_id)) {
      return PermissionDenied("پیوست مدرک با دستگاه یا فرد مسئول مصوبه و دبیر کمیته است.");
    }
    return Status::Ok();
  }));
  if (data.empty()) return InvalidArgument("empty_file", "پرونده خالی است.", "file");
  if (data.size() > kEvidenceMaxBytes) {
    return InvalidArgument("too_large", "حجم پرونده بیش از ۱۰ مگابایت است.", "file");
  }
  const std::string mime = citizen::SniffAttachmentType(data);
  if (mime.empty()) {
    return InvalidArgument("unsupported_type",
                           "فقط عکس (JPEG، PNG یا WebP) یا PDF پذیرفته می‌شود.",
                           "file");
  }
  POL_ASSIGN_OR_RETURN(std::string name, internal::Text(filename, 200, "filename", false));
  for (char& ch : name) {
    if (ch == '/' || ch == '\\' || ch == '"') ch = '_';
  }
  if (name.empty()) name = "مدرک";
  store::CommitteeEvidence e{
      .decision_id = decision_id,
      .followup_id = followup_id,
      .sha256 = Sha256Hex(data),
      .mime = mime,
      .filename = name,
      .size_bytes = static_cast<int64_t>(data.size()),
      .user_id = actor.IsSystem() ? std::nullopt : std::optional<int64_t>(actor.principal->user_id),
      .created_at = now};
  // The file first: a committed row always has its file (an orphan file from a failed commit is harmless).
  POL_RETURN_IF_ERROR(files_.Put(e.sha256, data));
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    // Checked again in the write: the decision or the actor's seat may have changed meanwhile.
    POL_ASSIGN_OR_RETURN(Found f, LoadReadable(c, actor, decision_id));
    POL_ASSIGN_OR_RETURN(bool entry, store::FollowUpOfDecision(c, decision_id, followup_id));
    if (!entry) return NotFound("گزارش پیگیری پیدا نشد.");
    if (!CanFollowUp(actor, f.scope.committee.council_id, f.scope.seat, f.decision.owner_agency_id,
                     f.decision.owner_user_id)) {
      return PermissionDenied("پیوست مدرک با دستگاه یا فرد مسئول مصوبه و دبیر کمیته است.");
    }
    POL_ASSIGN_OR_RETURN(e.id, store::InsertCommitteeEvidence(c, e));
    return accounts::Audit(c, actor, now, "add_evidence", "committee_decision", std::to_string(decision_id),
                           {f.scope.committee.council_id, f.decision.owner_agency_id},
                           {{"followup_id", followup_id},
                            {"evidence_id", e.id},
                            {"content_type", mime},
                            {"bytes", e.size_bytes}});
  }));
  return e;
}

StatusOr<std::vector<store::CommitteeEvidence>> EvidenceService::List(const Actor& actor,
                                                                      int64_t decision_id) {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<std::vector<store::CommitteeEvidence>> {
    POL_RETURN_IF_ERROR(LoadReadable(c, actor, decision_id).status());
    return store::ListCommitteeEvidence(c, decision_id);
  });
}

StatusOr<std::pair<store::CommitteeEvidence, std::string>> EvidenceService::Download(const Actor& actor,
                                                                                     int64_t decision_id,
                                                                                     int64_t id) {
  POL_ASSIGN_OR_RETURN(store::CommitteeEvidence e,
                       db_->ReadValue([&](store::Conn& c) -> StatusOr<store::CommitteeEvidence> {
                         POL_RETURN_IF_ERROR(LoadReadable(c, actor, decision_id).status());
                         POL_ASSIGN_OR_RETURN(auto found, store::GetCommitteeEvidence(c, decision_id, id));
                         if (!found) return NotFound("پیوست پیدا نشد.");
                         return *found;
                       }));
  POL_ASSIGN_OR_RETURN(std::string bytes, files_.Get(e.sha256));
  return std::make_pair(std::move(e), std::move(bytes));
}

}  // namespace pol::committee
