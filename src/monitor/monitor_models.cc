// MonitorService: the in-memory models — mention matchers, the tone model (built-in data plus analysts'
// labels) and the pickup index of published releases with its look-back over older items.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "monitor/monitor.h"
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

StatusOr<int> MonitorService::LookBack(int64_t release_id) {
  store::Release r;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, store::GetRelease(c, release_id));
    return Status::Ok();
  }));
  if (r.status != "published" && r.status != "corrected") return 0;
  PickupIndex one;
  one.Add(r.id, Paragraphs(r.title, r.lead, r.body_text));
  const int64_t since = r.published_at.value_or(env_->NowMillis()) - kLookBackDays * 86'400'000;
  int found = 0;
  int64_t after = 0;
  for (;;) {
    std::vector<store::MediaItem> items;
    POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(items, store::ListItemTextsSince(c, r.council_id, since, after, 500));
      return Status::Ok();
    }));
    if (items.empty()) break;
    std::vector<store::PickupRow> rows;
    for (const auto& m : items) {
      after = m.id;
      for (const PickupMatch& pm : one.Check(Paragraphs(m.title, m.lead, m.body))) {
        rows.push_back({.release_id = pm.release_id,
                        .item_id = m.id,
                        .containment = pm.containment,
                        .kind = pm.kind,
                        .paragraphs = nlohmann::json(pm.paragraphs).dump(),
                        .found_at = env_->NowMillis()});
      }
    }
    if (rows.empty()) continue;
    POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
      for (const auto& p : rows) POL_RETURN_IF_ERROR(store::InsertPickup(c, p));
      return Status::Ok();
    }));
    found += static_cast<int>(rows.size());
  }
  return found;
}

}  // namespace pol::monitor
