// Who may do what with the PR units' scorecards (insight/scorecard.h). This file alone decides; the
// scorecard service calls it and never the role primitives of accounts/roles.h. Whether a user holds
// the chair or the secretary seat of one of the council's committees is read by the caller
// (store::HoldsCommitteeOffice) and passed in.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <optional>

#include "accounts/actor.h"

namespace pol::insight {

// Edit the template, create, score and close periods: system admins, the council's council admin, and
// a committee member of the council who chairs or is secretary of one of its committees.
bool CanManageScorecards(const accounts::Actor& a, int64_t council_id, bool holds_committee_office);

// See the ranked table of a period and every agency's card: whoever manages, and the council's
// committee members and analysts.
bool CanReadScorecards(const accounts::Actor& a, int64_t council_id, bool holds_committee_office);

// See one agency's card: whoever reads the council's, and the agency's PR manager.
bool CanReadAgencyScorecard(const accounts::Actor& a, int64_t council_id, int64_t agency_id,
                            bool holds_committee_office);

// Upload evidence for an agency: the agency's PR manager, and whoever manages the council's scorecards.
bool CanUploadEvidence(const accounts::Actor& a, int64_t council_id, int64_t agency_id,
                       bool holds_committee_office);

// Delete a piece of evidence of an agency (while its period is open — the service checks that): the
// agency's PR manager, whoever uploaded it (if they may still upload for the agency), system admins.
bool CanDeleteEvidence(const accounts::Actor& a, int64_t council_id, int64_t agency_id,
                       std::optional<int64_t> uploaded_by, bool holds_committee_office);

}  // namespace pol::insight
