// The committee's opt-in public page (issue 13 §8): the council setting that turns the site's page of
// published decisions on (off by default; the council's admins decide), and a decision's `published` flag
// (the committee's secretary or chair decide). The page itself is rendered by the public site
// (site/decisions_page.h) from store/committee_repo_public.h and shows only published decisions and only
// their public fields. Every write is audited in its own transaction; permission through
// publication_policy.h.
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <cstdint>

#include "accounts/actor.h"
#include "base/env.h"
#include "store/committee_repo_public.h"

namespace pol::committee {

class PublicationService {
 public:
  PublicationService(store::Database* db, Env* env) : db_(db), env_(env) {}

  // NotFound for an unknown council; PermissionDenied unless the actor may set the page.
  StatusOr<store::CommitteeCouncilSettings> GetSettings(const accounts::Actor& actor, int64_t council_id);
  // `version` is the settings' version as read (0 before the first save); VersionConflict when stale.
  StatusOr<store::CommitteeCouncilSettings> SetPublicPage(const accounts::Actor& actor, int64_t council_id,
                                                          bool public_page, int64_t version);

  // Whether a decision is published; NotFound when the actor may not read the decision.
  StatusOr<store::DecisionPublication> GetPublication(const accounts::Actor& actor, int64_t decision_id);
  // Publishes a decision on the public page or withdraws it. NotFound when the actor may not read the
  // decision; PermissionDenied unless secretary, chair or admin; VersionConflict when `version` (the
  // decision's) is stale.
  StatusOr<store::DecisionPublication> SetPublished(const accounts::Actor& actor, int64_t decision_id,
                                                    bool published, int64_t version);

 private:
  store::Database* const db_;
  Env* const env_;
};

}  // namespace pol::committee
