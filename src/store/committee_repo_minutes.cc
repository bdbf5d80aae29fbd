#include "store/committee_repo_minutes.h"

namespace pol::store {
namespace {

constexpr const char* kMinutesCols =
    "id, meeting_id, revision, corrects_id, correction_reason, body_html, body_text, status, version, "
    "created_by, created_at, updated_at, circulated_at, approved_by, approved_at";

Minutes MinutesFromRow(const Row& r) {
  Minutes m;
  m.id = r.Int(0);
  m.meeting_id = r.Int(1);
  m.revision = r.Int(2);
  m.corrects_id = r.OptInt(3);
  m.correction_reason = r.Text(4);
  m.body_html = r.Text(5);
  m.body_text = r.Text(6);
  m.status = r.Text(7);
  m.version = r.Int(8);
  m.created_by = r.OptInt(9);
  m.created_at = r.Int(10);
  m.updated_at = r.Int(11);
  m.circulated_at = r.OptInt(12);
  m.approved_by = r.OptInt(13);
  m.approved_at = r.OptInt(14);
  return m;
}

}  // namespace

StatusOr<int64_t> InsertMinutes(Conn& c, const Minutes& m) {
  POL_ASSIGN_OR_RETURN(
      Row r, c.QueryOne("INSERT INTO committee_minutes(meeting_id, revision, corrects_id, correction_reason, "
                        "body_html, body_text, status, version, created_by, created_at, updated_at) "
                        "VALUES (?,?,?,?,?,?,?,1,?,?,?) RETURNING id",
                        {m.meeting_id, m.revision, Opt(m.corrects_id), m.correction_reason, m.body_html,
                         m.body_text, m.status, Opt(m.created_by), m.created_at, m.created_at}));
  return r.Int(0);
}

StatusOr<std::vector<Minutes>> ListMinutesRevisions(Conn& c, int64_t meeting_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query(std::string("SELECT ") + kMinutesCols +
                                   " FROM committee_minutes WHERE meeting_id = ? ORDER BY revision",
                               {meeting_id}));
  std::vector<Minutes> out;
  for (const Row& r : rows) out.push_back(MinutesFromRow(r));
  return out;
}

Status UpdateMinutes(Conn& c, const Minutes& m, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      int64_t n,
      c.Exec("UPDATE committee_minutes SET body_html = ?, body_text = ?, status = ?, circulated_at = ?, "
             "approved_by = ?, approved_at = ?, version = version + 1, updated_at = ? "
             "WHERE id = ? AND version = ?",
             {m.body_html, m.body_text, m.status, Opt(m.circulated_at), Opt(m.approved_by),
              Opt(m.approved_at), now, m.id, m.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

StatusOr<int64_t> InsertMinutesComment(Conn& c, const MinutesComment& v) {
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("INSERT INTO committee_minutes_comments(minutes_id, member_id, "
                                         "user_id, body, at) VALUES (?,?,?,?,?) RETURNING id",
                                         {v.minutes_id, Opt(v.member_id), Opt(v.user_id), v.body, v.at}));
  return r.Int(0);
}

StatusOr<std::vector<MinutesComment>> ListMinutesComments(Conn& c, int64_t minutes_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT k.id, k.minutes_id, k.member_id, k.user_id, k.body, k.at, "
                               "COALESCE(u.name, '') FROM committee_minutes_comments k "
                               "LEFT JOIN users u ON u.id = k.user_id WHERE k.minutes_id = ? ORDER BY k.id",
                               {minutes_id}));
  std::vector<MinutesComment> out;
  for (const Row& r : rows) {
    out.push_back(
        MinutesComment{r.Int(0), r.Int(1), r.OptInt(2), r.OptInt(3), r.Text(4), r.Int(5), r.Text(6)});
  }
  return out;
}

}  // namespace pol::store
