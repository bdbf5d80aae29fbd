// SQL of the committee's opt-in public page (committee/publication.h, site/decisions_page.cc): a council's
// committee settings, a decision's `published` flag, and the published decisions of a council as the
// public site shows them — only public fields (no owner person, no follow-up notes, no votes).
//
// Thread-safety: functions of a Conn, which the caller holds inside Database::Read/Write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct CommitteeCouncilSettings {
  int64_t council_id = 0;
  bool public_page = false;  // the site's page of published decisions (off by default)
  int64_t version = 0;       // 0: never saved (the defaults)
  int64_t updated_at = 0;
};

// The settings of a council's committees; the defaults (version 0) when none were saved.
StatusOr<CommitteeCouncilSettings> GetCommitteeCouncilSettings(Conn& c, int64_t council_id);
// Saves when `s.version` is the stored version (0: none stored yet); VersionConflict otherwise.
Status SaveCommitteeCouncilSettings(Conn& c, const CommitteeCouncilSettings& s, int64_t now);

// A decision's publication on the public page, with the decision's version (its optimistic lock).
struct DecisionPublication {
  int64_t decision_id = 0;
  bool published = false;
  std::optional<int64_t> published_at;
  int64_t version = 0;
};
StatusOr<DecisionPublication> GetDecisionPublication(Conn& c, int64_t decision_id);

// Sets a decision's published flag when `version` matches (bumps it); VersionConflict otherwise.
Status SetDecisionPublished(Conn& c, int64_t decision_id, bool published, int64_t version, int64_t now);

// One published decision as the public page shows it.
struct PublicDecision {
  int64_t id = 0;
  std::string committee_name;
  int64_t meeting_number = 0, meeting_starts_at = 0;
  std::string text, agency_name;  // the owner agency (never the owner person)
  int64_t deadline = 0;
  std::string status;  // open | in_progress | done | cancelled
  int64_t progress = 0;
  std::optional<int64_t> done_at;
  int64_t updated_at = 0;
};

// Published decisions of the council's committees, newest meeting first, and their total.
StatusOr<std::pair<std::vector<PublicDecision>, int64_t>> ListPublicDecisions(Conn& c, int64_t council_id,
                                                                              int64_t limit, int64_t offset);

}  // namespace pol::store
