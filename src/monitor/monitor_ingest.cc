// MonitorService: scheduling due sources, fetching a source (feed or listing, then its new pages),
// offline and by-URL ingest, and storing processed items in batches.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "monitor/charset.h"
#include "monitor/documents.h"
#include "monitor/feed_parser.h"
#include "monitor/monitor.h"
#include "monitor/web_text.h"
#include "text/number_words.h"

namespace pol::monitor {
namespace {

constexpr size_t kMaxLinksPerFetch = 100;
constexpr size_t kStoreBatch = 200;  // items per write transaction

}  // namespace

StatusOr<int> MonitorService::ScheduleDue() {
  if (queue_ == nullptr) return 0;
  // Releases published since the last tick enter the pickup index and look back at older items.
  if (Status s = SyncReleases(); !s.ok()) spdlog::warn("monitor: release sync: {}", s.ToString());
  const int64_t now = env_->NowMillis();
  std::vector<store::MonitorSource> due;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(due, store::ListDueSources(c, now));
    return Status::Ok();
  }));
  int n = 0;
  for (const auto& s : due) {
    // One job per source and interval slot.
    const int64_t slot = now / (s.fetch_interval_s * 1000);
    auto id =
        queue_->Enqueue({.queue = kQueue,
                         .kind = kFetchJob,
                         .payload_json = nlohmann::json{{"source_id", s.id}}.dump(),
                         .max_attempts = kFetchAttempts,
                         .dedup_key = "monitor.fetch:" + std::to_string(s.id) + ":" + std::to_string(slot)});
    if (id.ok()) ++n;
  }
  return n;
}

void MonitorService::SnapshotModels(std::shared_ptr<const MentionMatcher>* mentions,
                                    std::shared_ptr<const ToneModel>* tone,
                                    std::map<int64_t, int64_t>* release_councils) {
  {
    MutexLock lock(&models_mu_);
    *mentions = mentions_;
    *tone = tone_;
  }
  MutexLock lock(&sync_mu_);
  *release_councils = release_councils_;
}

StatusOr<IngestStats> MonitorService::IngestDocs(std::vector<RawDocument> docs,
                                                 const std::function<void(const IngestProgress&)>& progress) {
  POL_RETURN_IF_ERROR(SyncReleases());
  std::shared_ptr<const MentionMatcher> mentions;
  std::shared_ptr<const ToneModel> tone;
  std::map<int64_t, int64_t> councils;
  SnapshotModels(&mentions, &tone, &councils);
  const Models models{mentions.get(), tone.get(), pickups_.get()};
  auto release_council = [&](int64_t id) -> std::optional<int64_t> {
    auto it = councils.find(id);
    return it == councils.end() ? std::nullopt : std::optional<int64_t>(it->second);
  };
  IngestStats stats;
  std::vector<Alert> fired;
  for (size_t start = 0; start < docs.size(); start += kStoreBatch) {
    const size_t end = std::min(docs.size(), start + kStoreBatch);
    std::vector<ProcessedItem> processed;
    for (size_t i = start; i < end; ++i) processed.push_back(Process(docs[i], models));
    const int64_t now = env_->NowMillis();
    POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
      for (auto& p : processed) {
        ++stats.seen;
        if (p.item.title.empty() && p.item.body.empty()) {
          ++stats.failed;
          if (stats.errors.size() < 5) stats.errors.push_back("متنی در «" + p.item.url + "» پیدا نشد.");
          continue;
        }
        POL_ASSIGN_OR_RETURN(StoreResult r, StoreItem(c, p, now, release_council));
        if (!r.inserted) {
          ++stats.duplicates;
          continue;
        }
        ++stats.inserted;
        stats.pickups += r.pickups;
        stats.mentions += static_cast<int64_t>(p.mentions.size());
        std::vector<int64_t> agencies;
        for (const auto& m : p.mentions) {
          if (std::find(agencies.begin(), agencies.end(), m.agency_id) == agencies.end())
            agencies.push_back(m.agency_id);
        }
        p.item.id = r.item_id;
        if (!agencies.empty()) POL_RETURN_IF_ERROR(RunAlerts(c, p.item, agencies, &fired));
      }
      return Status::Ok();
    }));
    if (progress) progress({static_cast<int64_t>(end), static_cast<int64_t>(docs.size())});
  }
  if (sink_ != nullptr) {
    for (const auto& a : fired) sink_->Deliver(a);
  }
  return stats;
}

StatusOr<IngestStats> MonitorService::IngestDocument(
    int64_t council_id, const std::string& url, const std::string& bytes, const std::string& content_type,
    const std::function<void(const IngestProgress&)>& progress) {
  POL_ASSIGN_OR_RETURN(std::string utf8, DecodeDocument(bytes, content_type));
  ParsedDocument parsed = ParseDocument({.council_id = council_id, .fetched_at = env_->NowMillis()}, url,
                                        utf8, bytes, {}, /*want_links=*/false);
  if (parsed.docs.empty() && !parsed.error.ok()) return parsed.error;
  POL_ASSIGN_OR_RETURN(IngestStats stats, IngestDocs(std::move(parsed.docs), progress));
  if (!parsed.error.ok()) stats.errors.insert(stats.errors.begin(), parsed.error.message());
  return stats;
}

StatusOr<IngestStats> MonitorService::IngestUrl(int64_t council_id, const std::string& url,
                                                const std::function<void(const IngestProgress&)>& progress) {
  std::vector<FetchResult> got = fetcher_->FetchAll({{url, "", ""}});
  if (!got[0].status.ok()) return got[0].status;
  POL_ASSIGN_OR_RETURN(std::string utf8, DecodeDocument(got[0].body, got[0].content_type));
  const bool want_links = SniffDocument(utf8) != DocumentKind::kHtml;
  ParsedDocument parsed = ParseDocument({.council_id = council_id, .fetched_at = env_->NowMillis()},
                                        got[0].final_url, utf8, got[0].body, {.links = "-"}, want_links);
  if (!parsed.error.ok()) return parsed.error;
  std::vector<FetchRequest> reqs;
  for (size_t i = 0; i < parsed.links.size() && i < kMaxLinksPerFetch; ++i)
    reqs.push_back({parsed.links[i], "", ""});
  if (!reqs.empty()) {
    for (auto& page : fetcher_->FetchAll(reqs)) {
      if (!page.status.ok()) continue;
      auto html = DecodeDocument(page.body, page.content_type);
      if (!html.ok()) continue;
      parsed.docs.push_back({.url = page.final_url,
                             .html = *html,
                             .raw = page.body,
                             .council_id = council_id,
                             .fetched_at = env_->NowMillis()});
    }
  }
  return IngestDocs(std::move(parsed.docs), progress);
}

StatusOr<int> MonitorService::FetchNewPages(const store::MonitorSource& s,
                                            const std::vector<std::string>& links,
                                            std::vector<RawDocument>* docs, IngestStats* stats,
                                            size_t* requested) {
  // Only pages not stored yet are fetched.
  std::vector<FetchRequest> reqs;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    for (const auto& l : links) {
      if (reqs.size() >= kMaxLinksPerFetch) break;
      POL_ASSIGN_OR_RETURN(auto found, store::FindMediaItem(c, s.council_id, CanonicalUrl(l), "", ""));
      if (found) {
        ++stats->duplicates;
      } else {
        reqs.push_back({l, "", ""});
      }
    }
    return Status::Ok();
  }));
  *requested = reqs.size();
  const Selectors sel = SelectorsFrom(s.selectors);
  int failures = 0;
  for (auto& page : fetcher_->FetchAll(reqs)) {
    if (!page.status.ok()) {
      ++failures;
      if (stats->errors.size() < 5) stats->errors.push_back(page.url + ": " + page.status.message());
      continue;
    }
    auto html = DecodeDocument(page.body, page.content_type);
    if (!html.ok()) {
      ++failures;
      continue;
    }
    docs->push_back({.url = page.final_url,
                     .html = *html,
                     .raw = page.body,
                     .selectors = sel,
                     .source_id = s.id,
                     .council_id = s.council_id,
                     .fetched_at = env_->NowMillis()});
  }
  return failures;
}

StatusOr<MonitorService::FetchOutcome> MonitorService::IngestFetched(const store::MonitorSource& s,
                                                                     const FetchResult& fetched) {
  FetchOutcome out;
  auto utf8 = DecodeDocument(fetched.body, fetched.content_type);
  if (!utf8.ok()) {
    out.failure = utf8.status();
    return out;
  }
  if (s.kind == "feed" && SniffDocument(*utf8) == DocumentKind::kHtml) {
    out.failure = InvalidArgument("malformed_feed", "خوراک خراب است: به جای RSS یا Atom صفحهٔ HTML برگشت.");
    return out;
  }
  Selectors listing = SelectorsFrom(s.selectors);
  if (s.kind != "listing") listing.links = "-";
  ParsedDocument parsed =
      ParseDocument({.council_id = s.council_id, .source_id = s.id, .fetched_at = env_->NowMillis()},
                    fetched.final_url, *utf8, fetched.body, listing, /*want_links=*/true);
  out.failure = parsed.error;
  size_t requested = 0;
  POL_ASSIGN_OR_RETURN(int page_failures,
                       FetchNewPages(s, parsed.links, &parsed.docs, &out.stats, &requested));
  if (out.failure.ok() || !parsed.docs.empty()) {
    const int64_t dup_before = out.stats.duplicates;
    auto errors = out.stats.errors;
    POL_ASSIGN_OR_RETURN(out.stats, IngestDocs(std::move(parsed.docs), {}));
    out.stats.duplicates += dup_before;
    out.stats.errors.insert(out.stats.errors.begin(), errors.begin(), errors.end());
  }
  out.stats.failed += page_failures;
  if (out.failure.ok() && requested > 0 && page_failures == static_cast<int>(requested)) {
    out.failure = FailedPrecondition(
        "pages_failed", "هیچ‌یک از " + text::PersianNumber(static_cast<int64_t>(requested)) +
                            " صفحهٔ خبر دریافت نشد؛ نخستین خطا: " + out.stats.errors.front());
  }
  return out;
}

StatusOr<IngestStats> MonitorService::FetchSource(int64_t source_id) {
  store::MonitorSource s;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(s, store::GetMonitorSource(c, source_id));
    return Status::Ok();
  }));
  FetchOutcome outcome;
  std::string etag = s.etag, last_modified = s.last_modified;
  std::vector<FetchResult> got = fetcher_->FetchAll({{s.url, s.etag, s.last_modified}});
  const FetchResult& feed = got[0];
  if (!feed.status.ok()) {
    outcome.failure = feed.status;
  } else if (!feed.not_modified) {
    etag = feed.etag;
    last_modified = feed.last_modified;
    POL_ASSIGN_OR_RETURN(outcome, IngestFetched(s, feed));
  }
  const Status& failure = outcome.failure;
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    return store::RecordSourceFetch(c, s.id, now, failure.ok(), failure.message(), etag, last_modified,
                                    outcome.stats.inserted);
  }));
  if (!failure.ok()) {
    spdlog::warn("monitor: source {} ({}) unhealthy: {}", s.id, s.url, failure.message());
  } else {
    spdlog::info("monitor: source {} fetched: {}", s.id, Summarize(outcome.stats));
  }
  return outcome.stats;
}

}  // namespace pol::monitor
