#include "store/insight_repo_bulletin.h"

namespace pol::store {

StatusOr<std::string> CouncilName(Conn& c, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(std::optional<Row> r,
                       c.QueryOpt("SELECT name FROM councils WHERE id = ?", {council_id}));
  return r ? r->Text(0) : std::string();
}

StatusOr<std::vector<InsightAgency>> CouncilAgencies(Conn& c, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT id, name FROM agencies WHERE council_id = ? ORDER BY name, id", {council_id}));
  std::vector<InsightAgency> out;
  for (const Row& w : rows) out.push_back({w.Int(0), w.Text(1)});
  return out;
}

StatusOr<std::vector<MustReadItem>> MustReadItems(Conn& c, const InsightScope& s, int64_t limit) {
  std::string sql =
      "SELECT m.id, m.title, COALESCE(m.published_at, m.fetched_at), m.outlet, COALESCE(m.tone_override, "
      "m.tone), m.url, COALESCE(ms.tier, ''), COALESCE(ms.reach_weight, 0), CASE ms.tier WHEN 'national' THEN "
      "0 WHEN 'provincial' THEN 1 WHEN 'local' THEN 2 ELSE 3 END, CASE COALESCE(m.tone_override, m.tone) "
      "WHEN 'negative' THEN 0 WHEN 'positive' THEN 1 ELSE 2 END FROM media_items m LEFT JOIN monitor_sources "
      "ms ON ms.id = m.source_id WHERE m.council_id = ? AND COALESCE(m.published_at, m.fetched_at) >= ? AND "
      "COALESCE(m.published_at, m.fetched_at) < ? AND EXISTS (SELECT 1 FROM mentions x WHERE x.item_id = m.id";
  Params params{s.council_id, s.from, s.to};
  if (s.agency_id) {
    sql += " AND x.agency_id = ?";
    params.emplace_back(*s.agency_id);
  }
  sql += ") ORDER BY 9, 8 DESC, 10, 3 DESC, 1 DESC LIMIT ?";
  params.emplace_back(limit);
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  std::vector<MustReadItem> out;
  for (const Row& w : rows) {
    MustReadItem it;
    it.record.kind = "media_item";
    it.record.id = w.Int(0);
    it.record.title = w.Text(1);
    it.record.at = w.OptInt(2);
    it.record.label = w.Text(3);
    it.record.tone = w.Text(4);
    it.record.url = w.Text(5);
    it.tier = w.Text(6);
    it.reach = w.Real(7);
    out.push_back(std::move(it));
  }
  return out;
}

StatusOr<std::vector<InsightRecord>> AlertsFired(Conn& c, const InsightScope& s, int64_t limit) {
  std::string sql =
      "SELECT e.id, e.message, e.created_at, COALESCE(e.agency_id, r.agency_id), r.kind, e.item_id FROM "
      "alert_events e JOIN alert_rules r ON r.id = e.rule_id WHERE r.council_id = ? AND e.created_at >= ? AND "
      "e.created_at < ?";
  Params params{s.council_id, s.from, s.to};
  if (s.agency_id) {
    sql += " AND COALESCE(e.agency_id, r.agency_id) = ?";
    params.emplace_back(*s.agency_id);
  }
  sql += " ORDER BY 3 DESC, 1 DESC LIMIT ?";
  params.emplace_back(limit);
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  std::vector<InsightRecord> out;
  for (const Row& w : rows) {
    InsightRecord r;
    r.kind = "alert";
    r.id = w.Int(0);
    r.title = w.Text(1);
    r.at = w.OptInt(2);
    r.agency_id = w.OptInt(3);
    r.label = w.Text(4);
    r.related_id = w.OptInt(5);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace pol::store
