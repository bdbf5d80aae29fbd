// The monitoring service: sources and their health, fetching (jobs "monitor.fetch" per source on the
// "monitor" queue, scheduled by each source's interval) and offline ingest (job "monitor.ingest", used
// by `pol ingest`), search, item view, tone overrides (fed back into the classifier), watchlists,
// release coverage (press pickup), per-agency charts, alert rules and saved searches.
//
// Access: system admins everything. Council roles (council_admin, committee_member, analyst) see every
// item and source of their council; council admins and analysts manage sources, alert rules and tone.
// Agency roles see the items that mention their agency and manage their agency's watch terms (PR
// manager); an agency PR manager may correct the tone of items mentioning the agency. Everything else
// answers 404.
//
// Models: the pickup index (every published release, rebuilt from the database at start and topped up
// before each fetch/ingest), the tone model (built-in labelled data plus analysts' labels, retrained on
// every correction) and the mention matchers (rebuilt from the watch terms on change).
//
// Alerts: rules "negative_national" (an item with negative tone toward the agency in a national outlet)
// and "mention_burst" (≥ threshold items mentioning the agency within window_minutes) notify the
// agency's PR managers in the console (notifications) and call the AlertSink hook, where messenger and
// e-mail delivery plugs in.
//
// Thread-safety: thread-safe; blocks on the database (worker threads only).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/actor.h"
#include "base/env.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "monitor/analysis.h"
#include "monitor/fetcher.h"
#include "monitor/pickup.h"
#include "monitor/pipeline.h"
#include "store/monitor_repo.h"

namespace pol::monitor {

inline constexpr char kQueue[] = "monitor";
inline constexpr char kFetchJob[] = "monitor.fetch";
inline constexpr char kIngestJob[] = "monitor.ingest";
inline constexpr char kLookBackJob[] = "monitor.lookback";
// How far back a newly published release looks for items that took it before it was in the index.
inline constexpr int64_t kLookBackDays = 14;

struct Alert {
  int64_t rule_id = 0, agency_id = 0;
  std::optional<int64_t> item_id;
  std::string kind, message;
  std::vector<int64_t> user_ids;  // the PR managers notified in the console
};
// Where alerts go besides the console (messenger, e-mail: the distribution capability plugs in here).
class AlertSink {
 public:
  virtual ~AlertSink() = default;
  virtual void Deliver(const Alert& alert) = 0;
};

struct SourceInput {
  std::optional<int64_t> version, council_id;
  std::optional<std::string> name, url, kind, outlet_type, tier, language;
  std::optional<double> reach_weight;
  std::optional<int64_t> fetch_interval_s;
  std::optional<nlohmann::json> selectors;
  std::optional<bool> enabled;
};

struct ItemQuery {
  std::string q;  // analysts' syntax (query.h)
  std::optional<int64_t> council_id, source_id, agency_id, release_id, from, to;
  std::optional<std::string> tier, tone;
  int64_t limit = 50, offset = 0;
};

struct ItemView {
  store::MediaItem item;
  std::vector<store::MentionRow> mentions;
  std::vector<store::PickupRow> pickups;
  // Per pickup: the release's paragraphs (title, lead, body…) for the side-by-side view.
  std::map<int64_t, std::vector<std::string>> release_paragraphs;
};

struct CoverageOutlet {
  store::PickupRow pickup;
  std::optional<int64_t> delay_ms;  // item time − release publication
};
struct Coverage {
  int64_t release_id = 0;
  std::string title;
  std::optional<int64_t> published_at;
  std::vector<std::string> paragraphs;  // title, lead, body…
  std::vector<CoverageOutlet> outlets;  // by time
  std::optional<int64_t> first_at, first_delay_ms;
  double reach_weighted = 0;        // Σ reach_weight × containment over distinct outlets (best item each)
  std::vector<int> paragraph_uses;  // per release paragraph: how many items took it
};

struct IngestProgress {
  int64_t done = 0, total = 0;
};
struct IngestStats {
  int64_t seen = 0, inserted = 0, duplicates = 0, failed = 0, pickups = 0, mentions = 0;
  std::vector<std::string> errors;  // Persian, first few
};

class MonitorService {
 public:
  MonitorService(store::Database* db, Env* env, jobs::Queue* queue, Fetcher* fetcher,
                 AlertSink* sink = nullptr);

  // Loads the models from the database (call once before serving).
  Status Start();

  // Sources.
  StatusOr<std::vector<store::MonitorSource>> ListSources(const accounts::Actor& a,
                                                          std::optional<int64_t> council_id);
  StatusOr<store::MonitorSource> GetSource(const accounts::Actor& a, int64_t id);
  StatusOr<store::MonitorSource> CreateSource(const accounts::Actor& a, const SourceInput& in);
  StatusOr<store::MonitorSource> UpdateSource(const accounts::Actor& a, int64_t id, const SourceInput& in);
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
  StatusOr<nlohmann::json> Stats(const accounts::Actor& a, int64_t council_id,
                                 std::optional<int64_t> agency_id, int64_t from, int64_t to);
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
  Status SyncReleases();
  // The look-back: checks the council's items fetched since kLookBackDays before the release's
  // publication against that one release and records the pickups found (idempotent). Returns how many.
  StatusOr<int> LookBack(int64_t release_id);
  const PickupIndex& pickups() const { return *pickups_; }

 private:
  bool ReadsCouncil(const accounts::Actor& a, int64_t council_id) const;    // council roles
  bool ManagesCouncil(const accounts::Actor& a, int64_t council_id) const;  // council admin, analyst
  StatusOr<bool> CanSeeItem(const accounts::Actor& a, const store::MediaItem& m);
  Status ReloadMentions();
  Status ReloadTone();
  StatusOr<IngestStats> IngestDocs(std::vector<RawDocument> docs,
                                   const std::function<void(const IngestProgress&)>& progress);
  Status RunAlerts(store::Conn& c, const store::MediaItem& item, const std::vector<int64_t>& agencies,
                   std::vector<Alert>* fired);
  std::vector<RawDocument> DocumentsFrom(int64_t council_id, const std::string& url, const std::string& utf8,
                                         const std::string& raw, std::optional<int64_t> source_id,
                                         const Selectors& sel, std::vector<std::string>* links,
                                         Status* error);

  store::Database* const db_;
  Env* const env_;
  jobs::Queue* const queue_;
  Fetcher* const fetcher_;
  AlertSink* const sink_;

  std::mutex models_mu_;
  std::shared_ptr<const MentionMatcher> mentions_;  // GUARDED_BY(models_mu_): all councils' terms
  std::shared_ptr<const ToneModel> tone_;           // GUARDED_BY(models_mu_)
  std::unique_ptr<PickupIndex> pickups_;
  std::mutex sync_mu_;
  int64_t synced_release_id_ = 0;                // GUARDED_BY(sync_mu_)
  bool synced_once_ = false;                     // GUARDED_BY(sync_mu_)
  int64_t synced_at_ = 0;                        // GUARDED_BY(sync_mu_)
  std::map<int64_t, int64_t> release_councils_;  // GUARDED_BY(sync_mu_)
};

// Registers monitor.fetch and monitor.ingest. `progress` (may be null) receives ingest progress.
Status RegisterMonitorJobs(jobs::WorkerPool& pool, MonitorService* service,
                           std::function<void(const IngestProgress&)> progress = {});

}  // namespace pol::monitor
