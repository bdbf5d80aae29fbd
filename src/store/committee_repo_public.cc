#include "store/committee_repo_public.h"

namespace pol::store {

StatusOr<CommitteeCouncilSettings> GetCommitteeCouncilSettings(Conn& c, int64_t council_id) {
  CommitteeCouncilSettings s{.council_id = council_id};
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt("SELECT public_page, version, updated_at FROM "
                                            "committee_council_settings WHERE council_id = ?",
                                            {council_id}));
  if (row) {
    s.public_page = row->Int(0) != 0;
    s.version = row->Int(1);
    s.updated_at = row->Int(2);
  }
  return s;
}

Status SaveCommitteeCouncilSettings(Conn& c, const CommitteeCouncilSettings& s, int64_t now) {
  if (s.version == 0) {
    POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("INSERT INTO committee_council_settings(council_id, public_page, "
                                           "version, updated_at) VALUES (?,?,1,?) "
                                           "ON CONFLICT (council_id) DO NOTHING",
                                           {s.council_id, int64_t{s.public_page ? 1 : 0}, now}));
    return n == 1 ? Status::Ok() : VersionConflict();
  }
  POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("UPDATE committee_council_settings SET public_page = ?, "
                                         "version = version + 1, updated_at = ? "
                                         "WHERE council_id = ? AND version = ?",
                                         {int64_t{s.public_page ? 1 : 0}, now, s.council_id, s.version}));
  return n == 1 ? Status::Ok() : VersionConflict();
}

StatusOr<DecisionPublication> GetDecisionPublication(Conn& c, int64_t decision_id) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt("SELECT published, published_at, version FROM committee_decisions "
                                  "WHERE id = ?",
                                  {decision_id}));
  if (!row) return NotFound("مصوبه پیدا نشد.");
  return DecisionPublication{decision_id, row->Int(0) != 0, row->OptInt(1), row->Int(2)};
}

Status SetDecisionPublished(Conn& c, int64_t decision_id, bool published, int64_t version, int64_t now) {
  Value at = published ? Value(now) : Value();
  POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("UPDATE committee_decisions SET published = ?, published_at = ?, "
                                         "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                                         {int64_t{published ? 1 : 0}, at, now, decision_id, version}));
  return n == 1 ? Status::Ok() : VersionConflict();
}

StatusOr<std::pair<std::vector<PublicDecision>, int64_t>> ListPublicDecisions(Conn& c, int64_t council_id,
                                                                              int64_t limit, int64_t offset) {
  const std::string from =
      " FROM committee_decisions d JOIN committees k ON k.id = d.committee_id"
      " JOIN committee_meetings mt ON mt.id = d.meeting_id JOIN agencies a ON a.id = d.owner_agency_id"
      " WHERE k.council_id = ? AND d.published = 1";
  POL_ASSIGN_OR_RETURN(Row count, c.QueryOne("SELECT COUNT(*)" + from, {council_id}));
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT d.id, k.name, mt.number, mt.starts_at, d.text, a.name, "
                                          "d.deadline, d.status, d.progress, d.done_at, d.updated_at" +
                                              from + " ORDER BY mt.starts_at DESC, d.id LIMIT ? OFFSET ?",
                                          {council_id, limit, offset}));
  std::vector<PublicDecision> out;
  for (const Row& r : rows) {
    out.push_back(PublicDecision{.id = r.Int(0),
                                 .committee_name = r.Text(1),
                                 .meeting_number = r.Int(2),
                                 .meeting_starts_at = r.Int(3),
                                 .text = r.Text(4),
                                 .agency_name = r.Text(5),
                                 .deadline = r.Int(6),
                                 .status = r.Text(7),
                                 .progress = r.Int(8),
                                 .done_at = r.OptInt(9),
                                 .updated_at = r.Int(10)});
  }
  return std::make_pair(std::move(out), count.Int(0));
}

}  // namespace pol::store
