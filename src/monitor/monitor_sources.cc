// MonitorService: sources (list, read, create, edit, remove, fetch now).
#include <algorithm>
#include <set>

#include "monitor/monitor.h"
#include "monitor/monitor_policy.h"
#include "monitor/web_text.h"
#include "text/normalize.h"
#include "text/number_words.h"

namespace pol::monitor {

using accounts::Actor;

namespace {

Status ValidateSource(const store::MonitorSource& s) {
  auto bad = [](const char* field, const std::string& msg) {
    return InvalidArgument("invalid_field", msg, field);
  };
  if (text::NormalizeDisplay(s.name).empty()) return bad("name", "نام منبع را بنویسید.");
  if (UrlHost(s.url).empty()) return bad("url", "نشانی منبع باید نشانی کامل http یا https باشد.");
  if (s.kind != "feed" && s.kind != "listing") return bad("kind", "نوع منبع باید «feed» یا «listing» باشد.");
  static const std::set<std::string> kTiers{"national", "provincial", "local"};
  if (!kTiers.contains(s.tier)) return bad("tier", "سطح منبع باید سراسری، استانی یا محلی باشد.");
  static const std::set<std::string> kTypes{"agency", "newspaper", "site", "broadcaster", "blog", "other"};
  if (!kTypes.contains(s.outlet_type)) return bad("outlet_type", "نوع رسانه شناخته نیست.");
  if (!(s.reach_weight > 0 && s.reach_weight <= 100))
    return bad("reach_weight", "وزن دسترسی باید بین ۰ و ۱۰۰ باشد.");
  if (s.fetch_interval_s < 60 || s.fetch_interval_s > 7 * 86400) {
    return bad("fetch_interval_s", "فاصلهٔ دریافت باید بین یک دقیقه و یک هفته باشد.");
  }
  return Status::Ok();
}

Status Apply(const SourceInput& in, store::MonitorSource& s) {
  if (in.name) s.name = text::NormalizeDisplay(*in.name);
  if (in.url) s.url = *in.url;
  if (in.kind) s.kind = *in.kind;
  if (in.outlet_type) s.outlet_type = *in.outlet_type;
  if (in.tier) s.tier = *in.tier;
  if (in.language) s.language = *in.language;
  if (in.reach_weight) s.reach_weight = *in.reach_weight;
  if (in.fetch_interval_s) s.fetch_interval_s = *in.fetch_interval_s;
  if (in.enabled) s.enabled = *in.enabled;
  if (in.selectors) {
    if (!in.selectors->is_object()) {
      return InvalidArgument("invalid_field", "گزینش‌گرها باید یک شیء JSON باشند.",
                             "selectors");
    }
    for (const auto& [k, v] : in.selectors->items()) {
      static const std::set<std::string> kKeys{"title", "lead", "body", "author", "date", "links"};
      if (!kKeys.contains(k) || !v.is_string()) {
        return InvalidArgument("invalid_field", "گزینش‌گر «" + k + "» شناخته نیست.", "selectors");
      }
    }
    s.selectors = in.selectors->dump();
  }
  return ValidateSource(s);
}

}  // namespace

StatusOr<std::vector<store::MonitorSource>> MonitorService::ListSources(const Actor& a,
                                                                        std::optional<int64_t> council_id) {
  std::optional<std::vector<int64_t>> councils = SourceCouncils(a);
  if (council_id) {
    if (councils && std::find(councils->begin(), councils->end(), *council_id) == councils->end())
      return NotFound();
    councils = std::vector<int64_t>{*council_id};
  }
  std::vector<store::MonitorSource> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListMonitorSources(c, councils, env_->NowMillis()));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::MonitorSource> MonitorService::GetSource(const Actor& a, int64_t id) {
  store::MonitorSource s;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(s, store::GetMonitorSource(c, id));
    return Status::Ok();
  }));
  if (!IsInCouncil(a, s.council_id)) return NotFound("منبع پیدا نشد.");
  return s;
}

StatusOr<store::MonitorSource> MonitorService::CreateSource(const Actor& a, const SourceInput& in) {
  if (!in.council_id) return InvalidArgument("required", "شورا را مشخص کنید.", "council_id");
  if (!IsInCouncil(a, *in.council_id)) return NotFound("شورا پیدا نشد.");
  if (!CanManageMonitoring(a, *in.council_id)) return PermissionDenied();
  store::MonitorSource s;
  s.council_id = *in.council_id;
  POL_RETURN_IF_ERROR(Apply(in, s));
  const int64_t now = env_->NowMillis();
  s.created_at = s.updated_at = now;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(s.id, store::InsertMonitorSource(c, s));
    return accounts::Audit(c, a, now, "monitor.source.create", "monitor_source", std::to_string(s.id),
                           {.council_id = s.council_id}, {{"name", s.name}, {"url", s.url}});
  }));
  return GetSource(a, s.id);
}

StatusOr<store::MonitorSource> MonitorService::UpdateSource(const Actor& a, int64_t id,
                                                            const SourceInput& in) {
  POL_ASSIGN_OR_RETURN(store::MonitorSource s, GetSource(a, id));
  if (!CanManageMonitoring(a, s.council_id)) return PermissionDenied();
  if (!in.version) return InvalidArgument("required", "نسخهٔ منبع (version) لازم است.", "version");
  s.version = *in.version;
  POL_RETURN_IF_ERROR(Apply(in, s));
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(store::UpdateMonitorSource(c, s, now));
    return accounts::Audit(c, a, now, "monitor.source.update", "monitor_source", std::to_string(s.id),
                           {.council_id = s.council_id},
                           {{"name", s.name}, {"url", s.url}, {"enabled", s.enabled}});
  }));
  return GetSource(a, id);
}

Status MonitorService::DeleteSource(const Actor& a, int64_t id) {
  POL_ASSIGN_OR_RETURN(store::MonitorSource s, GetSource(a, id));
  if (!CanManageMonitoring(a, s.council_id)) return PermissionDenied();
  const int64_t now = env_->NowMillis();
  return db_->Write([&](store::Conn& c) -> Status {
    // Checked in the deleting transaction: a fetch cannot add an item between the count and the delete.
    POL_ASSIGN_OR_RETURN(int64_t items, store::CountSourceItems(c, id));
    if (items > 0) {
      return FailedPrecondition(
          "source_has_items",
          "از این منبع " + text::PersianNumber(items) +
              " خبر گرفته شده است و حذف نمی‌شود؛ به‌جای حذف، غیرفعالش کنید.");
    }
    POL_RETURN_IF_ERROR(store::DeleteMonitorSource(c, id));
    return accounts::Audit(c, a, now, "monitor.source.delete", "monitor_source", std::to_string(id),
                           {.council_id = s.council_id}, {{"name", s.name}, {"url", s.url}});
  });
}

StatusOr<int64_t> MonitorService::FetchNow(const Actor& a, int64_t id) {
  POL_ASSIGN_OR_RETURN(store::MonitorSource s, GetSource(a, id));
  if (!CanManageMonitoring(a, s.council_id)) return PermissionDenied();
  if (queue_ == nullptr) return Unavailable();
  return queue_->Enqueue({.queue = kQueue,
                          .kind = kFetchJob,
                          .payload_json = nlohmann::json{{"source_id", id}}.dump(),
                          .max_attempts = kFetchAttempts});
}

}  // namespace pol::monitor
