#include "store/committee_repo_evidence.h"

namespace pol::store {
namespace {

constexpr const char* kCols =
    "id, decision_id, followup_id, sha256, mime, filename, size_bytes, user_id, created_at";

CommitteeEvidence FromRow(const Row& r) {
  return CommitteeEvidence{.id = r.Int(0),
                           .decision_id = r.Int(1),
                           .followup_id = r.Int(2),
                           .sha256 = r.Text(3),
                           .mime = r.Text(4),
                           .filename = r.Text(5),
                           .size_bytes = r.Int(6),
                           .user_id = r.OptInt(7),
                           .created_at = r.Int(8)};
}

}  // namespace

StatusOr<int64_t> InsertCommitteeEvidence(Conn& c, const CommitteeEvidence& e) {
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("INSERT INTO committee_evidence(decision_id, followup_id, sha256, mime, "
                                  "filename, size_bytes, user_id, created_at) VALUES (?,?,?,?,?,?,?,?) "
                                  "RETURNING id",
                                  {e.decision_id, e.followup_id, e.sha256, e.mime, e.filename, e.size_bytes,
                                   Opt(e.user_id), e.created_at}));
  return r.Int(0);
}

StatusOr<std::vector<CommitteeEvidence>> ListCommitteeEvidence(Conn& c, int64_t decision_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kCols +
                                              " FROM committee_evidence WHERE decision_id = ? "
                                              "ORDER BY followup_id, id",
                                          {decision_id}));
  std::vector<CommitteeEvidence> out;
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

StatusOr<std::optional<CommitteeEvidence>> GetCommitteeEvidence(Conn& c, int64_t decision_id, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt(std::string("SELECT ") + kCols +
                                                " FROM committee_evidence WHERE decision_id = ? AND id = ?",
                                            {decision_id, id}));
  if (!row) return std::optional<CommitteeEvidence>();
  return std::optional<CommitteeEvidence>(FromRow(*row));
}

StatusOr<bool> FollowUpOfDecision(Conn& c, int64_t decision_id, int64_t followup_id) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt("SELECT id FROM committee_followups WHERE id = ? AND decision_id = ?",
                                  {followup_id, decision_id}));
  return row.has_value();
}

}  // namespace pol::store
