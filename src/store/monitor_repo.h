// SQL for media monitoring: sources and their health, media items (full-text search), item URLs,
// watch terms, mentions, pickups, alert rules and events, saved searches, tone labels, and the
// published releases the pickup detector indexes. The SQL is portable except the full-text parts, which
// the backend renders (a SearchQuery → SQLite FTS5 today, sqlite3_impl/fts5_query.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/db.h"
#include "store/search_query.h"

namespace pol::store {

struct MonitorSource {
  int64_t id = 0, council_id = 0;
  std::string name, url, kind = "feed", outlet_type = "agency", tier = "national";
  double reach_weight = 1;
  std::string language = "fa";
  int64_t fetch_interval_s = 900;
  std::string selectors = "{}";
  bool enabled = true;
  std::string etag, last_modified;
  bool healthy = true;
  std::optional<int64_t> last_fetch_at, last_success_at, last_error_at;
  std::string last_error;
  int64_t items_total = 0, version = 1, created_at = 0, updated_at = 0;
  int64_t items_last_day = 0;  // computed on read
};

StatusOr<int64_t> InsertMonitorSource(Conn& c, const MonitorSource& s);
StatusOr<MonitorSource> GetMonitorSource(Conn& c, int64_t id);
StatusOr<std::vector<MonitorSource>> ListMonitorSources(Conn& c,
                                                        const std::optional<std::vector<int64_t>>& councils,
                                                        int64_t now);
// Writes the editable columns when `version` matches; version_conflict otherwise.
Status UpdateMonitorSource(Conn& c, const MonitorSource& s, int64_t now);
// The items imported from a source (a source with items is disabled, not deleted).
StatusOr<int64_t> CountSourceItems(Conn& c, int64_t source_id);
Status DeleteMonitorSource(Conn& c, int64_t id);
// After a fetch: conditional-GET validators and health.
Status RecordSourceFetch(Conn& c, int64_t id, int64_t now, bool ok, const std::string& error,
                         const std::string& etag, const std::string& last_modified, int64_t new_items);
// Enabled sources whose last fetch is older than their interval.
StatusOr<std::vector<MonitorSource>> ListDueSources(Conn& c, int64_t now);

struct MediaItem {
  int64_t id = 0, council_id = 0;
  std::optional<int64_t> source_id;
  std::string outlet, canonical_url, url, fingerprint, title, lead, body, author, images = "[]";
  std::optional<int64_t> published_at;
  int64_t fetched_at = 0;
  std::string raw_gz;  // gzip bytes of the fetched page, stored as a BLOB
  std::string tone = "neutral";
  double tone_confidence = 0;
  std::optional<std::string> tone_override;
  // Joined on read.
  std::string source_name, tier;
  double reach_weight = 1;
  std::string snippet;  // search only: \x01…\x02 around matches
};

struct ItemFilter {
  // Authorization scope (either): items of these councils, or items mentioning these agencies.
  std::optional<std::vector<int64_t>> only_councils;
  std::optional<std::vector<int64_t>> only_agencies;
  std::optional<int64_t> council_id, source_id, agency_id, release_id;
  std::optional<std::string> tier, tone;  // tone: effective (override, else classifier)
  std::optional<int64_t> from, to;        // on COALESCE(published_at, fetched_at)
  bool mentioned_only = false;            // only items mentioning at least one agency (the feed's default)
  std::optional<SearchQuery> fts;         // full-text condition (ranked by relevance when set)
  int64_t limit = 50, offset = 0;
};

// Matches counted for a search (an `fts` filter) stop here: past it the answer is "more than
// kSearchCountCap" and the page is the newest matches (id order) instead of the best by bm25 — an
// exact count and a bm25 ranking touch every match, which costs 100+ ms for frequent words over a
// million items. Listings without `fts` are counted exactly.
inline constexpr int64_t kSearchCountCap = 1000;

struct ItemPage {
  std::vector<MediaItem> items;
  int64_t total = 0;          // exact, or kSearchCountCap when total_capped
  bool total_capped = false;  // more than kSearchCountCap matches
};

// The item with this canonical or alternate URL, or this outlet's item with this fingerprint.
StatusOr<std::optional<int64_t>> FindMediaItem(Conn& c, int64_t council_id, const std::string& canonical_url,
                                               const std::string& outlet, const std::string& fingerprint);
StatusOr<int64_t> InsertMediaItem(Conn& c, const MediaItem& m);
Status AddMediaItemUrl(Conn& c, int64_t council_id, const std::string& url, int64_t item_id);
StatusOr<MediaItem> GetMediaItem(Conn& c, int64_t id, bool with_raw);
StatusOr<ItemPage> ListMediaItems(Conn& c, const ItemFilter& f);
Status SetMediaItemTone(Conn& c, int64_t id, const std::optional<std::string>& override_tone);

struct WatchTermRow {
  int64_t id = 0, agency_id = 0;
  std::string kind, term, note;
  int64_t created_at = 0;
};
StatusOr<int64_t> InsertWatchTerm(Conn& c, const WatchTermRow& w);
Status DeleteWatchTerm(Conn& c, int64_t id);
// Terms of every agency of the council (all councils when nullopt).
StatusOr<std::vector<WatchTermRow>> ListWatchTerms(Conn& c, std::optional<int64_t> council_id,
                                                   std::optional<int64_t> agency_id);
StatusOr<std::optional<int64_t>> WatchTermAgency(Conn& c, int64_t id);

struct MentionRow {
  int64_t item_id = 0, agency_id = 0, term_id = 0, count = 0;
  std::string spans = "[]";  // JSON [[begin,end],...] byte ranges in "title\nlead\nbody"
  std::string term;          // joined on read
};
Status InsertMention(Conn& c, const MentionRow& m);
StatusOr<std::vector<MentionRow>> ListItemMentions(Conn& c, int64_t item_id);

struct MentionBucket {
  int64_t agency_id = 0, day = 0;  // day: days since 1970-01-01 (Tehran)
  std::string tone;
  int64_t items = 0;
};
// Items mentioning each agency per Tehran day and effective tone.
StatusOr<std::vector<MentionBucket>> MentionStats(Conn& c, int64_t council_id,
                                                  std::optional<int64_t> agency_id, int64_t from, int64_t to);
// Items mentioning the agency since `since` (for burst alerts).
StatusOr<int64_t> CountMentionsSince(Conn& c, int64_t agency_id, int64_t since);

struct PickupRow {
  int64_t release_id = 0, item_id = 0;
  double containment = 0;
  std::string kind, paragraphs = "[]";
  int64_t found_at = 0;
  // Joined on read.
  std::string item_title, item_url, outlet, source_name, tier, release_title;
  std::optional<int64_t> item_published_at, release_published_at;
  int64_t item_fetched_at = 0;
  double reach_weight = 1;
};
Status InsertPickup(Conn& c, const PickupRow& p);
StatusOr<std::vector<PickupRow>> ListReleasePickups(Conn& c, int64_t release_id);
StatusOr<std::vector<PickupRow>> ListItemPickups(Conn& c, int64_t item_id);

struct PickupRateBucket {
  int64_t agency_id = 0, month = 0;  // month: Jalali yyyymm of the release's publication (Tehran), 140509
  int64_t releases = 0, picked_up = 0;
};
StatusOr<std::vector<PickupRateBucket>> PickupRates(Conn& c, int64_t council_id, int64_t from, int64_t to);

struct ReleaseText {
  int64_t id = 0, agency_id = 0, council_id = 0;
  std::string title, lead, body_text;
  std::optional<int64_t> published_at;
};
// Published (or corrected) releases with id > after_id, by id.
StatusOr<std::vector<ReleaseText>> ListPublishedReleaseTexts(Conn& c, int64_t after_id, int64_t limit);
// Published (or corrected) releases with published_at >= since, whatever their id (a draft created
// before newer releases and published later).
StatusOr<std::vector<ReleaseText>> ListReleasesPublishedSince(Conn& c, int64_t since);
// A council's items fetched at or after `since` with id > after_id, by id: id, council, title, lead,
// body, fetched_at only (for the look-back pickup check of a newly published release).
StatusOr<std::vector<MediaItem>> ListItemTextsSince(Conn& c, int64_t council_id, int64_t since,
                                                    int64_t after_id, int64_t limit);
// The same fields of the given items (any order; unknown ids are skipped).
StatusOr<std::vector<MediaItem>> GetItemTexts(Conn& c, const std::vector<int64_t>& ids);

// Look-back probe keys (media_item_probes): store/monitor_probe_repo.h.

struct AlertRule {
  int64_t id = 0, council_id = 0;
  std::optional<int64_t> agency_id;
  std::string kind;  // "negative_national", "mention_burst"
  int64_t threshold = 0, window_minutes = 60;
  bool enabled = true;
  int64_t created_at = 0;
};
StatusOr<int64_t> InsertAlertRule(Conn& c, const AlertRule& r);
StatusOr<AlertRule> GetAlertRule(Conn& c, int64_t id);
StatusOr<std::vector<AlertRule>> ListAlertRules(Conn& c, std::optional<int64_t> council_id);
Status DeleteAlertRule(Conn& c, int64_t id);
// Records a firing; false when this rule already fired for `dedup_key`.
StatusOr<bool> InsertAlertEvent(Conn& c, int64_t rule_id, const std::string& dedup_key,
                                std::optional<int64_t> agency_id, std::optional<int64_t> item_id,
                                const std::string& message, int64_t now);

struct SavedSearch {
  int64_t id = 0, user_id = 0;
  std::string name, query = "{}";
  int64_t created_at = 0;
};
StatusOr<int64_t> InsertSavedSearch(Conn& c, const SavedSearch& s);
StatusOr<std::vector<SavedSearch>> ListSavedSearches(Conn& c, int64_t user_id);
// NotFound unless it is the user's.
Status DeleteSavedSearch(Conn& c, int64_t user_id, int64_t id);

struct ToneLabel {
  int64_t id = 0;
  std::optional<int64_t> item_id;
  std::string text, label;
  std::optional<int64_t> user_id;
  int64_t created_at = 0;
};
StatusOr<int64_t> InsertToneLabel(Conn& c, const ToneLabel& l);
StatusOr<std::vector<ToneLabel>> ListToneLabels(Conn& c);

}  // namespace pol::store
