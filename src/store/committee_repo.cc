#include "store/committee_repo.h"

#include "store/sql_build.h"

namespace pol::store {
namespace {

constexpr const char* kCommitteeCols =
    "id, council_id, parent_id, name, quorum_rule, version, created_at, updated_at";
constexpr const char* kMemberCols =
    "m.id, m.committee_id, m.user_id, m.agency_id, m.role, m.voting, m.joined_at, m.left_at, u.name";
constexpr const char* kMeetingCols =
    "id, committee_id, number, kind, starts_at, duration_min, place, online_url, status, version, "
    "created_at, updated_at";
constexpr const char* kDecisionCols =
    "d.id, d.committee_id, d.meeting_id, d.agenda_item_id, d.text, d.owner_agency_id, d.owner_user_id, "
    "d.deadline, d.priority, d.status, d.progress, d.majority, d.vote_result, d.done_at, d.version, "
    "d.created_at, d.updated_at, mt.number";

Committee CommitteeFromRow(const Row& r) {
  return Committee{r.Int(0), r.Int(1), r.OptInt(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6), r.Int(7)};
}

CommitteeMember MemberFromRow(const Row& r) {
  return CommitteeMember{r.Int(0),      r.Int(1), r.Int(2),    r.OptInt(3), r.Text(4),
                         r.Int(5) != 0, r.Int(6), r.OptInt(7), r.Text(8)};
}

Meeting MeetingFromRow(const Row& r) {
  return Meeting{r.Int(0),  r.Int(1),  r.Int(2),  r.Text(3), r.Int(4),  r.Int(5),
                 r.Text(6), r.Text(7), r.Text(8), r.Int(9),  r.Int(10), r.Int(11)};
}

Decision DecisionFromRow(const Row& r) {
  Decision d;
  d.id = r.Int(0);
  d.committee_id = r.Int(1);
  d.meeting_id = r.Int(2);
  d.agenda_item_id = r.OptInt(3);
  d.text = r.Text(4);
  d.owner_agency_id = r.Int(5);
  d.owner_user_id = r.OptInt(6);
  d.deadline = r.Int(7);
  d.priority = r.Text(8);
  d.status = r.Text(9);
  d.progress = r.Int(10);
  d.majority = r.Text(11);
  d.vote_result = r.Text(12);
  d.done_at = r.OptInt(13);
  d.version = r.Int(14);
  d.created_at = r.Int(15);
  d.updated_at = r.Int(16);
  d.meeting_number = r.Int(17);
  return d;
}

}  // namespace

StatusOr<int64_t> InsertCommittee(Conn& c, const Committee& v) {
  POL_ASSIGN_OR_RETURN(
      Row r, c.QueryOne("INSERT INTO committees(council_id, parent_id, name, quorum_rule, "
                        "version, created_at, updated_at) VALUES (?,?,?,?,1,?,?) RETURNING id",
                        {v.council_id, Opt(v.parent_id), v.name, v.quorum_rule, v.created_at, v.created_at}));
  return r.Int(0);
}

StatusOr<Committee> GetCommittee(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kCommitteeCols + " FROM committees WHERE id = ?", {id}));
  if (!row) return NotFound("کمیته پیدا نشد.");
  return CommitteeFromRow(*row);
}

StatusOr<std::vector<Committee>> ListCommittees(Conn& c,
                                                const std::optional<std::vector<int64_t>>& councils) {
  Params p;
  std::string where = councils ? " WHERE council_id IN " + InList(*councils, p) : "";
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(std::string("SELECT ") + kCommitteeCols + " FROM committees" + where + " ORDER BY id", p));
  std::vector<Committee> out;
  for (const Row& r : rows) out.push_back(CommitteeFromRow(r));
  return out;
}

StatusOr<int64_t> InsertMember(Conn& c, const CommitteeMember& m) {
  POL_ASSIGN_OR_RETURN(
      Row r,
      c.QueryOne("INSERT INTO committee_members(committee_id, user_id, agency_id, role, "
                 "voting, joined_at) VALUES (?,?,?,?,?,?) RETURNING id",
                 {m.committee_id, m.user_id, Opt(m.agency_id), m.role, int64_t{m.voting}, m.joined_at}));
  return r.Int(0);
}

StatusOr<CommitteeMember> GetMember(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt(std::string("SELECT ") + kMemberCols +
                                                " FROM committee_members m JOIN users u ON u.id = m.user_id "
                                                "WHERE m.id = ?",
                                            {id}));
  if (!row) return NotFound("عضو کمیته پیدا نشد.");
  return MemberFromRow(*row);
}

StatusOr<std::vector<CommitteeMember>> ListMembers(Conn& c, int64_t committee_id, bool current_only) {
  std::string sql = std::string("SELECT ") + kMemberCols +
                    " FROM committee_members m JOIN users u ON u.id = m.user_id WHERE m.committee_id = ?";
  if (current_only) sql += " AND m.left_at IS NULL";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql + " ORDER BY m.id", {committee_id}));
  std::vector<CommitteeMember> out;
  for (const Row& r : rows) out.push_back(MemberFromRow(r));
  return out;
}

Status EndMembership(Conn& c, int64_t member_id, int64_t at) {
  POL_ASSIGN_OR_RETURN(
      int64_t n,
      c.Exec("UPDATE committee_members SET left_at = ? WHERE id = ? AND left_at IS NULL", {at, member_id}));
  if (n == 0) return NotFound("عضو کنونی کمیته پیدا نشد.");
  return Status::Ok();
}

StatusOr<std::vector<CommitteeMember>> MembershipsOfUser(Conn& c, int64_t user_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kMemberCols +
                                              " FROM committee_members m JOIN users u ON u.id = m.user_id "
                                              "WHERE m.user_id = ? AND m.left_at IS NULL ORDER BY m.id",
                                          {user_id}));
  std::vector<CommitteeMember> out;
  for (const Row& r : rows) out.push_back(MemberFromRow(r));
  return out;
}

StatusOr<int64_t> NextMeetingNumber(Conn& c, int64_t committee_id) {
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT COALESCE(MAX(number), 0) + 1 FROM committee_meetings "
                                         "WHERE committee_id = ?",
                                         {committee_id}));
  return r.Int(0);
}

StatusOr<int64_t> InsertMeeting(Conn& c, const Meeting& m) {
  POL_ASSIGN_OR_RETURN(
      Row r,
      c.QueryOne("INSERT INTO committee_meetings(committee_id, number, kind, starts_at, duration_min, place, "
                 "online_url, status, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,1,?,?) "
                 "RETURNING id",
                 {m.committee_id, m.number, m.kind, m.starts_at, m.duration_min, m.place, m.online_url,
                  m.status, m.created_at, m.created_at}));
  return r.Int(0);
}

StatusOr<Meeting> GetMeeting(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto row,
      c.QueryOpt(std::string("SELECT ") + kMeetingCols + " FROM committee_meetings WHERE id = ?", {id}));
  if (!row) return NotFound("جلسه پیدا نشد.");
  return MeetingFromRow(*row);
}

StatusOr<std::vector<Meeting>> ListMeetings(Conn& c, int64_t committee_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query(std::string("SELECT ") + kMeetingCols +
                                   " FROM committee_meetings WHERE committee_id = ? ORDER BY number",
                               {committee_id}));
  std::vector<Meeting> out;
  for (const Row& r : rows) out.push_back(MeetingFromRow(r));
  return out;
}

StatusOr<std::vector<Meeting>> OverlappingMeetings(Conn& c, int64_t from, int64_t to, int64_t except_id,
                                                   std::optional<int64_t> committee_id,
                                                   const std::vector<int64_t>& user_ids) {
  Params p{except_id, to, from};
  std::string who;
  if (committee_id) {
    who = "committee_id = ?";
    p.emplace_back(*committee_id);
  } else {
    if (user_ids.empty()) return std::vector<Meeting>();
    who =
        "committee_id IN (SELECT committee_id FROM committee_members WHERE left_at IS NULL AND user_id IN " +
        InList(user_ids, p) + ")";
  }
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kMeetingCols +
                                              " FROM committee_meetings WHERE status <> 'cancelled' "
                                              "AND status <> 'draft' AND id <> ? AND starts_at < ? "
                                              "AND starts_at + duration_min * 60000 > ? AND " +
                                              who + " ORDER BY starts_at",
                                          p));
  std::vector<Meeting> out;
  for (const Row& r : rows) out.push_back(MeetingFromRow(r));
  return out;
}

Status UpdateMeeting(Conn& c, const Meeting& m, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      int64_t n,
      c.Exec("UPDATE committee_meetings SET kind = ?, starts_at = ?, duration_min = ?, place = ?, "
             "online_url = ?, status = ?, version = version + 1, updated_at = ? "
             "WHERE id = ? AND version = ?",
             {m.kind, m.starts_at, m.duration_min, m.place, m.online_url, m.status, now, m.id, m.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

StatusOr<int64_t> InsertAgendaItem(Conn& c, const AgendaItem& a) {
  POL_ASSIGN_OR_RETURN(
      Row r, c.QueryOne("INSERT INTO committee_agenda_items(meeting_id, position, title, presenter_user_id, "
                        "duration_min, link_kind, link_id, is_review) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                        {a.meeting_id, a.position, a.title, Opt(a.presenter_user_id), a.duration_min,
                         a.link_kind, Opt(a.link_id), int64_t{a.is_review}}));
  return r.Int(0);
}

StatusOr<std::vector<AgendaItem>> ListAgenda(Conn& c, int64_t meeting_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT id, meeting_id, position, title, presenter_user_id, "
                                          "duration_min, link_kind, link_id, is_review FROM "
                                          "committee_agenda_items WHERE meeting_id = ? ORDER BY position, id",
                                          {meeting_id}));
  std::vector<AgendaItem> out;
  for (const Row& r : rows) {
    out.push_back(AgendaItem{r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.OptInt(4), r.Int(5), r.Text(6),
                             r.OptInt(7), r.Int(8) != 0});
  }
  return out;
}

Status UpsertAttendance(Conn& c, const Attendance& a) {
  return c
      .Exec(
          "INSERT INTO committee_attendance(meeting_id, member_id, status, delegate_name) VALUES (?,?,?,?) "
          "ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = excluded.status, "
          "delegate_name = excluded.delegate_name",
          {a.meeting_id, a.member_id, a.status, a.delegate_name})
      .status();
}

Status UpsertRsvp(Conn& c, int64_t meeting_id, int64_t member_id, const std::string& rsvp,
                  const std::string& delegate_name) {
  return c
      .Exec(
          "INSERT INTO committee_attendance(meeting_id, member_id, status, delegate_name, rsvp) "
          "VALUES (?,?,'',?,?) ON CONFLICT (meeting_id, member_id) DO UPDATE SET rsvp = excluded.rsvp, "
          "delegate_name = excluded.delegate_name",
          {meeting_id, member_id, delegate_name, rsvp})
      .status();
}

StatusOr<std::vector<Attendance>> ListAttendance(Conn& c, int64_t meeting_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT meeting_id, member_id, status, delegate_name, rsvp FROM "
                                          "committee_attendance WHERE meeting_id = ? ORDER BY member_id",
                                          {meeting_id}));
  std::vector<Attendance> out;
  for (const Row& r : rows) out.push_back(Attendance{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

StatusOr<int64_t> InsertDecision(Conn& c, const Decision& d) {
  POL_ASSIGN_OR_RETURN(
      Row r,
      c.QueryOne("INSERT INTO committee_decisions(committee_id, meeting_id, agenda_item_id, text, "
                 "owner_agency_id, owner_user_id, deadline, priority, status, progress, majority, "
                 "vote_result, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1,?,?) "
                 "RETURNING id",
                 {d.committee_id, d.meeting_id, Opt(d.agenda_item_id), d.text, d.owner_agency_id,
                  Opt(d.owner_user_id), d.deadline, d.priority, d.status, d.progress, d.majority,
                  d.vote_result, d.created_at, d.created_at}));
  return r.Int(0);
}

StatusOr<Decision> GetDecision(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt(std::string("SELECT ") + kDecisionCols +
                                                " FROM committee_decisions d JOIN committee_meetings mt "
                                                "ON mt.id = d.meeting_id WHERE d.id = ?",
                                            {id}));
  if (!row) return NotFound("مصوبه پیدا نشد.");
  return DecisionFromRow(*row);
}

StatusOr<std::pair<std::vector<Decision>, int64_t>> ListDecisions(Conn& c, const DecisionFilter& f) {
  std::string where = " WHERE 1=1";
  Params p;
  auto eq = [&](const char* col, const std::optional<int64_t>& v) {
    if (!v) return;
    where += std::string(" AND ") + col + " = ?";
    p.emplace_back(*v);
  };
  eq("d.committee_id", f.committee_id);
  eq("d.meeting_id", f.meeting_id);
  eq("d.owner_agency_id", f.owner_agency_id);
  eq("d.owner_user_id", f.owner_user_id);
  if (f.only_agency_ids || f.only_committee_ids) {
    // Scope: decisions of these committees, or owned by these agencies.
    std::vector<std::string> any;
    if (f.only_committee_ids) any.push_back("d.committee_id IN " + InList(*f.only_committee_ids, p));
    if (f.only_agency_ids) any.push_back("d.owner_agency_id IN " + InList(*f.only_agency_ids, p));
    where += " AND (" + any[0] + (any.size() > 1 ? " OR " + any[1] : std::string()) + ")";
  }
  if (f.status) {
    where += " AND d.status = ?";
    p.emplace_back(*f.status);
  }
  if (f.overdue_at) {
    where += " AND d.status IN ('open', 'in_progress') AND d.deadline < ?";
    p.emplace_back(*f.overdue_at);
  }
  const std::string from = " FROM committee_decisions d JOIN committee_meetings mt ON mt.id = d.meeting_id";
  POL_ASSIGN_OR_RETURN(Row count, c.QueryOne("SELECT COUNT(*)" + from + where, p));
  Params page = p;
  page.emplace_back(f.limit);
  page.emplace_back(f.offset);
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kDecisionCols + from + where +
                                              " ORDER BY d.deadline, d.id LIMIT ? OFFSET ?",
                                          page));
  std::vector<Decision> out;
  for (const Row& r : rows) out.push_back(DecisionFromRow(r));
  return std::make_pair(std::move(out), count.Int(0));
}

Status UpdateDecision(Conn& c, const Decision& d, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      int64_t n,
      c.Exec("UPDATE committee_decisions SET text = ?, owner_agency_id = ?, owner_user_id = ?, deadline = ?, "
             "priority = ?, status = ?, progress = ?, majority = ?, vote_result = ?, done_at = ?, "
             "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
             {d.text, d.owner_agency_id, Opt(d.owner_user_id), d.deadline, d.priority, d.status, d.progress,
              d.majority, d.vote_result, Opt(d.done_at), now, d.id, d.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

StatusOr<int64_t> InsertFollowUp(Conn& c, const FollowUp& f) {
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("INSERT INTO committee_followups(decision_id, at, user_id, note, "
                                  "progress, status) VALUES (?,?,?,?,?,?) RETURNING id",
                                  {f.decision_id, f.at, Opt(f.user_id), f.note, f.progress, f.status}));
  return r.Int(0);
}

StatusOr<std::vector<FollowUp>> ListFollowUps(Conn& c, int64_t decision_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT id, decision_id, at, user_id, note, progress, status FROM "
                                          "committee_followups WHERE decision_id = ? ORDER BY at, id",
                                          {decision_id}));
  std::vector<FollowUp> out;
  for (const Row& r : rows) {
    out.push_back(FollowUp{r.Int(0), r.Int(1), r.Int(2), r.OptInt(3), r.Text(4), r.Int(5), r.Text(6)});
  }
  return out;
}

Status UpsertVote(Conn& c, const Vote& v) {
  return c
      .Exec(
          "INSERT INTO committee_votes(decision_id, member_id, vote, at) VALUES (?,?,?,?) "
          "ON CONFLICT (decision_id, member_id) DO UPDATE SET vote = excluded.vote, at = excluded.at",
          {v.decision_id, v.member_id, v.vote, v.at})
      .status();
}

StatusOr<std::vector<Vote>> ListVotes(Conn& c, int64_t decision_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT decision_id, member_id, vote, at FROM committee_votes "
                                          "WHERE decision_id = ? ORDER BY member_id",
                                          {decision_id}));
  std::vector<Vote> out;
  for (const Row& r : rows) out.push_back(Vote{r.Int(0), r.Int(1), r.Text(2), r.Int(3)});
  return out;
}

}  // namespace pol::store
