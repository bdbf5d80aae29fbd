// The per-article steps of monitoring, as one CPU-only function usable by the service, `pol ingest`
// and the benchmark: extract (when given a page) → normalize → fingerprint → mentions → tone → pickup
// check; then StoreItem writes it (dedup, item with its compressed evidence, FTS row by trigger,
// mentions, pickups) inside the caller's write transaction.
//
// Thread-safety: Process() is const and safe from any thread while the models it points to are alive.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "monitor/analysis.h"
#include "monitor/extract.h"
#include "monitor/pickup.h"
#include "store/db.h"
#include "store/monitor_repo.h"

namespace pol::monitor {

struct RawDocument {
  std::string url;                 // where it was found (absolute), or file://…
  std::string html;                // the page in UTF-8 (empty when `article` is given)
  std::string raw;                 // bytes as fetched / read, kept gzip-compressed as evidence
  std::optional<Article> article;  // already structured (feed content, JSON lines)
  Selectors selectors;
  std::optional<int64_t> source_id;
  int64_t council_id = 0;
  std::string outlet;  // outlet key for dedup; default: host of the canonical URL
  int64_t fetched_at = 0;
};

struct ProcessedItem {
  store::MediaItem item;
  std::vector<Mention> mentions;  // byte ranges in Text()
  std::vector<PickupMatch> pickups;
  std::vector<std::string> paragraphs;  // body paragraphs
  std::vector<uint64_t> probe_keys;     // ItemProbeKeys: stored for late releases' look-back
};

// title + "\n" + lead + "\n" + body: the text mention spans point into.
std::string ItemText(const store::MediaItem& m);

struct Models {
  const MentionMatcher* mentions = nullptr;  // may be null: no watchlist
  const ToneModel* tone = nullptr;           // may be null: neutral
  const PickupIndex* pickups = nullptr;      // may be null: no releases
};

ProcessedItem Process(const RawDocument& doc, const Models& models);

// Inserts the item unless it is already stored (same canonical/alternate URL, or the outlet's item with
// the same fingerprint: then the URL is recorded as an alternate). Returns the item id and whether it is new.
// `release_council` filters pickups to releases of the item's council (release id → council id).
struct StoreResult {
  int64_t item_id = 0;
  bool inserted = false;
  int pickups = 0;
};
StatusOr<StoreResult> StoreItem(store::Conn& c, ProcessedItem& p, int64_t now,
                                const std::function<std::optional<int64_t>(int64_t)>& release_council);

std::string Gzip(std::string_view data);
std::string Gunzip(std::string_view data, size_t max_bytes = 64 << 20);

}  // namespace pol::monitor
