#include "insight/scorecard_policy.h"

namespace pol::insight {

using accounts::Role;

bool CanManageScorecards(const accounts::Actor& a, int64_t council_id, bool holds_committee_office) {
  if (a.IsSystemAdmin()) return true;
  const accounts::Principal& p = *a.principal;
  return p.HasInCouncil(Role::kCouncilAdmin, council_id) ||
         (holds_committee_office && p.HasInCouncil(Role::kCommitteeMember, council_id));
}

bool CanReadScorecards(const accounts::Actor& a, int64_t council_id, bool holds_committee_office) {
  if (CanManageScorecards(a, council_id, holds_committee_office)) return true;
  const accounts::Principal& p = *a.principal;
  return p.HasInCouncil(Role::kCommitteeMember, council_id) || p.HasInCouncil(Role::kAnalyst, council_id);
}

bool CanReadAgencyScorecard(const accounts::Actor& a, int64_t council_id, int64_t agency_id,
                            bool holds_committee_office) {
  if (CanReadScorecards(a, council_id, holds_committee_office)) return true;
  return a.principal->HasInAgency(Role::kAgencyPrManager, agency_id);
}

bool CanUploadEvidence(const accounts::Actor& a, int64_t council_id, int64_t agency_id,
                       bool holds_committee_office) {
  if (CanManageScorecards(a, council_id, holds_committee_office)) return true;
  return a.principal->HasInAgency(Role::kAgencyPrManager, agency_id);
}

bool CanDeleteEvidence(const accounts::Actor& a, int64_t council_id, int64_t agency_id,
                       std::optional<int64_t> uploaded_by, bool holds_committee_office) {
  if (a.IsSystemAdmin()) return true;
  if (a.principal->HasInAgency(Role::kAgencyPrManager, agency_id)) return true;
  return uploaded_by && *uploaded_by == a.principal->user_id &&
         CanUploadEvidence(a, council_id, agency_id, holds_committee_office);
}

}  // namespace pol::insight
