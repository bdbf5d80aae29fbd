// MonitorService: the read side — search, an item with its mentions and reused passages, tone
// corrections, a release's coverage and the charts.
#include <algorithm>

#include "monitor/monitor.h"
#include "monitor/monitor_policy.h"
#include "monitor/query.h"
#include "store/release_repo.h"

namespace pol::monitor {

using accounts::Actor;

namespace {

std::vector<int64_t> MentionedAgencies(const std::vector<store::MentionRow>& mentions) {
  std::vector<int64_t> out;
  for (const auto& m : mentions) out.push_back(m.agency_id);
  return out;
}

}  // namespace

StatusOr<bool> MonitorService::ItemVisible(const Actor& a, const store::MediaItem& m) {
  if (CanReadMonitoring(a, m.council_id)) return true;
  std::vector<store::MentionRow> mentions;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(mentions, store::ListItemMentions(c, m.id));
    return Status::Ok();
  }));
  return CanSeeItem(a, m.council_id, MentionedAgencies(mentions));
}

StatusOr<store::ItemPage> MonitorService::Search(const Actor& a, const ItemQuery& q) {
  store::ItemFilter f;
  ItemScope scope = SearchScope(a);
  f.only_councils = std::move(scope.councils);
  f.only_agencies = std::move(scope.agencies);
  if (!q.q.empty()) {
    POL_ASSIGN_OR_RETURN(f.fts, TranslateQuery(q.q));
  }
  f.council_id = q.council_id;
  f.source_id = q.source_id;
  f.agency_id = q.agency_id;
  f.release_id = q.release_id;
  f.tier = q.tier;
  f.tone = q.tone;
  f.from = q.from;
  f.to = q.to;
  f.mentioned_only = q.about_agencies;
  f.limit = std::clamp<int64_t>(q.limit, 1, 200);
  f.offset = std::max<int64_t>(0, q.offset);
  store::ItemPage out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListMediaItems(c, f));
    return Status::Ok();
  }));
  return out;
}

StatusOr<ItemView> MonitorService::GetItem(const Actor& a, int64_t id) {
  ItemView v;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(v.item, store::GetMediaItem(c, id, false));
    return Status::Ok();
  }));
  POL_ASSIGN_OR_RETURN(bool visible, ItemVisible(a, v.item));
  if (!visible) return NotFound("خبر پیدا نشد.");
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(v.mentions, store::ListItemMentions(c, id));
    POL_ASSIGN_OR_RETURN(v.pickups, store::ListItemPickups(c, id));
    for (const auto& p : v.pickups) {
      POL_ASSIGN_OR_RETURN(store::Release r, store::GetRelease(c, p.release_id));
      v.release_paragraphs[p.release_id] = Paragraphs(r.title, r.lead, r.body_text);
    }
    return Status::Ok();
  }));
  // Agency roles see only their agencies' mentions.
  if (!CanReadMonitoring(a, v.item.council_id)) {
    std::erase_if(v.mentions, [&](const store::MentionRow& m) { return !IsAgencyStaff(a, m.agency_id); });
  }
  return v;
}

StatusOr<store::MediaItem> MonitorService::SetTone(const Actor& a, int64_t id, const std::string& tone) {
  Tone parsed;
  if (!tone.empty() && !ParseTone(tone, &parsed)) {
    return InvalidArgument("invalid_field", "لحن باید مثبت، خنثی یا منفی باشد.", "tone");
  }
  POL_ASSIGN_OR_RETURN(ItemView v, GetItem(a, id));
  if (!CanSetTone(a, v.item.council_id, MentionedAgencies(v.mentions))) return PermissionDenied();
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(
        store::SetMediaItemTone(c, id, tone.empty() ? std::nullopt : std::optional<std::string>(tone)));
    if (!tone.empty()) {
      // The correction becomes training data: the item's title and lead.
      std::optional<int64_t> uid;
      if (!a.IsSystem()) uid = a.principal->user_id;
      POL_RETURN_IF_ERROR(store::InsertToneLabel(c, {.item_id = id,
                                                     .text = v.item.title + "\n" + v.item.lead,
                                                     .label = tone,
                                                     .user_id = uid,
                                                     .created_at = now})
                              .status());
    }
    return accounts::Audit(c, a, now, "monitor.item.tone", "media_item", std::to_string(id),
                           {.council_id = v.item.council_id}, {{"tone", tone}, {"classifier", v.item.tone}});
  }));
  POL_RETURN_IF_ERROR(ReloadTone());
  POL_ASSIGN_OR_RETURN(ItemView after, GetItem(a, id));
  return after.item;
}

StatusOr<Coverage> MonitorService::ReleaseCoverage(const Actor& a, int64_t release_id) {
  Coverage cov;
  cov.release_id = release_id;
  std::vector<store::PickupRow> rows;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Release r, store::GetRelease(c, release_id));
    // Same read scope as the newsroom: council roles of its council, its agency and co-signers.
    std::vector<int64_t> co_signers;
    for (const auto& co : r.co_signers) co_signers.push_back(co.agency_id);
    if (!CanSeeCoverage(a, r.council_id, r.agency_id, co_signers)) return NotFound("خبر پیدا نشد.");
    cov.title = r.title;
    cov.published_at = r.published_at;
    cov.paragraphs = Paragraphs(r.title, r.lead, r.body_text);
    POL_ASSIGN_OR_RETURN(rows, store::ListReleasePickups(c, release_id));
    return Status::Ok();
  }));
  cov.paragraph_uses.assign(cov.paragraphs.size(), 0);
  std::map<std::string, double> best_per_outlet;
  std::map<std::string, double> weight_per_outlet;
  for (auto& p : rows) {
    CoverageOutlet o;
    const int64_t at = p.item_published_at.value_or(p.item_fetched_at);
    if (cov.published_at) o.delay_ms = at - *cov.published_at;
    if (!cov.first_at || at < *cov.first_at) {
      cov.first_at = at;
      cov.first_delay_ms = o.delay_ms;
    }
    nlohmann::json paras = nlohmann::json::parse(p.paragraphs, nullptr, false);
    if (paras.is_array()) {
      for (const auto& x : paras) {
        if (x.is_number_integer() && x.get<int64_t>() >= 0 && x.get<size_t>() < cov.paragraph_uses.size()) {
          cov.paragraph_uses[x.get<size_t>()]++;
        }
      }
    }
    const std::string key = p.outlet.empty() ? p.source_name : p.outlet;
    best_per_outlet[key] = std::max(best_per_outlet[key], std::min(1.0, p.containment));
    weight_per_outlet[key] = p.reach_weight;
    o.pickup = std::move(p);
    cov.outlets.push_back(std::move(o));
  }
  for (const auto& [outlet, c] : best_per_outlet) cov.reach_weighted += c * weight_per_outlet[outlet];
  return cov;
}

StatusOr<MonitorStats> MonitorService::Stats(const Actor& a, int64_t council_id,
                                             std::optional<int64_t> agency_id, int64_t from, int64_t to) {
  if (!IsInCouncil(a, council_id)) return NotFound("شورا پیدا نشد.");
  if (!CanSeeStats(a, council_id, agency_id)) return NotFound("دستگاه پیدا نشد.");  // agency roles: their own
  MonitorStats out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out.mentions, store::MentionStats(c, council_id, agency_id, from, to));
    POL_ASSIGN_OR_RETURN(auto rates, store::PickupRates(c, council_id, from, to));
    for (const auto& r : rates) {
      if (agency_id && r.agency_id != *agency_id) continue;
      out.pickup_rates.push_back({.agency_id = r.agency_id,
                                  .month = r.month,
                                  .releases = r.releases,
                                  .picked_up = r.picked_up,
                                  .rate = r.releases ? static_cast<double>(r.picked_up) / r.releases : 0.0});
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace pol::monitor
