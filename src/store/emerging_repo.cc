#include "store/emerging_repo.h"

#include <algorithm>
#include <cstdlib>

namespace pol::store {
namespace {

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string s;
  for (int64_t id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return s;
}

std::vector<int64_t> SplitIds(const std::string& s) {
  std::vector<int64_t> out;
  size_t at = 0;
  while (at < s.size()) {
    size_t end = s.find(',', at);
    if (end == std::string::npos) end = s.size();
    if (end > at) out.push_back(std::strtoll(s.substr(at, end - at).c_str(), nullptr, 10));
    at = end + 1;
  }
  return out;
}

std::string JoinTerms(const std::vector<std::string>& terms) {
  std::string s;
  for (const std::string& t : terms) s += (s.empty() ? "" : "\n") + t;
  return s;
}

std::vector<std::string> SplitTerms(const std::string& s) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < s.size()) {
    size_t end = s.find('\n', at);
    if (end == std::string::npos) end = s.size();
    if (end > at) out.push_back(s.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::string JoinAgencies(const std::map<int64_t, int64_t>& a) {
  std::string s;
  for (const auto& [id, n] : a) s += (s.empty() ? "" : ",") + std::to_string(id) + ":" + std::to_string(n);
  return s;
}

std::map<int64_t, int64_t> SplitAgencies(const std::string& s) {
  std::map<int64_t, int64_t> out;
  size_t at = 0;
  while (at < s.size()) {
    size_t end = s.find(',', at);
    if (end == std::string::npos) end = s.size();
    const std::string part = s.substr(at, end - at);
    if (size_t colon = part.find(':'); colon != std::string::npos)
      out[std::strtoll(part.substr(0, colon).c_str(), nullptr, 10)] =
          std::strtoll(part.substr(colon + 1).c_str(), nullptr, 10);
    at = end + 1;
  }
  return out;
}

constexpr char kIssueColumns[] =
    "id, council_id, terms, first_day, last_day, z, growth, items, requests, positive, neutral, negative, "
    "agencies, owner_agency_id, assigned_by, assigned_at, created_at, updated_at";

EmergingIssueRow IssueFrom(const Row& r) {
  EmergingIssueRow x;
  x.id = r.Int(0);
  x.council_id = r.Int(1);
  x.terms = SplitTerms(r.Text(2));
  x.first_day = r.Int(3);
  x.last_day = r.Int(4);
  x.z = r.Real(5);
  x.growth = r.Real(6);
  x.items = r.Int(7);
  x.requests = r.Int(8);
  x.positive = r.Int(9);
  x.neutral = r.Int(10);
  x.negative = r.Int(11);
  x.agencies = SplitAgencies(r.Text(12));
  x.owner_agency_id = r.OptInt(13);
  x.assigned_by = r.OptInt(14);
  x.assigned_at = r.OptInt(15);
  x.created_at = r.Int(16);
  x.updated_at = r.Int(17);
  return x;
}

}  // namespace

StatusOr<std::vector<EmergingSource>> EmergingSources(Conn& c, int64_t council_id, int64_t from, int64_t to) {
  std::vector<EmergingSource> out;
  POL_ASSIGN_OR_RETURN(
      Rows items,
      c.Query("SELECT m.id, m.title, m.lead, m.body, m.fingerprint, COALESCE(m.tone_override, m.tone) "
              "FROM media_items m WHERE m.council_id = ? AND COALESCE(m.published_at, m.fetched_at) >= ? AND "
              "COALESCE(m.published_at, m.fetched_at) < ? ORDER BY m.id",
              {council_id, from, to}));
  std::map<int64_t, size_t> index;
  for (const Row& r : items) {
    index[r.Int(0)] = out.size();
    out.push_back({.kind = "media_item",
                   .id = r.Int(0),
                   .text = r.Text(1) + "\n" + r.Text(2) + "\n" + r.Text(3),
                   .title = r.Text(1),
                   .copy_key = r.Text(4),
                   .tone = r.Text(5)});
  }
  POL_ASSIGN_OR_RETURN(
      Rows mentions,
      c.Query("SELECT DISTINCT x.item_id, x.agency_id FROM mentions x JOIN media_items m ON m.id = x.item_id "
              "WHERE m.council_id = ? AND COALESCE(m.published_at, m.fetched_at) >= ? AND "
              "COALESCE(m.published_at, m.fetched_at) < ? ORDER BY x.item_id, x.agency_id",
              {council_id, from, to}));
  for (const Row& r : mentions)
    if (auto it = index.find(r.Int(0)); it != index.end()) out[it->second].agencies.push_back(r.Int(1));
  POL_ASSIGN_OR_RETURN(
      Rows requests,
      c.Query("SELECT q.id, q.subject, q.text, q.tracking_code, q.agency_id FROM citizen_requests q "
              "WHERE q.council_id = ? AND q.created_at >= ? AND q.created_at < ? AND "
              "q.state NOT IN ('unverified', 'merged') ORDER BY q.id",
              {council_id, from, to}));
  for (const Row& r : requests) {
    EmergingSource s{
        .kind = "request", .id = r.Int(0), .text = r.Text(1) + "\n" + r.Text(2), .title = r.Text(3)};
    if (!r.IsNull(4)) s.agencies.push_back(r.Int(4));
    out.push_back(std::move(s));
  }
  return out;
}

StatusOr<std::vector<int64_t>> EmergingCouncils(Conn& c) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT id FROM councils ORDER BY id"));
  std::vector<int64_t> out;
  for (const Row& r : rows) out.push_back(r.Int(0));
  return out;
}

StatusOr<std::map<int64_t, int64_t>> EmergingCountedDays(Conn& c, int64_t council_id, int64_t from_day,
                                                         int64_t to_day) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT day, counted_at FROM emerging_days WHERE council_id = ? AND "
                               "day >= ? AND day <= ?",
                               {council_id, from_day, to_day}));
  std::map<int64_t, int64_t> out;
  for (const Row& r : rows) out[r.Int(0)] = r.Int(1);
  return out;
}

Status ReplaceEmergingDay(Conn& c, int64_t council_id, int64_t day,
                          const std::map<std::string, int64_t>& counts,
                          const std::map<std::string, int64_t>& request_counts, int64_t documents,
                          int64_t now) {
  POL_RETURN_IF_ERROR(
      c.Exec("DELETE FROM emerging_term_days WHERE council_id = ? AND day = ?", {council_id, day}).status());
  using Counts = std::map<std::string, int64_t>;
  const std::pair<const char*, const Counts*> kinds[] = {{"all", &counts}, {"request", &request_counts}};
  for (const auto& [kind, map] : kinds)
    for (const auto& [term, n] : *map)
      POL_RETURN_IF_ERROR(c.Exec("INSERT INTO emerging_term_days(council_id, day, kind, term, documents) "
                                 "VALUES (?,?,?,?,?)",
                                 {council_id, day, std::string(kind), term, n})
                              .status());
  return c
      .Exec(
          "INSERT INTO emerging_days(council_id, day, documents, counted_at) VALUES (?,?,?,?) "
          "ON CONFLICT (council_id, day) DO UPDATE SET documents = excluded.documents, "
          "counted_at = excluded.counted_at",
          {council_id, day, documents, now})
      .status();
}

StatusOr<std::map<std::string, int64_t>> EmergingDayCounts(Conn& c, int64_t council_id, int64_t day,
                                                           int64_t min_documents) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT term, documents FROM emerging_term_days WHERE council_id = ? AND "
                               "kind = 'all' AND day = ? AND documents >= ?",
                               {council_id, day, min_documents}));
  std::map<std::string, int64_t> out;
  for (const Row& r : rows) out[r.Text(0)] = r.Int(1);
  return out;
}

StatusOr<std::map<std::string, std::vector<int64_t>>> EmergingHistory(Conn& c, int64_t council_id,
                                                                      int64_t from_day, int64_t to_day,
                                                                      const std::vector<std::string>& keys) {
  std::map<std::string, std::vector<int64_t>> out;
  for (const std::string& k : keys) {
    POL_ASSIGN_OR_RETURN(Rows rows,
                         c.Query("SELECT documents FROM emerging_term_days WHERE council_id = ? AND "
                                 "kind = 'all' AND term = ? AND day >= ? AND day < ?",
                                 {council_id, k, from_day, to_day}));
    for (const Row& r : rows) out[k].push_back(r.Int(0));
  }
  return out;
}

StatusOr<std::vector<std::pair<std::string, int64_t>>> TopTerms(Conn& c, int64_t council_id,
                                                                const std::string& kind, int64_t from_day,
                                                                int64_t to_day, int64_t limit) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT term, SUM(documents) FROM emerging_term_days WHERE council_id = ? "
                               "AND kind = ? AND day >= ? AND day < ? AND term NOT LIKE '% %' "
                               "GROUP BY term ORDER BY 2 DESC, 1 LIMIT ?",
                               {council_id, kind, from_day, to_day, limit}));
  std::vector<std::pair<std::string, int64_t>> out;
  for (const Row& r : rows) out.emplace_back(r.Text(0), r.Int(1));
  return out;
}

StatusOr<std::map<std::string, int64_t>> TermTotals(Conn& c, int64_t council_id, const std::string& kind,
                                                    int64_t from_day, int64_t to_day,
                                                    const std::vector<std::string>& terms) {
  std::map<std::string, int64_t> out;
  for (const std::string& t : terms) {
    POL_ASSIGN_OR_RETURN(Row r,
                         c.QueryOne("SELECT COALESCE(SUM(documents), 0) FROM emerging_term_days WHERE "
                                    "council_id = ? AND kind = ? AND term = ? AND day >= ? AND day < ?",
                                    {council_id, kind, t, from_day, to_day}));
    if (r.Int(0) > 0) out[t] = r.Int(0);
  }
  return out;
}

StatusOr<std::vector<EmergingIssueRow>> ListEmergingIssues(Conn& c, int64_t council_id, int64_t since_day) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kIssueColumns +
                                              " FROM emerging_issues WHERE council_id = ? AND last_day >= ? "
                                              "ORDER BY last_day DESC, z DESC, id DESC",
                                          {council_id, since_day}));
  std::vector<EmergingIssueRow> out;
  for (const Row& r : rows) out.push_back(IssueFrom(r));
  return out;
}

StatusOr<std::optional<EmergingIssueRow>> GetEmergingIssue(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      std::optional<Row> r,
      c.QueryOpt(std::string("SELECT ") + kIssueColumns + " FROM emerging_issues WHERE id = ?", {id}));
  if (!r) return std::optional<EmergingIssueRow>();
  return std::optional<EmergingIssueRow>(IssueFrom(*r));
}

StatusOr<int64_t> InsertEmergingIssue(Conn& c, const EmergingIssueRow& x) {
  POL_ASSIGN_OR_RETURN(
      Row row,
      c.QueryOne(
          "INSERT INTO emerging_issues(council_id, terms, first_day, last_day, z, growth, items, "
          "requests, positive, neutral, negative, agencies, created_at, updated_at) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
          {x.council_id, JoinTerms(x.terms), x.first_day, x.last_day, x.z, x.growth, x.items, x.requests,
           x.positive, x.neutral, x.negative, JoinAgencies(x.agencies), x.created_at, x.updated_at}));
  return row.Int(0);
}

Status UpdateEmergingIssue(Conn& c, const EmergingIssueRow& x) {
  return c
      .Exec(
          "UPDATE emerging_issues SET terms = ?, first_day = ?, last_day = ?, z = ?, growth = ?, items = ?, "
          "requests = ?, positive = ?, neutral = ?, negative = ?, agencies = ?, updated_at = ? WHERE id = ?",
          {JoinTerms(x.terms), x.first_day, x.last_day, x.z, x.growth, x.items, x.requests, x.positive,
           x.neutral, x.negative, JoinAgencies(x.agencies), x.updated_at, x.id})
      .status();
}

Status SetEmergingOwner(Conn& c, int64_t id, int64_t agency_id, std::optional<int64_t> by, int64_t at) {
  return c
      .Exec(
          "UPDATE emerging_issues SET owner_agency_id = ?, assigned_by = ?, assigned_at = ?, updated_at = ? "
          "WHERE id = ?",
          {agency_id, Opt(by), at, at, id})
      .status();
}

Status AddEmergingIssueDoc(Conn& c, const EmergingIssueDoc& d) {
  return c
      .Exec(
          "INSERT INTO emerging_issue_docs(issue_id, kind, doc_id, day, tone, agencies, title) "
          "VALUES (?,?,?,?,?,?,?) ON CONFLICT (issue_id, kind, doc_id) DO NOTHING",
          {d.issue_id, d.kind, d.doc_id, d.day, d.tone, JoinIds(d.agencies), d.title})
      .status();
}

StatusOr<std::vector<EmergingIssueDoc>> EmergingIssueDocs(Conn& c, int64_t issue_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT issue_id, kind, doc_id, day, tone, agencies, title FROM "
                                          "emerging_issue_docs WHERE issue_id = ? ORDER BY day, kind, doc_id",
                                          {issue_id}));
  std::vector<EmergingIssueDoc> out;
  for (const Row& r : rows)
    out.push_back({.issue_id = r.Int(0),
                   .kind = r.Text(1),
                   .doc_id = r.Int(2),
                   .day = r.Int(3),
                   .tone = r.Text(4),
                   .agencies = SplitIds(r.Text(5)),
                   .title = r.Text(6)});
  return out;
}

}  // namespace pol::store
