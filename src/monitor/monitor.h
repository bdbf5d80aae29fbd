// The monitoring service: sources and their health, fetching (jobs "monitor.fetch" per source on the
// "monitor" queue, scheduled by each source's interval) and offline ingest (job "monitor.ingest", used
// by `pol ingest`), search, item view, tone overrides (fed back into the classifier), watchlists,
// release coverage (press pickup), per-agency charts, alert rules and saved searches.
//
// Access (the rules live in monitor_policy.h): system admins everything. Council roles (council_admin,
// committee_member, analyst) see every item and source of their council; council admins and analysts
// manage sources, alert rules and tone. Agency roles see the items that mention their agency and manage
// their agency's watch terms (PR manager); an agency PR manager may correct the tone of items mentioning
// the agency. Everything else answers 404.
//
// Models: the pickup index (every published release, rebuilt from the database at start and topped up
// before each fetch/ingest), the tone model (built-in labelled data plus analysts' labels, retrained on
// every correction) and the mention matchers (rebuilt from the watch terms on change).
//
// Alerts: rules "negative_national" (an item with negative tone toward the agency in a national outlet)
// and "mention_burst" (≥ threshold items mentioning the agency within window_minutes) notify the
// agency's PR managers in the console (notifications) and call the AlertSink hook after commit; the alert
// outbox (SetAlertOutbox: distribution's e-mail and messenger delivery, issue 16 §2) is called inside the
// transaction that records the alert, so a delivery is written exactly when the alert is.
//
// Thread-safety: thread-safe; blocks on the database (worker threads only).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/actor.h"
#include "base/env.h"
#include "base/mutex.h"
#include "base/thread_annotations.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "monitor/analysis.h"
#include "monitor/fetcher.h"
#include "monitor/monitor_types.h"
#include "monitor/pickup.h"
#include "monitor/pipeline.h"
#include "store/monitor_repo.h"

namespace pol::monitor {

inline constexpr char kQueue[] = "monitor";
inline constexpr char kFetchJob[] = "monitor.fetch";
inline constexpr char kIngestJob[] = "monitor.ingest";
inline constexpr char kLookBackJob[] = "monitor.lookback";
// Attempts of a fetch or ingest job: 2, so that a job whose node died mid-ingest (SIGKILL, power loss) is
// taken over by another node once its lease runs out — the worker pool buries a job leased more times
// than its max_attempts. A fetch records a failing source in the source's health and succeeds, so the
// second attempt otherwise only retries a database error. Ingesting again is harmless (items are unique by
// canonical URL).
inline constexpr int kFetchAttempts = 2;
// How far back a newly published release looks for items that took it before it was in the index.
inline constexpr int64_t kLookBackDays = 14;

// Where alerts go besides the console (messenger, e-mail: the distribution capability plugs in here).
class AlertSink {
 public:
  virtual ~AlertSink() = default;
  virtual void Deliver(const Alert& alert) = 0;
};

// One class split across files by member group (duckdb style): monitor.cc (start, jobs),
// monitor_sources.cc, monitor_ingest.cc (scheduling, fetch, ingest), monitor_items.cc (search, item,
// tone, coverage, charts), monitor_watch.cc (watch terms, alert rules and their evaluation, saved
// searches), monitor_models.cc (pickup index sync, look-back, tone model), monitor_demo.cc.
class MonitorService {
 public:
  MonitorService(store::Database* db, Env* env, jobs::Queue* queue, Fetcher* fetcher,
                 AlertSink* sink = nullptr);

  // Loads the models from the database (call once before serving).
  Status Start();

  // Called inside the transaction that records each fired alert (set once, before serving).
  using AlertOutbox = std::function<Status(store::Conn&, const AlertNotice&)>;
  void SetAlertOutbox(AlertOutbox outbox) { alert_outbox_ = std::move(outbox); }

  // Sources.
  StatusOr<std::vector<store::MonitorSource>> ListSources(const accounts::Actor& a,
                                                          std::optional<int64_t> council_id);
  StatusOr<store::MonitorSource> GetSource(const accounts::Actor& a, int64_t id);
  StatusOr<store::MonitorSource> CreateSource(const accounts::Actor& a, const SourceInput& in);
  StatusOr<store::MonitorSource> UpdateSource(const accounts::Actor& a, int64_t id, const SourceInput& in);
  // Removes a source added by mistake: only one without items (409 source_has_items: disable it instead).
  Status DeleteSource(const accounts::Actor& a, int64_t id);
  // Enqueues a fetch now; returns the job id.
  StatusOr<int64_t> FetchNow(const accounts::Actor& a, int64_t id);
  // Enqueues fetches of due sources, one job per source and interval (the scheduler calls it); returns
  // the number of due sources.
  StatusOr<int> ScheduleDue();

  // The job handlers' work.
  StatusOr<IngestStats> FetchSource(int64_t source_id);
  // A document read offline or fetched by URL: feed, HTML page, or JSON lines (the news sample).
  StatusOr<IngestStats> IngestDocument(int64_t council_id, const std::string& url, const std::string& bytes,
                                       const std::string& content_type,
                                       const std::function<void(const IngestProgress&)>& progress = {});
  // `pol ingest URL`: fetches it (feeds: their articles too) and ingests.
  StatusOr<IngestStats> IngestUrl(int64_t council_id, const std::string& url,
                                  const std::function<void(const IngestProgress&)>& progress = {});

  // Understanding.
  StatusOr<store::ItemPage> Search(const accounts::Actor& a, const ItemQuery& q);
  StatusOr<ItemView> GetItem(const accounts::Actor& a, int64_t id);
  // tone: "positive", "neutral", "negative", or "" to clear the override.
  StatusOr<store::MediaItem> SetTone(const accounts::Actor& a, int64_t id, const std::string& tone);
  StatusOr<Coverage> ReleaseCoverage(const accounts::Actor& a, int64_t release_id);
  StatusOr<MonitorStats> Stats(const accounts::Actor& a, int64_t council_id, std::optional<int64_t> agency_id,
                               int64_t from, int64_t to);
  ToneEvaluation EvaluateToneModel();

  // Watch terms.
  StatusOr<std::vector<store::WatchTermRow>> ListWatchTerms(const accounts::Actor& a, int64_t agency_id);
  StatusOr<store::WatchTermRow> AddWatchTerm(const accounts::Actor& a, int64_t agency_id,
                                             const std::string& kind, const std::string& term);
  Status DeleteWatchTerm(const accounts::Actor& a, int64_t id);

  // Alert rules.
  StatusOr<std::vector<store::AlertRule>> ListAlertRules(const accounts::Actor& a, int64_t council_id);
  StatusOr<store::AlertRule> AddAlertRule(const accounts::Actor& a, const store::AlertRule& r);
  Status DeleteAlertRule(const accounts::Actor& a, int64_t id);

  // Saved searches (the actor's own).
  StatusOr<std::vector<store::SavedSearch>> ListSavedSearches(const accounts::Actor& a);
  StatusOr<store::SavedSearch> SaveSearch(const accounts::Actor& a, const std::string& name,
                                          const nlohmann::json& q);
  Status DeleteSavedSearch(const accounts::Actor& a, int64_t id);

  // For `pol demo`: the starter sources (disabled until an admin enables them) and watch terms of the
  // council's agencies. Idempotent.
  Status SeedDemo(int64_t council_id);

  // Adds newly published releases to the pickup index (also those created before newer releases and
  // published later). After the first sync (at Start), each release added gets a monitor.lookback job
  // (when there is a queue): items ingested before it was in the index are checked against it.
  // ScheduleDue() calls it, so `pol serve` notices a publication within its 30 s tick.
  Status SyncReleases() EXCLUDES(sync_mu_);
  // The look-back: checks the council's items fetched since kLookBackDays before the release's
  // publication against that one release and records the pickups found (idempotent). Returns how many.
  // Since issue 16 it checks only the items whose stored probe keys the release's keys find
  // (ItemProbeKeys, ReleaseProbeKeys); items stored without keys (before migration 17) and every item
  // for a release too short to probe are still checked one by one. `stats` (optional) tells how many of each.
  struct LookBackStats {
    int candidates = 0;  // items found by the probe and checked
    int scanned = 0;     // items checked one by one
  };
  StatusOr<int> LookBack(int64_t release_id, LookBackStats* stats = nullptr);
  const PickupIndex& pickups() const { return *pickups_; }
  // Reloads the mention matcher and the tone model from the database: another node changed their data
  // (store/model_version_repo.h; app/model_reload.h polls the versions).
  Status ReloadModels();

 private:
  // What a fetch of a source found: the counts, and why the source is unhealthy (OK when it is not).
  struct FetchOutcome {
    IngestStats stats;
    Status failure;
  };

  // The item's visibility to the actor (monitor_policy.h's CanSeeItem over its mentions).
  StatusOr<bool> ItemVisible(const accounts::Actor& a, const store::MediaItem& m);
  // Adds the releases not indexed yet to the pickup index (their ids to `added`) and notes their councils.
  void IndexReleases(const std::vector<store::ReleaseText>& releases, std::vector<int64_t>* added)
      REQUIRES(sync_mu_);
  Status ReloadMentions() EXCLUDES(models_mu_);
  Status ReloadTone() EXCLUDES(models_mu_);
  // The models an ingest runs with (a consistent snapshot) and the release → council map.
  void SnapshotModels(std::shared_ptr<const MentionMatcher>* mentions, std::shared_ptr<const ToneModel>* tone,
                      std::map<int64_t, int64_t>* release_councils) EXCLUDES(models_mu_, sync_mu_);
  StatusOr<IngestStats> IngestDocs(std::vector<RawDocument> docs,
                                   const std::function<void(const IngestProgress&)>& progress);
  // The fetched feed or listing of a source: its documents, and the pages it links to not stored yet.
  StatusOr<FetchOutcome> IngestFetched(const store::MonitorSource& s, const FetchResult& fetched);
  // Fetches the pages (at most kMaxLinksPerFetch not stored yet) into `docs`; returns how many failed.
  StatusOr<int> FetchNewPages(const store::MonitorSource& s, const std::vector<std::string>& links,
                              std::vector<RawDocument>* docs, IngestStats* stats, size_t* requested);
  Status RunAlerts(store::Conn& c, const store::MediaItem& item, const std::vector<int64_t>& agencies,
                   std::vector<Alert>* fired);

  store::Database* const db_;
  Env* const env_;
  jobs::Queue* const queue_;
  Fetcher* const fetcher_;
  AlertSink* const sink_;
  AlertOutbox alert_outbox_;

  Mutex models_mu_;
  std::shared_ptr<const MentionMatcher> mentions_ GUARDED_BY(models_mu_);  // all councils' terms
  std::shared_ptr<const ToneModel> tone_ GUARDED_BY(models_mu_);
  const std::unique_ptr<PickupIndex> pickups_;  // thread-safe itself
  Mutex sync_mu_;
  int64_t synced_release_id_ GUARDED_BY(sync_mu_) = 0;
  bool synced_once_ GUARDED_BY(sync_mu_) = false;
  int64_t synced_at_ GUARDED_BY(sync_mu_) = 0;
  std::map<int64_t, int64_t> release_councils_ GUARDED_BY(sync_mu_);
};

// Registers monitor.fetch and monitor.ingest. `progress` (may be null) receives ingest progress.
Status RegisterMonitorJobs(jobs::WorkerPool& pool, MonitorService* service,
                           std::function<void(const IngestProgress&)> progress = {});

}  // namespace pol::monitor
