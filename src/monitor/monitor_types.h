// The values MonitorService takes and returns: source edits, item queries, an item with its mentions and
// reused passages, a release's coverage, the charts' series, ingest progress and counts, and alerts.
// Plain data: rendering (JSON, pages) is the caller's business (api/monitor_routes.cc).
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/monitor_repo.h"

namespace pol::monitor {

struct Alert {
  int64_t rule_id = 0, agency_id = 0;
  std::optional<int64_t> item_id;
  std::string kind, message;
  std::vector<int64_t> user_ids;  // the PR managers notified in the console
};

// A fired alert as it leaves monitoring inside the transaction that records it (MonitorService's alert
// outbox; distribution delivers it by e-mail and messenger).
struct AlertNotice {
  std::string event_key;  // "<rule id>:<the event's dedup key>": unique per alert and agency
  int64_t council_id = 0, agency_id = 0;
  std::optional<int64_t> item_id;
  std::string message, item_title, outlet;
  std::vector<int64_t> manager_ids;  // the agency's PR managers
  int64_t at = 0;
};

// A source to create (council_id, name, url required) or the fields to change (version required).
struct SourceInput {
  std::optional<int64_t> version, council_id;
  std::optional<std::string> name, url, kind, outlet_type, tier, language;
  std::optional<double> reach_weight;
  std::optional<int64_t> fetch_interval_s;
  std::optional<nlohmann::json> selectors;  // an object of CSS-like selectors (extract.h), checked
  std::optional<bool> enabled;
};

struct ItemQuery {
  std::string q;  // analysts' syntax (query.h)
  std::optional<int64_t> council_id, source_id, agency_id, release_id, from, to;
  std::optional<std::string> tier, tone;
  bool about_agencies = false;  // only items mentioning one of the agencies (the console feed's default)
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

// The charts: items mentioning each agency per Tehran day and tone; releases picked up per month.
struct PickupRate {
  int64_t agency_id = 0, month = 0;  // month: Jalali yyyymm of the publication (Tehran), e.g. 140509
  int64_t releases = 0, picked_up = 0;
  double rate = 0;  // picked_up / releases (0 without releases)
};
struct MonitorStats {
  std::vector<store::MentionBucket> mentions;  // day: days since 1970-01-01 (Tehran)
  std::vector<PickupRate> pickup_rates;
};

struct IngestProgress {
  int64_t done = 0, total = 0;
};
struct IngestStats {
  int64_t seen = 0, inserted = 0, duplicates = 0, failed = 0, pickups = 0, mentions = 0;
  std::vector<std::string> errors;  // Persian, first few
};
// "3 خبر تازه، 1 تکراری، 0 ناموفق": one line for the log.
std::string Summarize(const IngestStats& s);

}  // namespace pol::monitor
