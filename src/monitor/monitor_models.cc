// MonitorService: the in-memory models — mention matchers, the tone model (built-in data plus analysts'
// labels) and the pickup index of published releases with its look-back over older items.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "monitor/monitor.h"
#include "monitor/pickup_probe.h"
#include "store/monitor_probe_repo.h"
#include "store/release_repo.h"

namespace pol::monitor {

Status MonitorService::ReloadMentions() {
  std::vector<WatchTerm> terms;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto rows, store::ListWatchTerms(c, std::nullopt, std::nullopt));
    for (auto& r : rows) terms.push_back({r.id, r.agency_id, r.kind, r.term});
    return Status::Ok();
  }));
  auto m = std::make_shared<const MentionMatcher>(terms);
  MutexLock lock(&models_mu_);
  mentions_ = std::move(m);
  return Status::Ok();
}

Status MonitorService::ReloadTone() {
  std::vector<LabelledText> data = BuiltinToneData();
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto labels, store::ListToneLabels(c));
    for (const auto& l : labels) {
      Tone t;
      if (ParseTone(l.label, &t)) data.push_back({l.text, t, "label" + std::to_string(l.id)});
    }
    return Status::Ok();
  }));
  auto model = std::make_shared<ToneModel>();
  model->Train(data);
  MutexLock lock(&models_mu_);
  tone_ = std::move(model);
  return Status::Ok();
}

Status MonitorService::ReloadModels() {
  POL_RETURN_IF_ERROR(ReloadMentions());
  return ReloadTone();
}

ToneEvaluation MonitorService::EvaluateToneModel() {
  std::vector<LabelledText> extra;
  (void)db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto labels, store::ListToneLabels(c));
    for (const auto& l : labels) {
      Tone t;
      if (ParseTone(l.label, &t)) extra.push_back({l.text, t, "label"});
    }
    return Status::Ok();
  });
  return EvaluateTone(BuiltinToneData(), extra);
}

void MonitorService::IndexReleases(const std::vector<store::ReleaseText>& releases,
                                   std::vector<int64_t>* added) {
  for (const auto& r : releases) {
    if (!pickups_->Contains(r.id)) {
      pickups_->Add(r.id, Paragraphs(r.title, r.lead, r.body_text));
      added->push_back(r.id);
    }
    release_councils_[r.id] = r.council_id;
  }
}

Status MonitorService::SyncReleases() {
  MutexLock lock(&sync_mu_);
  const int64_t now = env_->NowMillis();
  std::vector<int64_t> added;
  for (;;) {
    std::vector<store::ReleaseText> batch;
    const int64_t after = synced_release_id_;
    POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(batch, store::ListPublishedReleaseTexts(c, after, 1000));
      return Status::Ok();
    }));
    if (batch.empty()) break;
    IndexReleases(batch, &added);
    for (const auto& r : batch) synced_release_id_ = std::max(synced_release_id_, r.id);
  }
  if (synced_once_) {
    // Older ids published since the last sync (a minute of slack for clocks between writers).
    std::vector<store::ReleaseText> late;
    const int64_t since = synced_at_ - 60'000;
    POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(late, store::ListReleasesPublishedSince(c, since));
      return Status::Ok();
    }));
    IndexReleases(late, &added);
    if (queue_ != nullptr) {
      for (int64_t id : added) {
        auto job = queue_->Enqueue({.queue = kQueue,
                                    .kind = kLookBackJob,
                                    .payload_json = nlohmann::json{{"release_id", id}}.dump(),
                                    .max_attempts = 3,
                                    .dedup_key = "monitor.lookback:" + std::to_string(id)});
        if (!job.ok()) spdlog::warn("monitor.lookback {}: {}", id, job.status().ToString());
      }
    }
  }
  synced_once_ = true;
  synced_at_ = now;
  return Status::Ok();
}

static_assert(store::kItemProbeKeepDays > kLookBackDays, "probe keys must outlive the look-back window");

StatusOr<int> MonitorService::LookBack(int64_t release_id, LookBackStats* stats) {
  LookBackStats local;
  LookBackStats& st = stats != nullptr ? *stats : local;
  st = {};
  store::Release r;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, store::GetRelease(c, release_id));
    return Status::Ok();
  }));
  if (r.status != "published" && r.status != "corrected") return 0;
  const std::vector<std::string> paragraphs = Paragraphs(r.title, r.lead, r.body_text);
  PickupIndex one;
  one.Add(r.id, paragraphs);
  const ReleaseProbe probe = ReleaseProbeKeys(paragraphs);
  const int64_t since = r.published_at.value_or(env_->NowMillis()) - kLookBackDays * 86'400'000;

  // The items the release's probe keys find (two anchors or a band in common), and the first item that
  // has keys at all: older ones, and every item when the release is too short to probe, are checked one
  // by one.
  std::optional<int64_t> first_probed;
  std::vector<int64_t> candidates;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    if (probe.anchors < kMinProbeAnchors) return Status::Ok();
    POL_ASSIGN_OR_RETURN(first_probed, store::FirstProbedItem(c, r.council_id));
    if (!first_probed) return Status::Ok();
    POL_ASSIGN_OR_RETURN(auto hits, store::ProbeItems(c, r.council_id, since, probe.keys));
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    std::vector<uint64_t> shared;
    for (size_t i = 0; i < hits.size();) {
      size_t j = i;
      shared.clear();
      while (j < hits.size() && hits[j].first == hits[i].first) shared.push_back(hits[j++].second);
      if (IsProbeCandidate(shared)) candidates.push_back(hits[i].first);
      i = j;
    }
    return Status::Ok();
  }));

  int found = 0;
  auto check = [&](const std::vector<store::MediaItem>& items) -> Status {
    std::vector<store::PickupRow> rows;
    for (const auto& m : items) {
      for (const PickupMatch& pm : one.Check(Paragraphs(m.title, m.lead, m.body))) {
        rows.push_back({.release_id = pm.release_id,
                        .item_id = m.id,
                        .containment = pm.containment,
                        .kind = pm.kind,
                        .paragraphs = nlohmann::json(pm.paragraphs).dump(),
                        .found_at = env_->NowMillis()});
      }
    }
    if (rows.empty()) return Status::Ok();
    POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
      for (const auto& p : rows) POL_RETURN_IF_ERROR(store::InsertPickup(c, p));
      return Status::Ok();
    }));
    found += static_cast<int>(rows.size());
    return Status::Ok();
  };

  // One by one: the items without keys (ids below the first with keys), or all of them.
  int64_t after = 0;
  for (bool more = true; more;) {
    std::vector<store::MediaItem> items;
    POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(items, store::ListItemTextsSince(c, r.council_id, since, after, 500));
      return Status::Ok();
    }));
    if (items.empty()) break;
    after = items.back().id;
    if (first_probed) {
      const auto keyed = std::find_if(items.begin(), items.end(),
                                      [&](const store::MediaItem& m) { return m.id >= *first_probed; });
      more = keyed == items.end();
      items.erase(keyed, items.end());
    }
    st.scanned += static_cast<int>(items.size());
    POL_RETURN_IF_ERROR(check(items));
  }
  // By probe: the candidates, 200 at a time.
  for (size_t i = 0; i < candidates.size(); i += 200) {
    const std::vector<int64_t> batch(
        candidates.begin() + static_cast<std::ptrdiff_t>(i),
        candidates.begin() + static_cast<std::ptrdiff_t>(std::min(i + 200, candidates.size())));
    std::vector<store::MediaItem> items;
    POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(items, store::GetItemTexts(c, batch));
      return Status::Ok();
    }));
    st.candidates += static_cast<int>(items.size());
    POL_RETURN_IF_ERROR(check(items));
  }
  return found;
}

}  // namespace pol::monitor
