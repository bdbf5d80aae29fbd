#include "store/committee_repo_invitations.h"

namespace pol::store {
namespace {

constexpr char kCols[] =
    "id, dedup, kind, channel, committee_id, meeting_id, decision_id, member_id, user_id, sequence, status, "
    "error, created_at, sent_at";

CommitteeNotice FromRow(const Row& r) {
  CommitteeNotice n;
  n.id = r.Int(0);
  n.dedup = r.Text(1);
  n.kind = r.Text(2);
  n.channel = r.Text(3);
  n.committee_id = r.Int(4);
  n.meeting_id = r.OptInt(5);
  n.decision_id = r.OptInt(6);
  n.member_id = r.OptInt(7);
  n.user_id = r.Int(8);
  n.sequence = r.Int(9);
  n.status = r.Text(10);
  n.error = r.Text(11);
  n.created_at = r.Int(12);
  n.sent_at = r.OptInt(13);
  return n;
}

StatusOr<std::vector<CommitteeNotice>> ListWhere(Conn& c, const char* column, int64_t id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kCols + " FROM committee_notices WHERE " +
                                              column + " = ? ORDER BY id",
                                          {id}));
  std::vector<CommitteeNotice> out;
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

StatusOr<std::vector<int64_t>> Ids(Conn& c, std::string_view sql, const Params& params) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  std::vector<int64_t> out;
  for (const Row& r : rows) out.push_back(r.Int(0));
  return out;
}

}  // namespace

StatusOr<std::optional<int64_t>> InsertNoticeIfNew(Conn& c, const CommitteeNotice& n) {
  POL_ASSIGN_OR_RETURN(
      auto row,
      c.QueryOpt("INSERT INTO committee_notices(dedup, kind, channel, committee_id, meeting_id, decision_id, "
                 "member_id, user_id, sequence, status, error, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                 "ON CONFLICT (dedup) DO NOTHING RETURNING id",
                 {n.dedup, n.kind, n.channel, n.committee_id, Opt(n.meeting_id), Opt(n.decision_id),
                  Opt(n.member_id), n.user_id, n.sequence, n.status, n.error, n.created_at}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

StatusOr<CommitteeNotice> GetNotice(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kCols + " FROM committee_notices WHERE id = ?", {id}));
  if (!row) return NotFound("اعلان پیدا نشد.");
  return FromRow(*row);
}

Status FinishNotice(Conn& c, int64_t id, const std::string& status, const std::string& error, int64_t at) {
  Value sent = Null{};
  if (status == "sent") sent = at;
  return c
      .Exec("UPDATE committee_notices SET status = ?, error = ?, sent_at = ? WHERE id = ?",
            {status, error, sent, id})
      .status();
}

StatusOr<std::vector<CommitteeNotice>> ListNoticesOfMeeting(Conn& c, int64_t meeting_id) {
  return ListWhere(c, "meeting_id", meeting_id);
}

StatusOr<std::vector<CommitteeNotice>> ListNoticesOfDecision(Conn& c, int64_t decision_id) {
  return ListWhere(c, "decision_id", decision_id);
}

StatusOr<bool> MeetingWasInvited(Conn& c, int64_t meeting_id) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt("SELECT id FROM committee_notices WHERE meeting_id = ? AND "
                                            "kind = 'invite' LIMIT 1",
                                            {meeting_id}));
  return row.has_value();
}

StatusOr<std::vector<int64_t>> ScheduledMeetingsStarting(Conn& c, int64_t from, int64_t to) {
  return Ids(
      c,
      "SELECT id FROM committee_meetings WHERE status = 'scheduled' AND starts_at > ? AND starts_at <= ? "
      "ORDER BY starts_at, id",
      {from, to});
}

StatusOr<std::vector<int64_t>> OpenDecisionsDueBefore(Conn& c, int64_t until) {
  return Ids(c,
             "SELECT id FROM committee_decisions WHERE status IN ('open', 'in_progress') AND deadline < ? "
             "ORDER BY deadline, id",
             {until});
}

}  // namespace pol::store
