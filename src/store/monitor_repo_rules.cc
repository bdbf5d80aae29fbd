// monitor_repo.h, its rules and what people keep: alert rules and their fired events, saved searches, and
// the tone corrections kept as training data.
#include "store/model_version_repo.h"
#include "store/monitor_repo.h"
#include "store/sql_build.h"

namespace pol::store {

namespace {
AlertRule RuleFromRow(const Row& w) {
  return {w.Int(0), w.Int(1), w.OptInt(2), w.Text(3), w.Int(4), w.Int(5), w.Int(6) != 0, w.Int(7)};
}
constexpr char kRuleCols[] =
    "id, council_id, agency_id, kind, threshold, window_minutes, enabled, created_at";
}  // namespace

StatusOr<int64_t> InsertAlertRule(Conn& c, const AlertRule& r) {
  POL_ASSIGN_OR_RETURN(Row row,
                       c.QueryOne("INSERT INTO alert_rules(council_id, agency_id, kind, threshold, "
                                  "window_minutes, enabled, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                                  {r.council_id, Opt(r.agency_id), r.kind, r.threshold, r.window_minutes,
                                   int64_t{r.enabled}, r.created_at}));
  return row.Int(0);
}

StatusOr<AlertRule> GetAlertRule(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto r, c.QueryOpt(std::string("SELECT ") + kRuleCols + " FROM alert_rules WHERE id = ?", {id}));
  if (!r) return NotFound("قاعدهٔ هشدار پیدا نشد.");
  return RuleFromRow(*r);
}

StatusOr<std::vector<AlertRule>> ListAlertRules(Conn& c, std::optional<int64_t> council_id) {
  std::string sql = std::string("SELECT ") + kRuleCols + " FROM alert_rules";
  Params params;
  if (council_id) {
    sql += " WHERE council_id = ?";
    params.emplace_back(*council_id);
  }
  sql += " ORDER BY id";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  return MapRows<AlertRule>(rows, RuleFromRow);
}

Status DeleteAlertRule(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("DELETE FROM alert_rules WHERE id = ?", {id}));
  if (n == 0) return NotFound("قاعدهٔ هشدار پیدا نشد.");
  return Status::Ok();
}

StatusOr<bool> InsertAlertEvent(Conn& c, int64_t rule_id, const std::string& dedup_key,
                                std::optional<int64_t> agency_id, std::optional<int64_t> item_id,
                                const std::string& message, int64_t now) {
  POL_ASSIGN_OR_RETURN(int64_t n,
                       c.Exec("INSERT INTO alert_events(rule_id, dedup_key, agency_id, item_id, message, "
                              "created_at) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                              {rule_id, dedup_key, Opt(agency_id), Opt(item_id), message, now}));
  return n > 0;
}

StatusOr<int64_t> InsertSavedSearch(Conn& c, const SavedSearch& s) {
  POL_ASSIGN_OR_RETURN(
      Row r, c.QueryOne("INSERT INTO saved_searches(user_id, name, query, created_at) VALUES (?,?,?,?) "
                        "RETURNING id",
                        {s.user_id, s.name, s.query, s.created_at}));
  return r.Int(0);
}

StatusOr<std::vector<SavedSearch>> ListSavedSearches(Conn& c, int64_t user_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT id, user_id, name, query, created_at FROM saved_searches WHERE "
                               "user_id = ? ORDER BY id",
                               {user_id}));
  return MapRows<SavedSearch>(rows, [](const Row& w) {
    return SavedSearch{w.Int(0), w.Int(1), w.Text(2), w.Text(3), w.Int(4)};
  });
}

Status DeleteSavedSearch(Conn& c, int64_t user_id, int64_t id) {
  POL_ASSIGN_OR_RETURN(int64_t n,
                       c.Exec("DELETE FROM saved_searches WHERE id = ? AND user_id = ?", {id, user_id}));
  if (n == 0) return NotFound("جست‌وجوی ذخیره‌شده پیدا نشد.");
  return Status::Ok();
}

StatusOr<int64_t> InsertToneLabel(Conn& c, const ToneLabel& l) {
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("INSERT INTO tone_labels(item_id, text, label, user_id, created_at) "
                                         "VALUES (?,?,?,?,?) RETURNING id",
                                         {Opt(l.item_id), l.text, l.label, Opt(l.user_id), l.created_at}));
  POL_RETURN_IF_ERROR(BumpModelVersion(c, kToneModel));  // other nodes retrain their tone models
  return r.Int(0);
}

StatusOr<std::vector<ToneLabel>> ListToneLabels(Conn& c) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT id, item_id, text, label, user_id, created_at FROM tone_labels ORDER BY id"));
  return MapRows<ToneLabel>(rows, [](const Row& w) {
    return ToneLabel{w.Int(0), w.OptInt(1), w.Text(2), w.Text(3), w.OptInt(4), w.Int(5)};
  });
}

}  // namespace pol::store
