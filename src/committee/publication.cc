#include "committee/publication.h"

#include "committee/committee_internal.h"
#include "committee/publication_policy.h"
#include "store/committee_repo.h"
#include "store/council_repo.h"

namespace pol::committee {
namespace {

using accounts::Actor;

struct Found {
  store::Decision decision;
  internal::Scope scope;
};

// The decision and the actor's scope in its committee; NotFound («مصوبه پیدا نشد.») when the decision does
// not exist or the actor may not read it.
StatusOr<Found> LoadReadable(store::Conn& c, const Actor& actor, int64_t decision_id) {
  auto d = store::GetDecision(c, decision_id);
  if (!d.ok()) return NotFound("مصوبه پیدا نشد.");
  POL_ASSIGN_OR_RETURN(internal::Scope s, internal::LoadScopeUnchecked(c, actor, d->committee_id));
  if (!CanReadDecision(actor, s.committee.council_id, s.seat, d->owner_agency_id)) {
    return NotFound("مصوبه پیدا نشد.");
  }
  return Found{std::move(*d), std::move(s)};
}

}  // namespace

StatusOr<store::CommitteeCouncilSettings> PublicationService::GetSettings(const Actor& actor,
                                                                          int64_t council_id) {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<store::CommitteeCouncilSettings> {
    if (!store::GetCouncil(c, council_id).ok()) return NotFound("شورا پیدا نشد.");
    if (!CanSetPublicPage(actor, council_id)) return PermissionDenied();
    return store::GetCommitteeCouncilSettings(c, council_id);
  });
}

StatusOr<store::CommitteeCouncilSettings> PublicationService::SetPublicPage(const Actor& actor,
                                                                            int64_t council_id,
                                                                            bool public_page,
                                                                            int64_t version) {
  const int64_t now = env_->NowMillis();
  return db_->WriteValue([&](store::Conn& c) -> StatusOr<store::CommitteeCouncilSettings> {
    if (!store::GetCouncil(c, council_id).ok()) return NotFound("شورا پیدا نشد.");
    if (!CanSetPublicPage(actor, council_id)) return PermissionDenied();
    POL_ASSIGN_OR_RETURN(store::CommitteeCouncilSettings s,
                         store::GetCommitteeCouncilSettings(c, council_id));
    if (s.version != version) return VersionConflict();
    s.public_page = public_page;
    POL_RETURN_IF_ERROR(store::SaveCommitteeCouncilSettings(c, s, now));
    POL_RETURN_IF_ERROR(accounts::Audit(c, actor, now, "update", "committee_settings",
                                        std::to_string(council_id), {council_id, std::nullopt},
                                        {{"public_page", public_page}}));
    return store::GetCommitteeCouncilSettings(c, council_id);
  });
}

StatusOr<store::DecisionPublication> PublicationService::GetPublication(const Actor& actor,
                                                                        int64_t decision_id) {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<store::DecisionPublication> {
    POL_RETURN_IF_ERROR(LoadReadable(c, actor, decision_id).status());
    return store::GetDecisionPublication(c, decision_id);
  });
}

StatusOr<store::DecisionPublication> PublicationService::SetPublished(const Actor& actor, int64_t decision_id,
                                                                      bool published, int64_t version) {
  const int64_t now = env_->NowMillis();
  return db_->WriteValue([&](store::Conn& c) -> StatusOr<store::DecisionPublication> {
    POL_ASSIGN_OR_RETURN(Found f, LoadReadable(c, actor, decision_id));
    if (!CanPublishDecision(actor, f.scope.committee.council_id, f.scope.seat)) {
      return PermissionDenied("انتشار مصوبه در پایگاه عمومی با دبیر یا رئیس کمیته است.");
    }
    if (f.decision.version != version) return VersionConflict();
    POL_RETURN_IF_ERROR(store::SetDecisionPublished(c, decision_id, published, version, now));
    POL_RETURN_IF_ERROR(accounts::Audit(
        c, actor, now, published ? "publish" : "unpublish", "committee_decision", std::to_string(decision_id),
        {f.scope.committee.council_id, f.decision.owner_agency_id}, {{"published", published}}));
    return store::GetDecisionPublication(c, decision_id);
  });
}

}  // namespace pol::committee
