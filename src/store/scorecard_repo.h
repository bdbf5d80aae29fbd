// The scorecards' storage (insight/scorecard.h, migration 20): templates and their items, periods,
// the committee's manual scores, the agencies' evidence files (metadata; the bytes are in the data
// folder) and the snapshot a closed period keeps. All SQL of the scorecards is here.
//
// Thread-safety: free functions over a caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct ScorecardItemRow {
  std::string index_code, index_name, code, name, formula;
  double weight = 1, max_score = 0, floor_value = 0, target_value = 1;
};

// The stored template's version (nullopt: none stored, the default applies) and its items in order.
StatusOr<std::optional<int64_t>> ScorecardTemplateVersion(Conn& c, int64_t council_id,
                                                          const std::string& kind);
StatusOr<std::vector<ScorecardItemRow>> ScorecardTemplateItems(Conn& c, int64_t council_id,
                                                               const std::string& kind);
// Replaces the template's items; `expected_version` nullopt creates it (the stored version must not
// exist), else it must match (VersionConflict otherwise). Returns the new version.
StatusOr<int64_t> ReplaceScorecardTemplate(Conn& c, int64_t council_id, const std::string& kind,
                                           std::optional<int64_t> expected_version,
                                           const std::vector<ScorecardItemRow>& items, int64_t now);

struct ScorecardPeriodRow {
  int64_t id = 0, council_id = 0;
  std::string kind;              // season | year
  int64_t year = 0, season = 0;  // season 0 for a year
  int64_t from_ms = 0, to_ms = 0;
  std::string status;  // open | closed
  int64_t version = 1;
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
  std::optional<int64_t> closed_by, closed_at;
};

// AlreadyExists("scorecard_period_exists") when the council has that period already.
StatusOr<int64_t> InsertScorecardPeriod(Conn& c, const ScorecardPeriodRow& p);
StatusOr<std::optional<ScorecardPeriodRow>> GetScorecardPeriod(Conn& c, int64_t id);
StatusOr<std::optional<ScorecardPeriodRow>> FindScorecardPeriod(Conn& c, int64_t council_id,
                                                                const std::string& kind, int64_t year,
                                                                int64_t season);
// The council's periods, latest first.
StatusOr<std::vector<ScorecardPeriodRow>> ListScorecardPeriods(Conn& c, int64_t council_id);
// Marks an open period closed (VersionConflict when it was not open any more).
Status CloseScorecardPeriod(Conn& c, int64_t id, std::optional<int64_t> by, int64_t at);

struct ScorecardScoreRow {
  int64_t agency_id = 0;
  std::string item_code;
  double score = 0;
  std::string note;
  std::optional<int64_t> scored_by;
  int64_t scored_at = 0;
};
Status UpsertScorecardScore(Conn& c, int64_t period_id, const ScorecardScoreRow& s);
StatusOr<std::vector<ScorecardScoreRow>> ListScorecardScores(Conn& c, int64_t period_id);

struct ScorecardEvidenceRow {
  int64_t id = 0, period_id = 0, agency_id = 0;
  std::string item_code, file_name, content_type;
  int64_t size = 0;
  std::string sha256;
  std::optional<int64_t> uploaded_by;
  int64_t uploaded_at = 0;
};
StatusOr<int64_t> InsertScorecardEvidence(Conn& c, const ScorecardEvidenceRow& e);
StatusOr<std::optional<ScorecardEvidenceRow>> GetScorecardEvidence(Conn& c, int64_t id);
StatusOr<std::vector<ScorecardEvidenceRow>> ListScorecardEvidence(Conn& c, int64_t period_id);
Status DeleteScorecardEvidence(Conn& c, int64_t id);
// How many evidence rows name the file with this SHA-256 (files are shared by content).
StatusOr<int64_t> CountScorecardEvidenceFiles(Conn& c, const std::string& sha256);

struct ScorecardSnapshotItemRow {
  int64_t agency_id = 0, position = 0;
  ScorecardItemRow item;
  std::optional<double> raw;
  double points = 0;
};
struct ScorecardSnapshotTotalRow {
  int64_t agency_id = 0;
  std::string agency_name;
  double total = 0, max_total = 0;
  int64_t rank = 0;
  std::optional<double> previous_total;
};
Status InsertScorecardSnapshot(Conn& c, int64_t period_id, const std::vector<ScorecardSnapshotItemRow>& items,
                               const std::vector<ScorecardSnapshotTotalRow>& totals);
StatusOr<std::vector<ScorecardSnapshotItemRow>> ScorecardSnapshotItems(Conn& c, int64_t period_id);
// Ranked (rank, then name).
StatusOr<std::vector<ScorecardSnapshotTotalRow>> ScorecardSnapshotTotals(Conn& c, int64_t period_id);

// Whether the user holds a chair or secretary seat (not left) in a committee of the council.
StatusOr<bool> HoldsCommitteeOffice(Conn& c, int64_t council_id, int64_t user_id);

}  // namespace pol::store
