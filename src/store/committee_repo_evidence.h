// SQL of the evidence attached to a decision's follow-up entries (committee/evidence.h): one row per file
// on one entry; the bytes live in the file store the row names by SHA-256.
//
// Thread-safety: functions of a Conn, which the caller holds inside Database::Read/Write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct CommitteeEvidence {
  int64_t id = 0, decision_id = 0, followup_id = 0;
  std::string sha256, mime, filename;
  int64_t size_bytes = 0;
  std::optional<int64_t> user_id;
  int64_t created_at = 0;
};

StatusOr<int64_t> InsertCommitteeEvidence(Conn& c, const CommitteeEvidence& e);
// The evidence of a decision, by follow-up entry and time.
StatusOr<std::vector<CommitteeEvidence>> ListCommitteeEvidence(Conn& c, int64_t decision_id);
// One file of the decision; nullopt when it does not exist or belongs to another decision.
StatusOr<std::optional<CommitteeEvidence>> GetCommitteeEvidence(Conn& c, int64_t decision_id, int64_t id);
// Whether the follow-up entry exists and belongs to the decision.
StatusOr<bool> FollowUpOfDecision(Conn& c, int64_t decision_id, int64_t followup_id);

}  // namespace pol::store
