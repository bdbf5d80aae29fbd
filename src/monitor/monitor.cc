#include "monitor/monitor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "monitor/charset.h"
#include "monitor/feed_parser.h"
#include "monitor/query.h"
#include "monitor/web_text.h"
#include "store/council_repo.h"
#include "store/release_repo.h"
#include "text/jalali.h"
#include "text/normalize.h"
#include "text/search_terms.h"

namespace pol::monitor {

using accounts::Actor;
using accounts::Role;

namespace {

constexpr size_t kMaxLinksPerFetch = 100;

Selectors SelectorsFrom(const std::string& json) {
  Selectors s;
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return s;
  auto get = [&](const char* k, std::string& out) {
    if (j.contains(k) && j[k].is_string()) out = j[k].get<std::string>();
  };
  get("title", s.title);
  get("lead", s.lead);
  get("body", s.body);
  get("author", s.author);
  get("date", s.date);
  get("links", s.links);
  return s;
}

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

std::vector<std::string> Paragraphs(const std::string& title, const std::string& lead,
                                    const std::string& body) {
  std::vector<std::string> out{title, lead};
  size_t i = 0;
  while (i < body.size()) {
    size_t j = body.find('\n', i);
    if (j == std::string::npos) j = body.size();
    if (j > i) out.push_back(body.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string Summarize(const IngestStats& s) {
  return std::to_string(s.inserted) + " خبر تازه، " + std::to_string(s.duplicates) + " تکراری، " +
         std::to_string(s.failed) + " ناموفق";
}

}  // namespace

MonitorService::MonitorService(store::Database* db, Env* env, jobs::Queue* queue, Fetcher* fetcher,
                               AlertSink* sink)
    : db_(db),
      env_(env),
      queue_(queue),
      fetcher_(fetcher),
      sink_(sink),
      pickups_(std::make_unique<PickupIndex>()) {}

Status MonitorService::Start() {
  POL_RETURN_IF_ERROR(ReloadMentions());
  POL_RETURN_IF_ERROR(ReloadTone());
  return SyncReleases();
}

Status MonitorService::ReloadMentions() {
  std::vector<WatchTerm> terms;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto rows, store::ListWatchTerms(c, std::nullopt, std::nullopt));
    for (auto& r : rows) terms.push_back({r.id, r.agency_id, r.kind, r.term});
    return Status::Ok();
  }));
  auto m = std::make_shared<const MentionMatcher>(terms);
  std::lock_guard lock(models_mu_);
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
  std::lock_guard lock(models_mu_);
  tone_ = std::move(model);
  return Status::Ok();
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

Status MonitorService::SyncReleases() {
  std::lock_guard lock(sync_mu_);
  const int64_t now = env_->NowMillis();
  std::vector<int64_t> added;
  auto take = [&](const store::ReleaseText& r) {
    if (!pickups_->Contains(r.id)) {
      pickups_->Add(r.id, Paragraphs(r.title, r.lead, r.body_text));
      added.push_back(r.id);
    }
    release_councils_[r.id] = r.council_id;
  };
  for (;;) {
    std::vector<store::ReleaseText> batch;
    POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(batch, store::ListPublishedReleaseTexts(c, synced_release_id_, 1000));
      return Status::Ok();
    }));
    if (batch.empty()) break;
    for (const auto& r : batch) {
      take(r);
      synced_release_id_ = std::max(synced_release_id_, r.id);
    }
  }
  if (synced_once_) {
    // Older ids published since the last sync (a minute of slack for clocks between writers).
    std::vector<store::ReleaseText> late;
    POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(late, store::ListReleasesPublishedSince(c, synced_at_ - 60'000));
      return Status::Ok();
    }));
    for (const auto& r : late) take(r);
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

// ---- Access ----

bool MonitorService::ReadsCouncil(const Actor& a, int64_t council_id) const {
  if (a.IsSystemAdmin()) return true;
  const auto& p = *a.principal;
  return p.HasInCouncil(Role::kCouncilAdmin, council_id) ||
         p.HasInCouncil(Role::kCommitteeMember, council_id) || p.HasInCouncil(Role::kAnalyst, council_id);
}

bool MonitorService::ManagesCouncil(const Actor& a, int64_t council_id) const {
  if (a.IsSystemAdmin()) return true;
  const auto& p = *a.principal;
  return p.HasInCouncil(Role::kCouncilAdmin, council_id) || p.HasInCouncil(Role::kAnalyst, council_id);
}

StatusOr<bool> MonitorService::CanSeeItem(const Actor& a, const store::MediaItem& m) {
  if (ReadsCouncil(a, m.council_id)) return true;
  bool visible = false;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto mentions, store::ListItemMentions(c, m.id));
    for (const auto& x : mentions) {
      for (const auto& g : a.principal->grants) {
        if (g.agency_id && *g.agency_id == x.agency_id) visible = true;
      }
    }
    return Status::Ok();
  }));
  return visible;
}

// ---- Sources ----

StatusOr<std::vector<store::MonitorSource>> MonitorService::ListSources(const Actor& a,
                                                                        std::optional<int64_t> council_id) {
  std::optional<std::vector<int64_t>> councils;
  if (!a.IsSystemAdmin()) councils = a.principal->ReadableCouncils();
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
  if (!a.IsSystemAdmin() && !a.principal->CanReadCouncil(s.council_id)) return NotFound("منبع پیدا نشد.");
  return s;
}

namespace {
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

StatusOr<store::MonitorSource> MonitorService::CreateSource(const Actor& a, const SourceInput& in) {
  if (!in.council_id) return InvalidArgument("required", "شورا را مشخص کنید.", "council_id");
  if (!a.IsSystemAdmin() && !a.principal->CanReadCouncil(*in.council_id)) return NotFound("شورا پیدا نشد.");
  if (!ManagesCouncil(a, *in.council_id)) return PermissionDenied();
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
  if (!ManagesCouncil(a, s.council_id)) return PermissionDenied();
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

StatusOr<int64_t> MonitorService::FetchNow(const Actor& a, int64_t id) {
  POL_ASSIGN_OR_RETURN(store::MonitorSource s, GetSource(a, id));
  if (!ManagesCouncil(a, s.council_id)) return PermissionDenied();
  if (queue_ == nullptr) return Unavailable();
  return queue_->Enqueue({.queue = kQueue,
                          .kind = kFetchJob,
                          .payload_json = nlohmann::json{{"source_id", id}}.dump(),
                          .max_attempts = 1});
}

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
                         .max_attempts = 1,
                         .dedup_key = "monitor.fetch:" + std::to_string(s.id) + ":" + std::to_string(slot)});
    if (id.ok()) ++n;
  }
  return n;
}

// ---- Fetch and ingest ----

std::vector<RawDocument> MonitorService::DocumentsFrom(int64_t council_id, const std::string& url,
                                                       const std::string& utf8, const std::string& raw,
                                                       std::optional<int64_t> source_id, const Selectors& sel,
                                                       std::vector<std::string>* links, Status* error) {
  std::vector<RawDocument> docs;
  const int64_t now = env_->NowMillis();
  switch (SniffDocument(utf8)) {
    case DocumentKind::kJsonLines: {
      size_t i = 0, line_no = 0;
      while (i < utf8.size()) {
        size_t j = utf8.find('\n', i);
        if (j == std::string::npos) j = utf8.size();
        std::string line = utf8.substr(i, j - i);
        i = j + 1;
        ++line_no;
        if (line.find_first_not_of(" \r\t") == std::string::npos) continue;
        nlohmann::json o = nlohmann::json::parse(line, nullptr, false);
        if (!o.is_object() || !o.contains("title")) {
          if (error->ok())
            *error =
                InvalidArgument("malformed_line", "سطر " + std::to_string(line_no) + " JSON معتبر نیست.");
          continue;
        }
        auto str = [&](const char* k) {
          return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
        };
        Article a;
        a.title = str("title");
        a.lead = str("abstract");
        if (a.lead.empty()) a.lead = str("lead");
        if (o.contains("paragraphs") && o["paragraphs"].is_array()) {
          for (const auto& p : o["paragraphs"]) {
            if (p.is_string()) a.paragraphs.push_back(p.get<std::string>());
          }
        } else {
          a.paragraphs = HtmlParagraphs(str("body"));
        }
        a.author = str("author");
        a.published_at = ParseWebDate(str("published"));
        std::string link = str("link");
        if (link.empty()) link = url + "#" + std::to_string(line_no);
        docs.push_back({.url = link,
                        .raw = line,
                        .article = a,
                        .source_id = source_id,
                        .council_id = council_id,
                        .fetched_at = now});
      }
      break;
    }
    case DocumentKind::kFeedXml:
    case DocumentKind::kJsonFeed: {
      auto feed = ParseFeed(utf8, url);
      if (!feed.ok()) {
        *error = feed.status();
        break;
      }
      for (const auto& e : feed->entries) {
        // Entries with their full text are taken from the feed; others need their page.
        std::vector<std::string> paras = HtmlParagraphs(e.content_html);
        size_t chars = 0;
        for (const auto& p : paras) chars += p.size();
        if (chars >= 400 || links == nullptr) {
          Article a;
          a.title = e.title;
          a.lead = HtmlParagraphs(e.summary).empty() ? "" : HtmlParagraphs(e.summary)[0];
          a.paragraphs = paras;
          a.author = e.author;
          a.published_at = e.published_at;
          docs.push_back({.url = e.url,
                          .raw = e.content_html.empty() ? e.summary : e.content_html,
                          .article = a,
                          .source_id = source_id,
                          .council_id = council_id,
                          .fetched_at = now});
        } else {
          links->push_back(e.url);
        }
      }
      break;
    }
    case DocumentKind::kHtml: {
      if (links != nullptr && sel.links != "-") {
        // A listing page when asked for one (the caller decides by the source's kind).
        for (auto& l : ExtractLinks(utf8, url, sel)) links->push_back(std::move(l));
      } else {
        docs.push_back({.url = url,
                        .html = utf8,
                        .raw = raw,
                        .selectors = sel,
                        .source_id = source_id,
                        .council_id = council_id,
                        .fetched_at = now});
      }
      break;
    }
    default:
      *error = InvalidArgument("unknown_document", "قالب سند شناخته نشد (نه خوراک، نه صفحهٔ HTML، نه JSON).");
  }
  return docs;
}

StatusOr<IngestStats> MonitorService::IngestDocs(std::vector<RawDocument> docs,
                                                 const std::function<void(const IngestProgress&)>& progress) {
  POL_RETURN_IF_ERROR(SyncReleases());
  std::shared_ptr<const MentionMatcher> mentions;
  std::shared_ptr<const ToneModel> tone;
  {
    std::lock_guard lock(models_mu_);
    mentions = mentions_;
    tone = tone_;
  }
  Models models{mentions.get(), tone.get(), pickups_.get()};
  IngestStats stats;
  std::map<int64_t, int64_t> councils;
  {
    std::lock_guard lock(sync_mu_);
    councils = release_councils_;
  }
  auto release_council = [&](int64_t id) -> std::optional<int64_t> {
    auto it = councils.find(id);
    return it == councils.end() ? std::nullopt : std::optional<int64_t>(it->second);
  };
  const size_t kBatch = 200;
  std::vector<Alert> fired;
  for (size_t start = 0; start < docs.size(); start += kBatch) {
    const size_t end = std::min(docs.size(), start + kBatch);
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

Status MonitorService::RunAlerts(store::Conn& c, const store::MediaItem& item,
                                 const std::vector<int64_t>& agencies, std::vector<Alert>* fired) {
  POL_ASSIGN_OR_RETURN(auto rules, store::ListAlertRules(c, item.council_id));
  if (rules.empty()) return Status::Ok();
  std::string tier;
  if (item.source_id) {
    POL_ASSIGN_OR_RETURN(auto src, store::GetMonitorSource(c, *item.source_id));
    tier = src.tier;
  }
  const int64_t now = env_->NowMillis();
  for (const auto& rule : rules) {
    if (!rule.enabled) continue;
    for (int64_t agency : agencies) {
      if (rule.agency_id && *rule.agency_id != agency) continue;
      std::string key, message;
      if (rule.kind == "negative_national") {
        if (item.tone != "negative" || tier != "national") continue;
        key = "item:" + std::to_string(item.id) + ":" + std::to_string(agency);
        message = "خبر با لحن منفی در رسانهٔ سراسری: «" + item.title + "»";
      } else if (rule.kind == "mention_burst") {
        POL_ASSIGN_OR_RETURN(int64_t n,
                             store::CountMentionsSince(c, agency, now - rule.window_minutes * 60000));
        if (n < rule.threshold) continue;
        key = "burst:" + std::to_string(agency) + ":" + std::to_string(now / (rule.window_minutes * 60000));
        message = "افزایش ناگهانی اخبار: " + std::to_string(n) + " خبر در " +
                  std::to_string(rule.window_minutes) + " دقیقهٔ اخیر.";
      } else {
        continue;
      }
      POL_ASSIGN_OR_RETURN(bool fresh,
                           store::InsertAlertEvent(c, rule.id, key, agency, item.id, message, now));
      if (!fresh) continue;
      POL_ASSIGN_OR_RETURN(auto managers, store::UsersWithAgencyRole(c, agency, "agency_pr_manager"));
      for (int64_t uid : managers) {
        POL_RETURN_IF_ERROR(
            store::InsertNotification(c, {.user_id = uid,
                                          .kind = "monitor.alert",
                                          .title = "هشدار پایش رسانه",
                                          .body = message,
                                          .link = "/console/monitor/items/" + std::to_string(item.id),
                                          .created_at = now})
                .status());
      }
      fired->push_back({rule.id, agency, item.id, rule.kind, message, managers});
    }
  }
  return Status::Ok();
}

StatusOr<IngestStats> MonitorService::IngestDocument(
    int64_t council_id, const std::string& url, const std::string& bytes, const std::string& content_type,
    const std::function<void(const IngestProgress&)>& progress) {
  POL_ASSIGN_OR_RETURN(std::string utf8, DecodeDocument(bytes, content_type));
  Status error;
  std::vector<RawDocument> docs =
      DocumentsFrom(council_id, url, utf8, bytes, std::nullopt, {}, nullptr, &error);
  if (docs.empty() && !error.ok()) return error;
  POL_ASSIGN_OR_RETURN(IngestStats stats, IngestDocs(std::move(docs), progress));
  if (!error.ok()) stats.errors.insert(stats.errors.begin(), error.message());
  return stats;
}

StatusOr<IngestStats> MonitorService::IngestUrl(int64_t council_id, const std::string& url,
                                                const std::function<void(const IngestProgress&)>& progress) {
  std::vector<FetchResult> got = fetcher_->FetchAll({{url, "", ""}});
  if (!got[0].status.ok()) return got[0].status;
  POL_ASSIGN_OR_RETURN(std::string utf8, DecodeDocument(got[0].body, got[0].content_type));
  Status error;
  std::vector<std::string> links;
  const DocumentKind kind = SniffDocument(utf8);
  std::vector<RawDocument> docs =
      DocumentsFrom(council_id, got[0].final_url, utf8, got[0].body, std::nullopt, {.links = "-"},
                    kind == DocumentKind::kHtml ? nullptr : &links, &error);
  if (!error.ok()) return error;
  if (!links.empty()) {
    std::vector<FetchRequest> reqs;
    for (size_t i = 0; i < links.size() && i < kMaxLinksPerFetch; ++i) reqs.push_back({links[i], "", ""});
    for (auto& page : fetcher_->FetchAll(reqs)) {
      if (!page.status.ok()) continue;
      auto html = DecodeDocument(page.body, page.content_type);
      if (!html.ok()) continue;
      docs.push_back({.url = page.final_url,
                      .html = *html,
                      .raw = page.body,
                      .council_id = council_id,
                      .fetched_at = env_->NowMillis()});
    }
  }
  return IngestDocs(std::move(docs), progress);
}

StatusOr<IngestStats> MonitorService::FetchSource(int64_t source_id) {
  store::MonitorSource s;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(s, store::GetMonitorSource(c, source_id));
    return Status::Ok();
  }));
  const Selectors sel = SelectorsFrom(s.selectors);
  IngestStats stats;
  Status failure;
  std::string etag = s.etag, last_modified = s.last_modified;
  std::vector<FetchResult> got = fetcher_->FetchAll({{s.url, s.etag, s.last_modified}});
  FetchResult& feed = got[0];
  if (!feed.status.ok()) {
    failure = feed.status;
  } else if (!feed.not_modified) {
    etag = feed.etag;
    last_modified = feed.last_modified;
    auto utf8 = DecodeDocument(feed.body, feed.content_type);
    if (!utf8.ok()) {
      failure = utf8.status();
    } else {
      std::vector<std::string> links;
      Selectors listing = sel;
      if (s.kind != "listing") listing.links = "-";
      const DocumentKind kind = SniffDocument(*utf8);
      if (s.kind == "feed" && kind == DocumentKind::kHtml) {
        failure = InvalidArgument("malformed_feed", "خوراک خراب است: به جای RSS یا Atom صفحهٔ HTML برگشت.");
      } else {
        std::vector<RawDocument> docs =
            DocumentsFrom(s.council_id, feed.final_url, *utf8, feed.body, s.id, listing, &links, &failure);
        // Only pages not stored yet are fetched.
        std::vector<FetchRequest> reqs;
        POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
          for (const auto& l : links) {
            if (reqs.size() >= kMaxLinksPerFetch) break;
            POL_ASSIGN_OR_RETURN(auto found, store::FindMediaItem(c, s.council_id, CanonicalUrl(l), "", ""));
            if (found) {
              ++stats.duplicates;
            } else {
              reqs.push_back({l, "", ""});
            }
          }
          return Status::Ok();
        }));
        int page_failures = 0;
        for (auto& page : fetcher_->FetchAll(reqs)) {
          if (!page.status.ok()) {
            ++page_failures;
            if (stats.errors.size() < 5) stats.errors.push_back(page.url + ": " + page.status.message());
            continue;
          }
          auto html = DecodeDocument(page.body, page.content_type);
          if (!html.ok()) {
            ++page_failures;
            continue;
          }
          docs.push_back({.url = page.final_url,
                          .html = *html,
                          .raw = page.body,
                          .selectors = sel,
                          .source_id = s.id,
                          .council_id = s.council_id,
                          .fetched_at = env_->NowMillis()});
        }
        if (failure.ok() || !docs.empty()) {
          const int64_t dup_before = stats.duplicates;
          auto errors = stats.errors;
          POL_ASSIGN_OR_RETURN(stats, IngestDocs(std::move(docs), {}));
          stats.duplicates += dup_before;
          stats.errors.insert(stats.errors.begin(), errors.begin(), errors.end());
        }
        stats.failed += page_failures;
        if (failure.ok() && !reqs.empty() && page_failures == static_cast<int>(reqs.size())) {
          failure = FailedPrecondition("pages_failed",
                                       "هیچ‌یک از " + std::to_string(reqs.size()) +
                                           " صفحهٔ خبر دریافت نشد؛ نخستین خطا: " + stats.errors.front());
        }
      }
    }
  }
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    return store::RecordSourceFetch(c, s.id, now, failure.ok(), failure.message(), etag, last_modified,
                                    stats.inserted);
  }));
  if (!failure.ok()) {
    spdlog::warn("monitor: source {} ({}) unhealthy: {}", s.id, s.url, failure.message());
  } else {
    spdlog::info("monitor: source {} fetched: {}", s.id, Summarize(stats));
  }
  return stats;
}

// ---- Understanding ----

StatusOr<store::ItemPage> MonitorService::Search(const Actor& a, const ItemQuery& q) {
  store::ItemFilter f;
  if (!a.IsSystemAdmin()) {
    std::vector<int64_t> councils, agencies;
    for (const auto& g : a.principal->grants) {
      auto role = accounts::ParseRole(g.role);
      if (!role) continue;
      if (accounts::IsCouncilScoped(*role) && g.council_id) councils.push_back(*g.council_id);
      if (accounts::IsAgencyScoped(*role) && g.agency_id) agencies.push_back(*g.agency_id);
    }
    f.only_councils = councils;
    f.only_agencies = agencies;
  }
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
  POL_ASSIGN_OR_RETURN(bool visible, CanSeeItem(a, v.item));
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
  if (!ReadsCouncil(a, v.item.council_id)) {
    std::erase_if(v.mentions, [&](const store::MentionRow& m) {
      return !std::any_of(
          a.principal->grants.begin(), a.principal->grants.end(),
          [&](const store::RoleGrant& g) { return g.agency_id && *g.agency_id == m.agency_id; });
    });
  }
  return v;
}

StatusOr<store::MediaItem> MonitorService::SetTone(const Actor& a, int64_t id, const std::string& tone) {
  Tone parsed;
  if (!tone.empty() && !ParseTone(tone, &parsed)) {
    return InvalidArgument("invalid_field", "لحن باید مثبت، خنثی یا منفی باشد.", "tone");
  }
  POL_ASSIGN_OR_RETURN(ItemView v, GetItem(a, id));
  bool allowed = ManagesCouncil(a, v.item.council_id);
  if (!allowed && !a.IsSystem()) {
    for (const auto& m : v.mentions)
      allowed = allowed || a.principal->HasInAgency(Role::kAgencyPrManager, m.agency_id);
  }
  if (!allowed) return PermissionDenied();
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
    bool visible = a.IsSystemAdmin() || a.principal->CanReadCouncil(r.council_id);
    if (visible && !a.IsSystemAdmin() && !ReadsCouncil(a, r.council_id)) {
      visible = false;
      for (const auto& g : a.principal->grants) {
        if (!g.agency_id) continue;
        if (*g.agency_id == r.agency_id) visible = true;
        for (const auto& co : r.co_signers) visible = visible || co.agency_id == *g.agency_id;
      }
    }
    if (!visible) return NotFound("خبر پیدا نشد.");
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

StatusOr<nlohmann::json> MonitorService::Stats(const Actor& a, int64_t council_id,
                                               std::optional<int64_t> agency_id, int64_t from, int64_t to) {
  if (!a.IsSystemAdmin() && !a.principal->CanReadCouncil(council_id)) return NotFound("شورا پیدا نشد.");
  if (!ReadsCouncil(a, council_id)) {
    // Agency roles: their own agency only.
    if (!agency_id || !a.principal->HasInAgency(Role::kAgencyPrManager, *agency_id)) {
      bool own = false;
      for (const auto& g : a.principal->grants) own = own || (agency_id && g.agency_id == agency_id);
      if (!own) return NotFound("دستگاه پیدا نشد.");
    }
  }
  nlohmann::json mentions = nlohmann::json::array(), pickup_rates = nlohmann::json::array();
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto buckets, store::MentionStats(c, council_id, agency_id, from, to));
    for (const auto& b : buckets) {
      const text::JalaliDate j = text::JalaliFromDays(b.day);
      mentions.push_back({{"agency_id", b.agency_id},
                          {"day", text::FormatJalali(j, "yyyy/MM/dd", true)},
                          {"tone", b.tone},
                          {"items", b.items}});
    }
    POL_ASSIGN_OR_RETURN(auto rates, store::PickupRates(c, council_id, from, to));
    for (const auto& r : rates) {
      if (agency_id && r.agency_id != *agency_id) continue;
      pickup_rates.push_back({{"agency_id", r.agency_id},
                              {"month", r.month},
                              {"releases", r.releases},
                              {"picked_up", r.picked_up},
                              {"rate", r.releases ? static_cast<double>(r.picked_up) / r.releases : 0.0}});
    }
    return Status::Ok();
  }));
  return nlohmann::json{{"mentions", mentions}, {"pickup_rates", pickup_rates}};
}

// ---- Watch terms ----

StatusOr<std::vector<store::WatchTermRow>> MonitorService::ListWatchTerms(const Actor& a, int64_t agency_id) {
  std::vector<store::WatchTermRow> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Agency ag, store::GetAgency(c, agency_id));
    if (!a.IsSystemAdmin() && !a.principal->CanReadCouncil(ag.council_id))
      return NotFound("دستگاه پیدا نشد.");
    POL_ASSIGN_OR_RETURN(out, store::ListWatchTerms(c, std::nullopt, agency_id));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::WatchTermRow> MonitorService::AddWatchTerm(const Actor& a, int64_t agency_id,
                                                           const std::string& kind, const std::string& term) {
  static const std::set<std::string> kKinds{"name", "official", "programme"};
  if (!kKinds.contains(kind))
    return InvalidArgument("invalid_field", "نوع عبارت باید نام، مقام یا برنامه باشد.", "kind");
  const std::string norm = text::NormalizeDisplay(term);
  if (text::SearchTerms(norm).empty()) {
    return InvalidArgument(
        "invalid_field",
        "عبارت باید دست‌کم یک واژهٔ قابل جست‌وجو داشته باشد.",
        "term");
  }
  store::WatchTermRow w{.agency_id = agency_id, .kind = kind, .term = norm, .created_at = env_->NowMillis()};
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Agency ag, store::GetAgency(c, agency_id));
    if (!a.IsSystemAdmin() && !a.principal->CanReadCouncil(ag.council_id))
      return NotFound("دستگاه پیدا نشد.");
    if (!ManagesCouncil(a, ag.council_id) && !a.principal->HasInAgency(Role::kAgencyPrManager, agency_id)) {
      return PermissionDenied();
    }
    POL_ASSIGN_OR_RETURN(w.id, store::InsertWatchTerm(c, w));
    return accounts::Audit(c, a, w.created_at, "monitor.watch_term.create", "watch_term",
                           std::to_string(w.id), {.council_id = ag.council_id, .agency_id = agency_id},
                           {{"term", norm}, {"kind", kind}});
  }));
  POL_RETURN_IF_ERROR(ReloadMentions());
  return w;
}

Status MonitorService::DeleteWatchTerm(const Actor& a, int64_t id) {
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto agency_id, store::WatchTermAgency(c, id));
    if (!agency_id) return NotFound("عبارت پیدا نشد.");
    POL_ASSIGN_OR_RETURN(store::Agency ag, store::GetAgency(c, *agency_id));
    if (!a.IsSystemAdmin() && !a.principal->CanReadCouncil(ag.council_id)) return NotFound("عبارت پیدا نشد.");
    if (!ManagesCouncil(a, ag.council_id) && !a.principal->HasInAgency(Role::kAgencyPrManager, *agency_id)) {
      return PermissionDenied();
    }
    POL_RETURN_IF_ERROR(store::DeleteWatchTerm(c, id));
    return accounts::Audit(c, a, env_->NowMillis(), "monitor.watch_term.delete", "watch_term",
                           std::to_string(id), {.council_id = ag.council_id, .agency_id = *agency_id});
  }));
  return ReloadMentions();
}

// ---- Alert rules ----

StatusOr<std::vector<store::AlertRule>> MonitorService::ListAlertRules(const Actor& a, int64_t council_id) {
  if (!ReadsCouncil(a, council_id)) return NotFound("شورا پیدا نشد.");
  std::vector<store::AlertRule> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListAlertRules(c, council_id));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::AlertRule> MonitorService::AddAlertRule(const Actor& a, const store::AlertRule& in) {
  if (!a.IsSystemAdmin() && !a.principal->CanReadCouncil(in.council_id)) return NotFound("شورا پیدا نشد.");
  if (!ManagesCouncil(a, in.council_id)) return PermissionDenied();
  if (in.kind != "negative_national" && in.kind != "mention_burst") {
    return InvalidArgument("invalid_field", "نوع هشدار باید negative_national یا mention_burst باشد.",
                           "kind");
  }
  if (in.kind == "mention_burst" &&
      (in.threshold < 1 || in.window_minutes < 1 || in.window_minutes > 10080)) {
    return InvalidArgument("invalid_field", "آستانه و بازهٔ زمانی هشدار باید مثبت باشند.", "threshold");
  }
  store::AlertRule r = in;
  r.created_at = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    if (r.agency_id) {
      POL_ASSIGN_OR_RETURN(store::Agency ag, store::GetAgency(c, *r.agency_id));
      if (ag.council_id != r.council_id)
        return InvalidArgument("invalid_field", "این دستگاه عضو این شورا نیست.", "agency_id");
    }
    POL_ASSIGN_OR_RETURN(r.id, store::InsertAlertRule(c, r));
    return accounts::Audit(c, a, r.created_at, "monitor.alert_rule.create", "alert_rule",
                           std::to_string(r.id), {.council_id = r.council_id}, {{"kind", r.kind}});
  }));
  return r;
}

Status MonitorService::DeleteAlertRule(const Actor& a, int64_t id) {
  return db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::AlertRule r, store::GetAlertRule(c, id));
    if (!ReadsCouncil(a, r.council_id)) return NotFound("قاعدهٔ هشدار پیدا نشد.");
    if (!ManagesCouncil(a, r.council_id)) return PermissionDenied();
    POL_RETURN_IF_ERROR(store::DeleteAlertRule(c, id));
    return accounts::Audit(c, a, env_->NowMillis(), "monitor.alert_rule.delete", "alert_rule",
                           std::to_string(id), {.council_id = r.council_id});
  });
}

// ---- Saved searches ----

StatusOr<std::vector<store::SavedSearch>> MonitorService::ListSavedSearches(const Actor& a) {
  if (a.IsSystem()) return std::vector<store::SavedSearch>{};
  std::vector<store::SavedSearch> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListSavedSearches(c, a.principal->user_id));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::SavedSearch> MonitorService::SaveSearch(const Actor& a, const std::string& name,
                                                        const nlohmann::json& q) {
  if (a.IsSystem()) return PermissionDenied();
  const std::string n = text::NormalizeDisplay(name);
  if (n.empty())
    return InvalidArgument("required", "نامی برای جست‌وجو بنویسید.", "name");
  if (!q.is_object())
    return InvalidArgument("invalid_field",
                           "شرط‌های جست‌وجو باید یک شیء JSON باشند.", "query");
  if (q.contains("q") && q["q"].is_string())
    POL_RETURN_IF_ERROR(TranslateQuery(q["q"].get<std::string>()).status());
  store::SavedSearch s{
      .user_id = a.principal->user_id, .name = n, .query = q.dump(), .created_at = env_->NowMillis()};
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(s.id, store::InsertSavedSearch(c, s));
    return Status::Ok();
  }));
  return s;
}

Status MonitorService::DeleteSavedSearch(const Actor& a, int64_t id) {
  if (a.IsSystem()) return NotFound();
  return db_->Write(
      [&](store::Conn& c) -> Status { return store::DeleteSavedSearch(c, a.principal->user_id, id); });
}

// ---- Demo ----

namespace {
struct StarterSource {
  const char* name;
  const char* url;
  const char* kind;
  const char* outlet_type;
  const char* tier;
  double reach;
};
// Real outlets. National agencies publish RSS at these addresses; provincial desks are listing pages.
// Not fetched in tests; created disabled, so nothing is fetched until an administrator enables them.
constexpr StarterSource kStarterSources[] = {
    {"خبرگزاری جمهوری اسلامی (ایرنا)", "https://www.irna.ir/rss", "feed", "agency", "national", 10},
    {"خبرگزاری دانشجویان ایران (ایسنا)", "https://www.isna.ir/rss", "feed", "agency", "national", 9},
    {"خبرگزاری فارس", "https://www.farsnews.ir/rss", "feed", "agency", "national", 9},
    {"خبرگزاری مهر", "https://www.mehrnews.com/rss", "feed", "agency", "national", 8},
    {"خبرگزاری تسنیم", "https://www.tasnimnews.com/fa/rss/feed/0/7/0/", "feed", "agency", "national", 8},
    {"باشگاه خبرنگاران جوان", "https://www.yjc.ir/fa/rss/allnews", "feed", "agency", "national", 7},
    {"خبرگزاری صداوسیما", "https://www.iribnews.ir/fa/rss/allnews", "feed", "broadcaster", "national", 8},
    {"خبرگزاری کار ایران (ایلنا)", "https://www.ilna.ir/fa/rss", "feed", "agency", "national", 6},
    {"خبرآنلاین", "https://www.khabaronline.ir/rss", "feed", "site", "national", 6},
    {"ایرنا قزوین", "https://www.irna.ir/service/province/qazvin", "listing", "agency", "provincial", 4},
    {"ایسنا قزوین", "https://www.isna.ir/service/Province/qazvin", "listing", "agency", "provincial", 4},
    {"مهر قزوین", "https://www.mehrnews.com/service/provinces/qazvin", "listing", "agency", "provincial", 3},
};

struct StarterTerms {
  const char* slug;
  std::vector<std::pair<const char*, const char*>> terms;  // kind, term
};
}  // namespace

Status MonitorService::SeedDemo(int64_t council_id) {
  const std::vector<StarterTerms> kTerms = {
      {"tkr",
       {{"name", "اداره کل تعاون، کار و رفاه اجتماعی استان قزوین"},
        {"name", "تعاون، کار و رفاه اجتماعی"},
        {"name", "وزارت تعاون، کار و رفاه اجتماعی"},
        {"name", "وزارت کار"},
        {"programme", "طرح اشتغال روستایی"}}},
      {"tamin",
       {{"name", "تأمین اجتماعی"}, {"name", "سازمان تأمین اجتماعی"}, {"programme", "بیمهٔ کارگران ساختمانی"}}},
      {"behzisti", {{"name", "بهزیستی"}, {"name", "سازمان بهزیستی"}, {"programme", "مسکن مددجویان"}}},
      {"fanni", {{"name", "آموزش فنی و حرفه‌ای"}, {"name", "فنی و حرفه‌ای"}}},
      {"bazneshastegi", {{"name", "صندوق بازنشستگی کشوری"}, {"name", "بازنشستگی کشوری"}}},
      {"refah", {{"name", "بانک رفاه کارگران"}, {"name", "بانک رفاه"}}},
      {"omid", {{"name", "صندوق کارآفرینی امید"}}},
      {"tosee-taavon", {{"name", "بانک توسعهٔ تعاون"}, {"name", "بانک توسعه تعاون"}}},
      {"roostaei",
       {{"name", "صندوق بیمهٔ اجتماعی کشاورزان، روستاییان و عشایر"}, {"name", "بیمهٔ روستاییان و عشایر"}}},
  };
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto existing, store::ListMonitorSources(c, std::vector<int64_t>{council_id}, now));
    for (const auto& s : kStarterSources) {
      if (std::any_of(existing.begin(), existing.end(),
                      [&](const store::MonitorSource& e) { return e.url == s.url; })) {
        continue;
      }
      store::MonitorSource src{.council_id = council_id,
                               .name = s.name,
                               .url = s.url,
                               .kind = s.kind,
                               .outlet_type = s.outlet_type,
                               .tier = s.tier,
                               .reach_weight = s.reach,
                               .fetch_interval_s = 900,
                               .enabled = false,
                               .created_at = now,
                               .updated_at = now};
      POL_RETURN_IF_ERROR(store::InsertMonitorSource(c, src).status());
    }
    POL_ASSIGN_OR_RETURN(auto terms, store::ListWatchTerms(c, council_id, std::nullopt));
    if (terms.empty()) {
      for (const auto& t : kTerms) {
        POL_ASSIGN_OR_RETURN(auto agency, store::FindAgencyBySlug(c, council_id, t.slug));
        if (!agency) continue;
        for (const auto& [kind, term] : t.terms) {
          POL_RETURN_IF_ERROR(store::InsertWatchTerm(c, {.agency_id = agency->id,
                                                         .kind = kind,
                                                         .term = text::NormalizeDisplay(term),
                                                         .created_at = now})
                                  .status());
        }
      }
    }
    return Status::Ok();
  }));
  return ReloadMentions();
}

// ---- Jobs ----

Status RegisterMonitorJobs(jobs::WorkerPool& pool, MonitorService* service,
                           std::function<void(const IngestProgress&)> progress) {
  pool.Register(kFetchJob, [service](const jobs::Job& job, jobs::JobContext&) -> Status {
    nlohmann::json p = nlohmann::json::parse(job.payload_json, nullptr, false);
    if (!p.is_object() || !p.contains("source_id") || !p["source_id"].is_number_integer()) {
      return jobs::PermanentError("شناسهٔ منبع در کار نیست.");
    }
    return service->FetchSource(p["source_id"].get<int64_t>()).status();
  });
  pool.Register(kLookBackJob, [service](const jobs::Job& job, jobs::JobContext&) -> Status {
    nlohmann::json p = nlohmann::json::parse(job.payload_json, nullptr, false);
    if (!p.is_object() || !p.contains("release_id") || !p["release_id"].is_number_integer()) {
      return jobs::PermanentError("شناسهٔ خبر در کار نیست.");
    }
    POL_ASSIGN_OR_RETURN(int found, service->LookBack(p["release_id"].get<int64_t>()));
    spdlog::info("monitor.lookback job {}: {} pickups", job.id, found);
    return Status::Ok();
  });
  pool.Register(kIngestJob, [service, progress](const jobs::Job& job, jobs::JobContext&) -> Status {
    nlohmann::json p = nlohmann::json::parse(job.payload_json, nullptr, false);
    if (!p.is_object() || !p.contains("council_id") || !p["council_id"].is_number_integer()) {
      return jobs::PermanentError("شورا در کار ورود مشخص نیست.");
    }
    const int64_t council = p["council_id"].get<int64_t>();
    StatusOr<IngestStats> stats = Internal("empty ingest job");
    if (p.contains("url") && p["url"].is_string()) {
      stats = service->IngestUrl(council, p["url"].get<std::string>(), progress);
    } else if (p.contains("path") && p["path"].is_string()) {
      const std::string path = p["path"].get<std::string>();
      FILE* f = std::fopen(path.c_str(), "rb");
      if (f == nullptr) return jobs::PermanentError("پرونده «" + path + "» باز نشد.");
      std::string bytes;
      char buf[65536];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
      std::fclose(f);
      stats = service->IngestDocument(council, "file://" + path, bytes, "", progress);
    }
    if (!stats.ok()) return jobs::PermanentError(stats.status().message());
    spdlog::info("monitor.ingest job {}: {}", job.id, Summarize(*stats));
    return Status::Ok();
  });
  return Status::Ok();
}

}  // namespace pol::monitor
