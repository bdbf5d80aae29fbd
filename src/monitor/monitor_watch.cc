// MonitorService: watch terms (the mention matchers reload on change), alert rules and their
// evaluation when items are stored, and the actor's saved searches.
#include <set>

#include "monitor/monitor.h"
#include "monitor/monitor_policy.h"
#include "monitor/query.h"
#include "store/council_repo.h"
#include "store/release_repo.h"
#include "text/normalize.h"
#include "text/number_words.h"
#include "text/search_terms.h"

namespace pol::monitor {

using accounts::Actor;

StatusOr<std::vector<store::WatchTermRow>> MonitorService::ListWatchTerms(const Actor& a, int64_t agency_id) {
  std::vector<store::WatchTermRow> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Agency ag, store::GetAgency(c, agency_id));
    if (!IsInCouncil(a, ag.council_id)) return NotFound("دستگاه پیدا نشد.");
    POL_ASSIGN_OR_RETURN(out, store::ListWatchTerms(c, std::nullopt, agency_id));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::WatchTermRow> MonitorService::AddWatchTerm(const Actor& a, int64_t agency_id,
                                                           const std::string& kind, const std::string& term) {
  static const std::set<std::string> kKinds{"name", "official", "programme"};
  if (!kKinds.contains(kind))
    return InvalidArgument("invalid_field", "نوع عبارت باید نام، مقام یا برنامه باشد.", "kind");
  const std::string norm = text::NormalizeDisplay(term);
  if (text::SearchTerms(norm).empty()) {
    return InvalidArgument(
        "invalid_field",
        "عبارت باید دست‌کم یک واژهٔ قابل جست‌وجو داشته باشد.",
        "term");
  }
  store::WatchTermRow w{.agency_id = agency_id, .kind = kind, .term = norm, .created_at = env_->NowMillis()};
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Agency ag, store::GetAgency(c, agency_id));
    if (!IsInCouncil(a, ag.council_id)) return NotFound("دستگاه پیدا نشد.");
    if (!CanManageWatchTerms(a, ag.council_id, agency_id)) return PermissionDenied();
    POL_ASSIGN_OR_RETURN(w.id, store::InsertWatchTerm(c, w));
    return accounts::Audit(c, a, w.created_at, "monitor.watch_term.create", "watch_term",
                           std::to_string(w.id), {.council_id = ag.council_id, .agency_id = agency_id},
                           {{"term", norm}, {"kind", kind}});
  }));
  POL_RETURN_IF_ERROR(ReloadMentions());
  return w;
}

Status MonitorService::DeleteWatchTerm(const Actor& a, int64_t id) {
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto agency_id, store::WatchTermAgency(c, id));
    if (!agency_id) return NotFound("عبارت پیدا نشد.");
    POL_ASSIGN_OR_RETURN(store::Agency ag, store::GetAgency(c, *agency_id));
    if (!IsInCouncil(a, ag.council_id)) return NotFound("عبارت پیدا نشد.");
    if (!CanManageWatchTerms(a, ag.council_id, *agency_id)) return PermissionDenied();
    POL_RETURN_IF_ERROR(store::DeleteWatchTerm(c, id));
    return accounts::Audit(c, a, env_->NowMillis(), "monitor.watch_term.delete", "watch_term",
                           std::to_string(id), {.council_id = ag.council_id, .agency_id = *agency_id});
  }));
  return ReloadMentions();
}

// ---- Alert rules ----

Status MonitorService::RunAlerts(store::Conn& c, const store::MediaItem& item,
                                 const std::vector<int64_t>& agencies, std::vector<Alert>* fired) {
  POL_ASSIGN_OR_RETURN(auto rules, store::ListAlertRules(c, item.council_id));
  if (rules.empty()) return Status::Ok();
  std::string tier, outlet = item.source_name.empty() ? item.outlet : item.source_name;
  if (item.source_id) {
    POL_ASSIGN_OR_RETURN(auto src, store::GetMonitorSource(c, *item.source_id));
    tier = src.tier;
    if (!src.name.empty()) outlet = src.name;
  }
  const int64_t now = env_->NowMillis();
  for (const auto& rule : rules) {
    if (!rule.enabled) continue;
    for (int64_t agency : agencies) {
      if (rule.agency_id && *rule.agency_id != agency) continue;
      std::string key, message;
      if (rule.kind == "negative_national") {
        if (item.tone != "negative" || tier != "national") continue;
        key = "item:" + std::to_string(item.id) + ":" + std::to_string(agency);
        message = "خبر با لحن منفی در رسانهٔ سراسری: «" + item.title + "»";
      } else if (rule.kind == "mention_burst") {
        POL_ASSIGN_OR_RETURN(int64_t n,
                             store::CountMentionsSince(c, agency, now - rule.window_minutes * 60000));
        if (n < rule.threshold) continue;
        key = "burst:" + std::to_string(agency) + ":" + std::to_string(now / (rule.window_minutes * 60000));
        message = "افزایش ناگهانی اخبار: " + text::PersianNumber(n) + " خبر در " +
                  text::PersianNumber(rule.window_minutes) + " دقیقهٔ اخیر.";
      } else {
        continue;
      }
      POL_ASSIGN_OR_RETURN(bool fresh,
                           store::InsertAlertEvent(c, rule.id, key, agency, item.id, message, now));
      if (!fresh) continue;
      POL_ASSIGN_OR_RETURN(auto managers, store::UsersWithAgencyRole(c, agency, "agency_pr_manager"));
      for (int64_t uid : managers) {
        POL_RETURN_IF_ERROR(
            store::InsertNotification(c, {.user_id = uid,
                                          .kind = "monitor.alert",
                                          .title = "هشدار پایش رسانه",
                                          .body = message,
                                          .link = "/console/monitor/items/" + std::to_string(item.id),
                                          .created_at = now})
                .status());
      }
      if (alert_outbox_) {
        POL_ASSIGN_OR_RETURN(store::Agency ag, store::GetAgency(c, agency));
        POL_RETURN_IF_ERROR(alert_outbox_(c, {.event_key = std::to_string(rule.id) + ":" + key,
                                              .council_id = ag.council_id,
                                              .agency_id = agency,
                                              .item_id = item.id,
                                              .message = message,
                                              .item_title = item.title,
                                              .outlet = outlet,
                                              .manager_ids = managers,
                                              .at = now}));
      }
      fired->push_back({rule.id, agency, item.id, rule.kind, message, managers});
    }
  }
  return Status::Ok();
}

StatusOr<std::vector<store::AlertRule>> MonitorService::ListAlertRules(const Actor& a, int64_t council_id) {
  if (!CanReadMonitoring(a, council_id)) return NotFound("شورا پیدا نشد.");
  std::vector<store::AlertRule> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListAlertRules(c, council_id));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::AlertRule> MonitorService::AddAlertRule(const Actor& a, const store::AlertRule& in) {
  if (!IsInCouncil(a, in.council_id)) return NotFound("شورا پیدا نشد.");
  if (!CanManageMonitoring(a, in.council_id)) return PermissionDenied();
  if (in.kind != "negative_national" && in.kind != "mention_burst") {
    return InvalidArgument("invalid_field", "نوع هشدار باید negative_national یا mention_burst باشد.",
                           "kind");
  }
  if (in.kind == "mention_burst" &&
      (in.threshold < 1 || in.window_minutes < 1 || in.window_minutes > 10080)) {
    return InvalidArgument("invalid_field", "آستانه و بازهٔ زمانی هشدار باید مثبت باشند.", "threshold");
  }
  store::AlertRule r = in;
  r.created_at = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    if (r.agency_id) {
      POL_ASSIGN_OR_RETURN(store::Agency ag, store::GetAgency(c, *r.agency_id));
      if (ag.council_id != r.council_id)
        return InvalidArgument("invalid_field", "این دستگاه عضو این شورا نیست.", "agency_id");
    }
    POL_ASSIGN_OR_RETURN(r.id, store::InsertAlertRule(c, r));
    return accounts::Audit(c, a, r.created_at, "monitor.alert_rule.create", "alert_rule",
                           std::to_string(r.id), {.council_id = r.council_id}, {{"kind", r.kind}});
  }));
  return r;
}

Status MonitorService::DeleteAlertRule(const Actor& a, int64_t id) {
  return db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::AlertRule r, store::GetAlertRule(c, id));
    if (!CanReadMonitoring(a, r.council_id)) return NotFound("قاعدهٔ هشدار پیدا نشد.");
    if (!CanManageMonitoring(a, r.council_id)) return PermissionDenied();
    POL_RETURN_IF_ERROR(store::DeleteAlertRule(c, id));
    return accounts::Audit(c, a, env_->NowMillis(), "monitor.alert_rule.delete", "alert_rule",
                           std::to_string(id), {.council_id = r.council_id});
  });
}

// ---- Saved searches ----

StatusOr<std::vector<store::SavedSearch>> MonitorService::ListSavedSearches(const Actor& a) {
  if (a.IsSystem()) return std::vector<store::SavedSearch>{};
  std::vector<store::SavedSearch> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListSavedSearches(c, a.principal->user_id));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::SavedSearch> MonitorService::SaveSearch(const Actor& a, const std::string& name,
                                                        const nlohmann::json& q) {
  if (a.IsSystem()) return PermissionDenied();
  const std::string n = text::NormalizeDisplay(name);
  if (n.empty())
    return InvalidArgument("required", "نامی برای جست‌وجو بنویسید.", "name");
  if (!q.is_object())
    return InvalidArgument("invalid_field",
                           "شرط‌های جست‌وجو باید یک شیء JSON باشند.", "query");
  if (q.contains("q") && q["q"].is_string())
    POL_RETURN_IF_ERROR(TranslateQuery(q["q"].get<std::string>()).status());
  store::SavedSearch s{
      .user_id = a.principal->user_id, .name = n, .query = q.dump(), .created_at = env_->NowMillis()};
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(s.id, store::InsertSavedSearch(c, s));
    return Status::Ok();
  }));
  return s;
}

Status MonitorService::DeleteSavedSearch(const Actor& a, int64_t id) {
  if (a.IsSystem()) return NotFound();
  return db_->Write(
      [&](store::Conn& c) -> Status { return store::DeleteSavedSearch(c, a.principal->user_id, id); });
}

}  // namespace pol::monitor
